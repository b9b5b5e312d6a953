import "server-only";

import { sql } from "kysely";
import { getDb, LOCKS, withWriteLock } from "@/lib/server/db";

// Failed sign-ins are limited two ways, in the console's database so the limits survive restarts
// and hold across processes and replicas (SQLite file or shared PostgreSQL):
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

export type SignInAttempt = { account: string; address: string; addressRow: number };
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
 * checked (one serialized transaction), so concurrent guesses cannot all pass the check while
 * bcrypt runs. A correct password then takes it back with `signInSucceeded`.
 */
export async function beginSignInAttempt(email: string, address: string, now = Date.now()): Promise<SignInGate> {
  const account = normaliseAccount(email);
  const L = SIGN_IN_LIMITS;
  return withWriteLock(LOCKS.signIn, async (db): Promise<SignInGate> => {
    const since = now - L.addressWindowMs;
    await db.deleteFrom("sign_in_attempts").where("at_millis", "<", since).execute();
    await db.deleteFrom("sign_in_backoff").where("last_failure_millis", "<", now - L.pairForgetMs).execute();

    const recent = await db
      .selectFrom("sign_in_attempts")
      .select("at_millis")
      .where("key", "=", addressKey(address))
      .where("at_millis", ">=", since)
      .orderBy("at_millis", "desc")
      .limit(1)
      .offset(L.perAddress - 1)
      .executeTakeFirst();
    const addressWait = recent === undefined ? 0 : Number(recent.at_millis) + L.addressWindowMs - now;

    const pair = await db
      .selectFrom("sign_in_backoff")
      .select(["failures", "last_failure_millis"])
      .where("account", "=", account)
      .where("address", "=", address)
      .executeTakeFirst();
    const pairWait = pair ? Number(pair.last_failure_millis) + backoffMs(pair.failures) - now : 0;

    const retryAfterMs = Math.max(addressWait, pairWait, 0);
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };

    const row = await db.insertInto("sign_in_attempts").values({ key: addressKey(address), at_millis: now }).returning("id").executeTakeFirstOrThrow();
    await db
      .insertInto("sign_in_backoff")
      .values({ account, address, failures: 1, last_failure_millis: now })
      .onConflict((oc) => oc.columns(["account", "address"]).doUpdateSet({ failures: sql`sign_in_backoff.failures + 1`, last_failure_millis: now }))
      .execute();
    return { allowed: true, attempt: { account, address, addressRow: Number(row.id) } };
  });
}

/** The password was wrong: the pair's wait runs from now, not from when bcrypt started. */
export async function signInFailed(attempt: SignInAttempt, now = Date.now()): Promise<void> {
  const db = await getDb();
  await db
    .updateTable("sign_in_backoff")
    .set({ last_failure_millis: now })
    .where("account", "=", attempt.account)
    .where("address", "=", attempt.address)
    .where("last_failure_millis", "<", now)
    .execute();
}

/** The password was right: the attempt was no failure, and the pair starts over. */
export async function signInSucceeded(attempt: SignInAttempt): Promise<void> {
  await withWriteLock(LOCKS.signIn, async (db) => {
    await db.deleteFrom("sign_in_attempts").where("id", "=", attempt.addressRow).execute();
    await db.deleteFrom("sign_in_backoff").where("account", "=", attempt.account).where("address", "=", attempt.address).execute();
  });
}

/** "3 seconds", "2 minutes": how long the sign-in form asks to wait. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
