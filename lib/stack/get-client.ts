import "server-only";

import { getServerEnv } from "@/lib/env";
import { noteUpstreamStatus } from "@/lib/request-context";
import { createStackClient, type StackClient, type StackClientOptions } from "@/lib/stack/client";
import { StackKnownError } from "@/lib/stack/errors";
import { projectCredentials, projectKeyRing } from "@/lib/stack/projects";

export class UnknownProjectError extends Error {
  constructor(slug: string) {
    super(`Unknown project "${slug}"`);
    this.name = "UnknownProjectError";
  }
}

/**
 * Stack's answers that mean "this key is not (or no longer) valid", as opposed to anything about
 * the request: `KnownErrors.InvalidSuperSecretAdminKey` and `AdminAuthenticationRequired` in
 * @stackframe/stack-shared. Both are refused before the route runs, so retrying even a write
 * with another key cannot apply it twice.
 */
const KEY_REFUSED = new Set(["INVALID_SUPER_SECRET_ADMIN_KEY", "ADMIN_AUTHENTICATION_REQUIRED"]);

/** After falling back to an older key, the newest is tried again this long after (it may have been created late). */
export const NEWEST_KEY_RECHECK_MS = 5 * 60_000;

export type KeyChoice = { current: number; since: number };

/** The order to try a project's keys in: the one that worked last, unless it is time to retry the newest. */
export function keyOrder(count: number, choice: KeyChoice, now: number): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  if (choice.current === 0 || now - choice.since >= NEWEST_KEY_RECHECK_MS) return all;
  return [choice.current, ...all.filter((i) => i !== choice.current)];
}

export type KeyRingClient = StackClient & {
  /** Which key answers now: its position in the configured list (1 = newest) and the list's length. Never the key. */
  keyInUse(): { position: number; of: number };
};

/**
 * One StackClient over several keys of a project (newest first): each request goes with the key
 * that worked last; a key Stack refuses passes the request to the next one, and the one that
 * works is remembered. With one key it behaves exactly like that key's client.
 */
export function createKeyRingClient(
  project: { slug: string; projectId: string; apiUrl: string },
  keys: string[],
  options: StackClientOptions = {},
  now: () => number = Date.now,
): KeyRingClient {
  if (keys.length === 0) throw new Error(`Project "${project.slug}" has no admin key`);
  const clients = keys.map((adminKey) => createStackClient({ ...project, adminKey }, options));
  const choice: KeyChoice = { current: 0, since: now() };
  return {
    projectSlug: project.slug,
    projectId: project.projectId,
    apiUrl: project.apiUrl,
    async request(req) {
      const order = keyOrder(clients.length, choice, now());
      const rechecking = choice.current !== 0 && order[0] === 0;
      for (const [n, i] of order.entries()) {
        try {
          const result = await clients[i]!.request(req);
          if (i !== choice.current || rechecking) Object.assign(choice, { current: i, since: now() });
          return result;
        } catch (err) {
          const refused = err instanceof StackKnownError && KEY_REFUSED.has(err.code);
          if (!refused || n === order.length - 1) throw err;
        }
      }
      throw new Error("unreachable");
    },
    keyInUse: () => ({ position: choice.current + 1, of: clients.length }),
  };
}

const clients = new Map<string, { fingerprint: string; ring: KeyRingClient; client: StackClient }>();

function entryFor(slug: string) {
  const creds = projectCredentials(slug);
  if (!creds) throw new UnknownProjectError(slug);
  const keys = projectKeyRing(slug);
  const timeoutMs = getServerEnv().stack.requestTimeoutMs;
  // Rebuilt when the config changes (tests swap the environment); the keys stay in this module.
  const fingerprint = JSON.stringify([timeoutMs, creds.apiUrl, creds.projectId, keys]);
  const hit = clients.get(creds.slug);
  if (hit && hit.fingerprint === fingerprint) return hit;
  const ring = createKeyRingClient(creds, keys, { timeoutMs, onResponse: noteUpstreamStatus });
  // What everything above lib/stack gets: the plain client shape, no key bookkeeping.
  const client: StackClient = { projectSlug: ring.projectSlug, projectId: ring.projectId, apiUrl: ring.apiUrl, request: ring.request };
  const entry = { fingerprint, ring, client };
  clients.set(creds.slug, entry);
  return entry;
}

/** The Stack client of a configured project. Cached per slug; rebuilt when its config changes. */
export function getStackClient(slug: string): StackClient {
  return entryFor(slug).client;
}

/** Which of the project's configured keys the console uses now (for /api/ready). */
export function projectKeyInUse(slug: string): { position: number; of: number } {
  return entryFor(slug).ring.keyInUse();
}
