import "server-only";

import { randomUUID } from "node:crypto";
import { z } from "zod";

import type { StackClient } from "@/lib/stack/client";
import { isRouteMissing, StackHttpError, StackKnownError } from "@/lib/stack/errors";

/**
 * Which optional ([NEW]) features the target server has. Probed once per project (slug + apiUrl) and
 * cached for 10 minutes. Each probe is one GET, all in parallel. A route that exists answers a list or
 * a known error (USER_NOT_FOUND for a random user id, even auth errors: routing happens first); a
 * missing route answers a plain-text 404. A query parameter the server does not know is refused with
 * SCHEMA_ERROR, whose message names every refused parameter: one `limit=1` list with all the optional
 * parameters tells which of them the server knows. Results of probes that could not decide (network,
 * timeout, 5xx) count as "absent" and are not cached.
 *
 * Not probed: config fields (OAuth provider `enabled`, trusted-domain and e-mail-server rules): the
 * settings page reads which ones the admin project carries (lib/server/settings.ts).
 */
export interface StackCapabilities {
  /** GET/DELETE /auth/sessions */
  sessionListing: boolean;
  /** /oauth-providers */
  linkedOAuthAccounts: boolean;
  /** the restriction model: include_restricted on the list, restricted_by_admin on users (arrived together) */
  adminRestriction: boolean;
  /** /project-permission-definitions, /project-permissions */
  projectPermissions: boolean;
  /** /user-api-keys, /team-api-keys */
  userApiKeys: boolean;
  /** GET /users parameters beyond limit/cursor/order_by=signed_up_at/desc/query/team_id. */
  userList: UserListCapabilities;
  /** GET /teams takes limit/cursor/query (is_paginated: true); older servers list every team at once. */
  teamsPaginated: boolean;
  /** GET /internal/metrics/user-counts */
  userCounts: boolean;
  /** false when some probe could not decide; such results are not cached. */
  complete: boolean;
  checkedAt: number;
}

export interface UserListCapabilities {
  /** order_by=last_active_at */
  lastActiveSort: boolean;
  includeRestricted: boolean;
  /** include_anonymous and only_anonymous */
  anonymousFilter: boolean;
  excludedEmailDomains: boolean;
}

/** The optional GET /users parameters, each with the probe value that proves the server knows it. */
const USER_LIST_PROBE: Record<keyof UserListCapabilities, Record<string, string>> = {
  lastActiveSort: { order_by: "last_active_at" },
  includeRestricted: { include_restricted: "true" },
  anonymousFilter: { include_anonymous: "true", only_anonymous: "true" },
  excludedEmailDomains: { excluded_email_domains: "example.invalid" },
};

type Probe = "present" | "absent" | "unknown";

export const CAPABILITIES_TTL_MS = 10 * 60 * 1000;
const anything = z.unknown();

async function probeRoute(client: StackClient, path: string, query?: Record<string, string>): Promise<Probe> {
  try {
    await client.request({ path, query, schema: anything, endpoint: `GET ${path} (capability probe)` });
    return "present";
  } catch (err) {
    return classifyProbeError(err);
  }
}

export function classifyProbeError(err: unknown): Probe {
  // 405: the path exists without this method (2025-02 has POST /auth/sessions but no listing).
  if (isRouteMissing(err) || (err instanceof StackHttpError && err.status === 405)) return "absent";
  if (err instanceof StackKnownError) return "present";
  // Plain-text 4xx other than 404 (400 business rule, 403 …) come from a handler: the route exists.
  if (err instanceof StackHttpError && err.status >= 400 && err.status < 500 && err.status !== 404) return "present";
  return "unknown";
}

/**
 * The query parameters a SCHEMA_ERROR refuses: "query contains unknown properties: a, b" and
 * "query.x must be one of the following values: …" lines (yup reports every failing rule at once).
 */
export function refusedQueryParams(err: unknown): Set<string> {
  const refused = new Set<string>();
  if (!(err instanceof StackKnownError) || err.code !== "SCHEMA_ERROR") return refused;
  for (const line of err.message.split("\n")) {
    const unknown = /query contains unknown properties: (.+)$/.exec(line);
    if (unknown) for (const name of unknown[1]!.split(",")) refused.add(name.trim());
    const value = /query\.([a-z_]+) must be one of the following values/.exec(line);
    if (value) refused.add(value[1]!);
  }
  return refused;
}

type UserListProbe = { caps: UserListCapabilities; decided: boolean };
const NO_USER_LIST_EXTRAS: UserListCapabilities = { lastActiveSort: false, includeRestricted: false, anonymousFilter: false, excludedEmailDomains: false };

