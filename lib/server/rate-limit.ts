import "server-only";

import { getAdminDb } from "@/lib/server/admin-db";

// Failed sign-ins are limited two ways, in SQLite so the limits survive restarts and hold across
// the worker processes of one host:
// - per address: a sliding window across all accounts (password spraying from one place);
// - per (account, address) pair: exponential backoff after a few failures. There is deliberately no
//   limit per account alone: anyone could then lock an operator out by failing on purpose, while
//   the operator's own address stays free.
export const SIGN_IN_LIMITS = {
  /** Failures per address in the window. */
  perAddress: 20,
  addressWindowMs: 15 * 60 * 1000,
  /** Failures of one pair before backoff starts: then 1 s, 2 s, 4 s … up to maxBackoffMs. */
  freeFailures: 5,
  firstBackoffMs: 1000,
  maxBackoffMs: 15 * 60 * 1000,
  /** A pair's count starts over this long after its last failure. */
  pairForgetMs: 60 * 60 * 1000,
} as const;

export type SignInAttempt = { account: string; address: string; addressRow: number | bigint };
export type SignInGate = { allowed: true; attempt: SignInAttempt } | { allowed: false; retryAfterMs: number };

const addressKey = (address: string) => `ip:${address}`;
const normaliseAccount = (email: string) => email.trim().toLowerCase();

/** The wait the pair's failures impose after its last failure. */
export function backoffMs(failures: number): number {
  const over = failures - SIGN_IN_LIMITS.freeFailures;
  if (over < 0) return 0;
  return Math.min(SIGN_IN_LIMITS.firstBackoffMs * 2 ** over, SIGN_IN_LIMITS.maxBackoffMs);
}

/**
 * Checks both limits and, when allowed, records the attempt as a failure before the password is
 * checked (one transaction), so concurrent guesses cannot all pass the check while bcrypt runs.
 * A correct password then takes it back with `signInSucceeded`.
 */
export function beginSignInAttempt(email: string, address: string, now = Date.now()): SignInGate {
  const db = getAdminDb();
  const account = normaliseAccount(email);
  const L = SIGN_IN_LIMITS;
  return db.transaction((): SignInGate => {
    const since = now - L.addressWindowMs;
    db.prepare("DELETE FROM sign_in_attempts WHERE at_millis < ?").run(since);
    db.prepare("DELETE FROM sign_in_backoff WHERE last_failure_millis < ?").run(now - L.pairForgetMs);

    const recent = db
      .prepare("SELECT at_millis FROM sign_in_attempts WHERE key = ? AND at_millis >= ? ORDER BY at_millis DESC LIMIT 1 OFFSET ?")
      .pluck()
      .get(addressKey(address), since, L.perAddress - 1) as number | undefined;
    const addressWait = recent === undefined ? 0 : recent + L.addressWindowMs - now;

    const pair = db.prepare("SELECT failures, last_failure_millis AS last FROM sign_in_backoff WHERE account = ? AND address = ?").get(account, address) as
      | { failures: number; last: number }
      | undefined;
    const pairWait = pair ? pair.last + backoffMs(pair.failures) - now : 0;

    const retryAfterMs = Math.max(addressWait, pairWait, 0);
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };

    const addressRow = db.prepare("INSERT INTO sign_in_attempts (key, at_millis) VALUES (?, ?)").run(addressKey(address), now).lastInsertRowid;
    db.prepare(
      `INSERT INTO sign_in_backoff (account, address, failures, last_failure_millis) VALUES (?, ?, 1, ?)
       ON CONFLICT (account, address) DO UPDATE SET failures = failures + 1, last_failure_millis = excluded.last_failure_millis`,
    ).run(account, address, now);
    return { allowed: true, attempt: { account, address, addressRow } };
  })();
}

/** The password was wrong: the pair's wait runs from now, not from when bcrypt started. */
export function signInFailed(attempt: SignInAttempt, now = Date.now()): void {
  getAdminDb()
    .prepare("UPDATE sign_in_backoff SET last_failure_millis = MAX(last_failure_millis, ?) WHERE account = ? AND address = ?")
    .run(now, attempt.account, attempt.address);
}

/** The password was right: the attempt was no failure, and the pair starts over. */
export function signInSucceeded(attempt: SignInAttempt): void {
  const db = getAdminDb();
  db.transaction(() => {
    db.prepare("DELETE FROM sign_in_attempts WHERE rowid = ?").run(attempt.addressRow);
    db.prepare("DELETE FROM sign_in_backoff WHERE account = ? AND address = ?").run(attempt.account, attempt.address);
  })();
}

/** "3 seconds", "2 minutes": how long the sign-in form asks to wait. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
