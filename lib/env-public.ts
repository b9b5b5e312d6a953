/**
 * The part of the environment that holds no secret and that code outside the app bundle reads:
 * next.config.ts (plain Node at build and start) and proxy.ts. Hence no "server-only" here;
 * lib/env.ts validates the same variables at start-up with these parsers.
 *
 * Requests are checked against the configured public URL, never against Host or
 * X-Forwarded-Host: both are whatever the client (or a misconfigured proxy) sends.
 */

export type EnvSource = Record<string, string | undefined>;

export interface RequestOriginPolicy {
  /** Origin of NEXTAUTH_URL (scheme, host, port), e.g. `https://admin.example.com`. */
  publicOrigin: string;
  /** The console is served over https: send HSTS. */
  https: boolean;
  /** More hosts a browser may post from (SERVER_ACTIONS_ALLOWED_ORIGINS): `host[:port]`, `*.` or `**.` wildcards. */
  allowedHosts: string[];
}

/** Upper bound of a server-action or route-handler body; next.config.ts hands it to Next too. */
export const REQUEST_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

const HOST_PATTERN_RE = /^(\*\*?\.)?([a-z0-9-]+\.)*[a-z0-9-]+(:\d{1,5})?$/i;

/**
 * SERVER_ACTIONS_ALLOWED_ORIGINS: comma-separated hosts, e.g. "admin.example.com,*.admin.example.com"
 * (the format of Next's `serverActions.allowedOrigins`). A full URL counts as its host.
 */
export function parseAllowedHosts(raw: string | undefined): { hosts: string[]; invalid: string[] } {
  const hosts: string[] = [];
  const invalid: string[] = [];
  for (const entry of (raw ?? "").split(",").map((e) => e.trim()).filter(Boolean)) {
    let host = entry;
    if (entry.includes("://")) {
      try {
        host = new URL(entry).host;
      } catch {
        host = "";
      }
    }
    if (HOST_PATTERN_RE.test(host)) hosts.push(host.toLowerCase());
    else invalid.push(entry);
  }
  return { hosts, invalid };
}

const BASE_PATH_RE = /^(\/[A-Za-z0-9._~-]+)+$/;

/**
 * BASE_PATH (e.g. `/admin`): the path prefix the console is served under, baked into the build
 * (Next's `basePath` is read by `next build`: https://nextjs.org/docs/app/api-reference/config/next-config-js/basePath).
 * Empty or unset: served at the root. Throws on a value Next would mis-handle.
 */
export function parseBasePath(raw: string | undefined): string {
  const value = (raw ?? "").trim();
  if (value === "" || value === "/") return "";
  if (!BASE_PATH_RE.test(value)) {
    throw new Error(`BASE_PATH: expected a path such as /admin (a leading slash, no trailing slash, no query); got ${JSON.stringify(value)}`);
  }
  return value;
}

/** NEXTAUTH_URL's origin; without it, next-auth's own fallback (http://localhost:PORT). */
export function publicOriginOf(env: EnvSource): string {
  const raw = env.NEXTAUTH_URL?.trim();
  if (raw) {
    try {
      const url = new URL(raw);
      if (url.protocol === "http:" || url.protocol === "https:") return url.origin;
    } catch {
      // lib/env.ts reports the bad value at start-up; until then fall through to the default.
    }
  }
  return `http://localhost:${env.PORT?.trim() || "3000"}`;
}

export function requestOriginPolicy(env: EnvSource): RequestOriginPolicy {
  const publicOrigin = publicOriginOf(env);
  return {
    publicOrigin,
    https: publicOrigin.startsWith("https://"),
    allowedHosts: parseAllowedHosts(env.SERVER_ACTIONS_ALLOWED_ORIGINS).hosts,
  };
}

/** The hosts Next's own server-action check accepts: the public host plus the configured extras. */
export function serverActionAllowedOrigins(policy: RequestOriginPolicy): string[] {
  return [new URL(policy.publicOrigin).host, ...policy.allowedHosts];
}

/** May a browser page at `origin` (the Origin request header) send this console a write? */
export function isAllowedOrigin(origin: string | null, policy: RequestOriginPolicy): boolean {
  // Browsers send the literal "null" from sandboxed frames, file: pages and some redirects.
  if (!origin || origin === "null") return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  // An Origin header is exactly scheme://host[:port]; anything more is not a browser's.
  if (url.origin !== origin.toLowerCase()) return false;
  if (url.origin === policy.publicOrigin) return true;
  return policy.allowedHosts.some((pattern) => hostMatches(url.host, pattern));
}

/** Next's allowedOrigins semantics: `*` is one DNS label, a leading `**` one or more. */
function hostMatches(host: string, pattern: string): boolean {
  const hostParts = host.toLowerCase().split(".");
  const patternParts = pattern.toLowerCase().split(".");
  if (patternParts.length === 1 && patternParts[0]!.startsWith("*")) return false;
  while (patternParts.length > 0) {
    const p = patternParts.pop()!;
    const h = hostParts.pop();
    if (!h) return false;
    if (p === "**") return patternParts.length === 0;
    if (p !== "*" && p !== h) return false;
  }
  return hostParts.length === 0;
}
