import "server-only";

import { getAdminDb } from "@/lib/server/admin-db";

// Failed sign-ins per account and per IP in a sliding window. Stored in SQLite so that
// limits survive restarts and hold across the worker processes of one host.
const WINDOW_MS = 15 * 60 * 1000;
export const SIGN_IN_LIMITS = { perAccount: 5, perIp: 20 } as const;

const keys = (email: string, ip: string) => [`account:${email.trim().toLowerCase()}`, `ip:${ip}`] as const;

/** Returns the number of ms until the next attempt is allowed, or 0 if allowed now. */
export function signInRetryAfterMs(email: string, ip: string, now = Date.now()): number {
  const db = getAdminDb();
  const [acct, ipKey] = keys(email, ip);
  const since = now - WINDOW_MS;
  db.prepare("DELETE FROM sign_in_attempts WHERE at_millis < ?").run(since);
  const rows = (key: string) =>
    db.prepare("SELECT at_millis FROM sign_in_attempts WHERE key = ? AND at_millis >= ? ORDER BY at_millis").pluck().all(key, since) as number[];
  const check = (list: number[], limit: number) => (list.length >= limit ? list[list.length - limit]! + WINDOW_MS - now : 0);
  return Math.max(check(rows(acct), SIGN_IN_LIMITS.perAccount), check(rows(ipKey), SIGN_IN_LIMITS.perIp));
}

export function recordFailedSignIn(email: string, ip: string, now = Date.now()) {
  const db = getAdminDb();
  const insert = db.prepare("INSERT INTO sign_in_attempts (key, at_millis) VALUES (?, ?)");
  db.transaction(() => {
    for (const k of keys(email, ip)) insert.run(k, now);
  })();
}

export function clearFailedSignIns(email: string) {
  getAdminDb().prepare("DELETE FROM sign_in_attempts WHERE key = ?").run(keys(email, "")[0]);
}
