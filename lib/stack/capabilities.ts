import "server-only";

import { randomUUID } from "node:crypto";
import { z } from "zod";

import type { StackClient } from "@/lib/stack/client";
import { isRouteMissing, StackHttpError, StackKnownError } from "@/lib/stack/errors";

/**
 * Which optional ([NEW]) features the target server has. Probed once per project (slug + apiUrl) and
 * cached for 10 minutes. Each probe is one GET, all in parallel. A route that exists answers a list or
 * a known error (USER_NOT_FOUND for a random user id, even auth errors: routing happens first); a
 * missing route answers a plain-text 404. Results of probes that could not decide (network, timeout,
 * 5xx) count as "absent" and are not cached.
 */
export interface StackCapabilities {
  /** GET/DELETE /auth/sessions */
  sessionListing: boolean;
  /** /oauth-providers */
  linkedOAuthAccounts: boolean;
  /** user object carries restricted_by_admin (and the PATCH accepts it) */
  adminRestriction: boolean;
  /** /project-permission-definitions, /project-permissions */
  projectPermissions: boolean;
  /** /user-api-keys, /team-api-keys */
  userApiKeys: boolean;
  /** false when some probe could not decide; such results are not cached. */
  complete: boolean;
  checkedAt: number;
}

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
  if (isRouteMissing(err)) return "absent";
  if (err instanceof StackKnownError) return "present";
  // Plain-text 4xx other than 404 (400 business rule, 403 …) come from a handler: the route exists.
  if (err instanceof StackHttpError && err.status >= 400 && err.status < 500 && err.status !== 404) return "present";
  return "unknown";
}

const userProbeSchema = z.looseObject({ items: z.array(z.record(z.string(), z.unknown())) });

async function probeAdminRestriction(client: StackClient): Promise<Probe> {
  try {
    const res = await client.request({
      path: "/users",
      query: { limit: "1" },
      schema: userProbeSchema,
      endpoint: "GET /users (capability probe)",
    });
    const first = res.items[0];
    if (first) return "restricted_by_admin" in first ? "present" : "absent";
  } catch {
    return "unknown";
  }
  // No user to look at: servers with the restriction model accept `include_restricted`; old ones reject
  // it as an unknown query parameter (SCHEMA_ERROR).
  try {
    await client.request({
      path: "/users",
      query: { limit: "1", include_restricted: "true" },
      schema: anything,
      endpoint: "GET /users (capability probe)",
    });
    return "present";
  } catch (err) {
    if (err instanceof StackKnownError && err.code === "SCHEMA_ERROR") return "absent";
    return "unknown";
  }
}

const cache = new Map<string, { value: Promise<StackCapabilities>; expiresAt: number }>();

async function probeAll(client: StackClient): Promise<StackCapabilities> {
  const ghost = randomUUID();
  // The admin project's path (/internal/projects/current vs the older /projects/current) is not probed
  // here: lib/stack/project.ts falls back on its own, only when a page needs the project.
  const [sessions, oauth, restriction, projectPerms, userKeys] = await Promise.all([
    probeRoute(client, "/auth/sessions", { user_id: ghost }),
    probeRoute(client, "/oauth-providers", { user_id: ghost }),
    probeAdminRestriction(client),
    probeRoute(client, "/project-permission-definitions"),
    probeRoute(client, "/user-api-keys", { user_id: ghost }),
  ]);
  const all = [sessions, oauth, restriction, projectPerms, userKeys];
  return {
    sessionListing: sessions === "present",
    linkedOAuthAccounts: oauth === "present",
    adminRestriction: restriction === "present",
    projectPermissions: projectPerms === "present",
    userApiKeys: userKeys === "present",
    complete: all.every((p) => p !== "unknown"),
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

export function resetCapabilitiesCacheForTests(): void {
  cache.clear();
}
