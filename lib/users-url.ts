// URL state of the users table (shareable, back-button friendly), parsed without zod so the list route's JS stays
// small. users-url.test.ts proves this agrees with userListParamsSchema (the server's parser).
import type { UserListParams } from "@/lib/schemas/users";

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const SORT_FIELDS = ["signed_up_at", "last_active_at"] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/**
 * Stack cursors are opaque and forward-only, so the cursors of the pages between page 1 and the
 * current one travel in `trail` (comma-separated, oldest first). Page number = trail + 2 when
 * there is a cursor, else 1.
 */
export type UsersUrlState = { params: UserListParams; trail: string[] };

type Raw = Record<string, string | string[] | undefined> | URLSearchParams;

function get(raw: Raw, key: string): string | undefined {
  if (raw instanceof URLSearchParams) return raw.get(key) ?? undefined;
  const v = raw[key];
  return Array.isArray(v) ? v[0] : v;
}

const MAX_TRAIL = 200;

export function parseUsersUrl(raw: Raw): UsersUrlState {
  const params: UserListParams = {};
  const q = get(raw, "q")?.trim();
  if (q && q.length <= 200) params.q = q;
  const cursor = get(raw, "cursor");
  if (cursor && cursor.length <= 200) params.cursor = cursor;
  const pageSize = Number(get(raw, "pageSize"));
  if ((PAGE_SIZES as readonly number[]).includes(pageSize)) params.pageSize = pageSize;
  const sort = get(raw, "sort");
  if ((SORT_FIELDS as readonly string[]).includes(sort ?? "")) params.sort = sort as SortField;
  if (get(raw, "asc") === "1") params.asc = "1";
  const filter = get(raw, "filter");
  if (filter === "all" || filter === "anonymous") params.filter = filter;
  const trail = params.cursor
    ? (get(raw, "trail") ?? "")
        .split(",")
        .filter((c) => c.length > 0 && c.length <= 200)
        .slice(-MAX_TRAIL)
    : [];
  return { params, trail };
}

/** Serializes state; defaults stay out of the URL. */
export function usersUrlSearch({ params, trail }: UsersUrlState): string {
  const sp = new URLSearchParams();
  if (params.q) sp.set("q", params.q);
  if (params.filter && params.filter !== "all") sp.set("filter", params.filter);
  if (params.sort && params.sort !== "signed_up_at") sp.set("sort", params.sort);
  if (params.asc === "1") sp.set("asc", "1");
  if (params.pageSize && params.pageSize !== DEFAULT_PAGE_SIZE) sp.set("pageSize", String(params.pageSize));
  if (params.cursor) {
    sp.set("cursor", params.cursor);
    if (trail.length > 0) sp.set("trail", trail.join(","));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/** The params that select a page of data (the query key); trail and defaults excluded. */
export function normalizeParams(p: UserListParams): UserListParams {
  const out: UserListParams = {};
  if (p.q) out.q = p.q;
  if (p.cursor) out.cursor = p.cursor;
  if (p.pageSize && p.pageSize !== DEFAULT_PAGE_SIZE) out.pageSize = p.pageSize;
  if (p.sort && p.sort !== "signed_up_at") out.sort = p.sort;
  if (p.asc === "1") out.asc = "1";
  if (p.filter === "anonymous") out.filter = "anonymous";
  return out;
}

export function pageNumber(state: UsersUrlState): number {
  return state.params.cursor ? state.trail.length + 2 : 1;
}