async function probeUserListParams(client: StackClient, features: (keyof UserListCapabilities)[]): Promise<UserListProbe> {
  const query = Object.assign({ limit: "1" }, ...features.map((f) => USER_LIST_PROBE[f])) as Record<string, string>;
  try {
    await client.request({ path: "/users", query, schema: anything, endpoint: "GET /users (capability probe)" });
    return { caps: { ...NO_USER_LIST_EXTRAS, ...Object.fromEntries(features.map((f) => [f, true])) }, decided: true };
  } catch (err) {
    const refused = refusedQueryParams(err);
    if (refused.size === 0) return { caps: NO_USER_LIST_EXTRAS, decided: false };
    const caps = { ...NO_USER_LIST_EXTRAS };
    for (const f of features) caps[f] = !Object.keys(USER_LIST_PROBE[f]).some((name) => refused.has(name));
    return { caps, decided: true };
  }
}

/** One request for all optional list parameters; when the refusal cannot be read, one request each. */
async function probeUserList(client: StackClient): Promise<UserListProbe> {
  const features = Object.keys(USER_LIST_PROBE) as (keyof UserListCapabilities)[];
  const all = await probeUserListParams(client, features);
  if (all.decided) return all;
  const each = await Promise.all(features.map((f) => probeUserListParams(client, [f])));
  return {
    caps: Object.fromEntries(features.map((f, i) => [f, each[i]!.caps[f]])) as unknown as UserListCapabilities,
    decided: each.every((p) => p.decided),
  };
}

const teamsProbeSchema = z.looseObject({ is_paginated: z.boolean().optional() });

async function probeTeamsPaginated(client: StackClient): Promise<Probe> {
  try {
    const res = await client.request({ path: "/teams", query: { limit: "1" }, schema: teamsProbeSchema, endpoint: "GET /teams (capability probe)" });
    return res.is_paginated === false ? "absent" : "present";
  } catch (err) {
    return refusedQueryParams(err).has("limit") ? "absent" : "unknown";
  }
}

const cache = new Map<string, { value: Promise<StackCapabilities>; expiresAt: number }>();

async function probeAll(client: StackClient): Promise<StackCapabilities> {
  const ghost = randomUUID();
  // The admin project's path (/internal/projects/current vs the older /projects/current) is not probed
  // here: lib/stack/project.ts falls back on its own, only when a page needs the project.
  const [sessions, oauth, userList, projectPerms, userKeys, teams, userCounts] = await Promise.all([
    probeRoute(client, "/auth/sessions", { user_id: ghost }),
    probeRoute(client, "/oauth-providers", { user_id: ghost }),
    probeUserList(client),
    probeRoute(client, "/project-permission-definitions"),
    probeRoute(client, "/user-api-keys", { user_id: ghost }),
    probeTeamsPaginated(client),
    probeRoute(client, "/internal/metrics/user-counts"),
  ]);
  const routes = [sessions, oauth, projectPerms, userKeys, teams, userCounts];
  return {
    sessionListing: sessions === "present",
    linkedOAuthAccounts: oauth === "present",
    adminRestriction: userList.caps.includeRestricted,
    projectPermissions: projectPerms === "present",
    userApiKeys: userKeys === "present",
    userList: userList.caps,
    teamsPaginated: teams === "present",
    userCounts: userCounts === "present",
    complete: userList.decided && routes.every((p) => p !== "unknown"),
    checkedAt: Date.now(),
  };
}

/** Capabilities of the server behind `client`; `projectKey` is the project slug. */
export async function getCapabilities(client: StackClient, projectKey: string): Promise<StackCapabilities> {
  const key = `${projectKey}|${client.apiUrl}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now) return hit.value;

  const value = probeAll(client);
  cache.set(key, { value, expiresAt: now + CAPABILITIES_TTL_MS });
  try {
    const caps = await value;
    if (!caps.complete) cache.delete(key);
    return caps;
  } catch (err) {
    cache.delete(key);
    throw err;
  }
}

/**
 * Forgets what was learnt about this project's server: call it when a Stack answer shows the cached
 * capabilities are wrong (a SCHEMA_ERROR for a parameter they said was known; an upgraded server).
 */
export function forgetCapabilities(client: StackClient, projectKey: string): void {
  cache.delete(`${projectKey}|${client.apiUrl}`);
}

export function resetCapabilitiesCacheForTests(): void {
  cache.clear();
}
