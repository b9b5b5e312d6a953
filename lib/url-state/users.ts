import { defineTableUrl, field, type Field, type TableParams, type TableUrlState } from "./define";

export const USER_PAGE_SIZES = [10, 25, 50, 100] as const;
/** Stack's `order_by` values for GET /users (the columns that may sort map onto these). */
export const USER_SORTS = ["signed_up_at", "last_active_at"] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** all: signed-up users (Stack's default list); anonymous: only anonymous ones; everyone: both. */
export const USER_FILTERS = ["all", "anonymous", "everyone"] as const;
export const RESTRICTED_FILTERS = ["include", "exclude", "only"] as const;
export const VERIFIED_FILTERS = ["any", "yes", "no"] as const;
export const MAX_DOMAINS = 20;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Host names as Stack's excluded_email_domains compares them: exact, lowercase.
const DOMAIN_RE = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Comma-separated e-mail domains: lowercased, a leading "@" dropped, bad ones and repeats left out. */
export function parseDomains(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/[\s,]+/)) {
    const d = part.trim().toLowerCase().replace(/^@/, "");
    if (d && DOMAIN_RE.test(d) && !out.includes(d)) out.push(d);
  }
  return out.slice(0, MAX_DOMAINS);
}

const domains: Field<string[]> = {
  default: [],
  parse: (raw) => (raw.length <= 2000 ? parseDomains(raw) : undefined),
  format: (v) => v.join(","),
};

const uuid: Field<string | undefined> = {
  default: undefined,
  parse: (raw) => (UUID_RE.test(raw) ? raw.toLowerCase() : undefined),
  format: (v) => v ?? "",
};

const fields = {
  q: field.text(200),
  filter: field.oneOf(USER_FILTERS, "all"),
  restricted: field.oneOf(RESTRICTED_FILTERS, "include"),
  verified: field.oneOf(VERIFIED_FILTERS, "any"),
  /** Only users whose primary e-mail is at one of these domains. */
  domain: domains,
  /** No user whose primary e-mail is at one of these domains. */
  xdomain: domains,
  /** Only members of this team (GET /users?team_id). */
  team: uuid,
  sort: field.oneOf(USER_SORTS, "signed_up_at"),
  asc: field.flag(),
  pageSize: field.numberOf(USER_PAGE_SIZES, 25),
  /** The saved view this state was opened from (a label only: the other fields are the filter). */
  view: uuid,
};

/** URL state of the users table: read by the page, GET /api/users and the client table alike. */
export const usersUrl = defineTableUrl(fields);
export type UserListParams = TableParams<typeof fields>;
export type UsersUrlState = TableUrlState<typeof fields>;

/** The parameters a saved view keeps: the filter and the sort (not the page, its size or the view marker). */
export const VIEW_KEYS = ["q", "filter", "restricted", "verified", "domain", "xdomain", "team", "sort", "asc"] as const;

/** `?…` of the filter and sort alone (what a view stores, what an export or a job runs over). */
export function filterSearch(params: UserListParams): string {
  const kept = Object.fromEntries(VIEW_KEYS.map((k) => [k, params[k]]));
  return usersUrl.search({ params: { ...usersUrl.defaults, ...kept, cursor: undefined }, trail: [] });
}

/** Does the URL carry any filter or sort parameter (as opposed to only a view id)? */
export function hasFilterParams(raw: { has(key: string): boolean }): boolean {
  return VIEW_KEYS.some((k) => raw.has(k));
}

/** What the server can filter on; everything else the console filters over the pages it reads. */
export type UserListSupport = {
  /** include_anonymous / only_anonymous */
  anonymousFilter: boolean;
  /** include_restricted (the restriction model) */
  restrictedFilter: boolean;
  /** excluded_email_domains */
  excludedDomains: boolean;
};

/** The filters of `params` this server applies itself, and the ones the console applies. */
export type UserFilterPlan = {
  /** Sent to Stack. */
  server: { includeAnonymous: boolean; onlyAnonymous: boolean; includeRestricted: boolean; excludedDomains: string[]; teamId?: string };
  /** Applied by the console to each row it reads (null: no console filter). */
  console: { restricted?: "exclude" | "only"; verified?: "yes" | "no"; domains?: string[]; excludedDomains?: string[] } | null;
  /** Human names of the console's filters, for the note under the toolbar. */
  byConsole: string[];
};

/**
 * Splits the filter between Stack and the console. A filter the release cannot apply and the
 * console cannot reproduce (anonymous users, the restriction model) is dropped: older servers
 * have neither, so every user they list already matches.
 */
export function planUserFilter(params: UserListParams, support: UserListSupport): UserFilterPlan {
  const anon = support.anonymousFilter ? params.filter : "all";
  const restricted = support.restrictedFilter ? params.restricted : "include";
  const consoleSide: NonNullable<UserFilterPlan["console"]> = {};
  const byConsole: string[] = [];
  // Stack's default list leaves restricted users out; include_anonymous brings every kind in.
  const includeRestricted = support.restrictedFilter && (restricted !== "exclude" || anon !== "all");
  if (restricted === "only" || (restricted === "exclude" && anon === "everyone")) {
    consoleSide.restricted = restricted;
    byConsole.push(restricted === "only" ? "restricted only" : "without restricted");
  }
  if (params.verified !== "any") {
    consoleSide.verified = params.verified;
    byConsole.push(params.verified === "yes" ? "verified e-mail" : "unverified e-mail");
  }
  if (params.domain.length > 0) {
    consoleSide.domains = params.domain;
    byConsole.push("e-mail domain");
  }
  const serverExcluded = support.excludedDomains ? params.xdomain : [];
  if (params.xdomain.length > 0 && !support.excludedDomains) {
    consoleSide.excludedDomains = params.xdomain;
    byConsole.push("excluded domains");
  }
  return {
    server: {
      includeAnonymous: anon !== "all",
      onlyAnonymous: anon === "anonymous",
      includeRestricted,
      excludedDomains: serverExcluded,
      teamId: params.team,
    },
    console: byConsole.length > 0 ? consoleSide : null,
    byConsole,
  };
}

type FilterableRow = { primaryEmail: string | null; primaryEmailVerified: boolean; isAnonymous: boolean; isRestricted: boolean };

const domainOf = (email: string | null) => (email ? email.slice(email.lastIndexOf("@") + 1).toLowerCase() : null);

/**
 * The console's half of a plan, for one row. "Restricted" is Stack's restricted_reason other than
 * anonymous (an unverified e-mail the project requires, or an admin restriction), the users
 * include_restricted adds; "verified" is the primary e-mail's flag (no e-mail is not verified).
 */
export function matchesConsoleFilter(row: FilterableRow, filter: NonNullable<UserFilterPlan["console"]>): boolean {
  const restricted = row.isRestricted && !row.isAnonymous;
  if (filter.restricted === "only" && !restricted) return false;
  if (filter.restricted === "exclude" && restricted) return false;
  const verified = row.primaryEmail !== null && row.primaryEmailVerified;
  if (filter.verified === "yes" && !verified) return false;
  if (filter.verified === "no" && verified) return false;
  const domain = domainOf(row.primaryEmail);
  if (filter.domains && (domain === null || !filter.domains.includes(domain))) return false;
  if (filter.excludedDomains && domain !== null && filter.excludedDomains.includes(domain)) return false;
  return true;
}
