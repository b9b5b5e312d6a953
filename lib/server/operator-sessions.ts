import "server-only";

import { getServerEnv } from "@/lib/env";
import { sql } from "kysely";
import { getDb } from "@/lib/server/db";
import { findOperator, oidcRole } from "@/lib/server/operators";
import type { Role } from "@/lib/roles";

export type OperatorSession = { email: string; name: string | null; role: Role };

/** What the session JWT carries (see the jwt callback in auth-options.ts). */
export type SessionClaims = { email?: unknown; name?: unknown; provider?: unknown; signedInAt?: unknown; roleClaim?: unknown };

/** Sessions of `email` signed in before this instant are over (0: none were ended). */
export async function sessionsNotBefore(email: string): Promise<number> {
  const db = await getDb();
  const row = await db.selectFrom("operator_sessions_not_before").select("not_before_millis").where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  return row ? Number(row.not_before_millis) : 0;
}

/** Ends every session of `email` signed in until now, password or SSO, on every device. */
export async function endOperatorSessions(email: string, now = Date.now()): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("operator_sessions_not_before")
    .values({ email: email.trim().toLowerCase(), not_before_millis: now })
    // Never moves back (portable MAX: SQLite has no GREATEST, PostgreSQL no two-argument MAX).
    .onConflict((oc) =>
      oc.column("email").doUpdateSet({
        not_before_millis: sql`CASE WHEN excluded.not_before_millis > operator_sessions_not_before.not_before_millis THEN excluded.not_before_millis ELSE operator_sessions_not_before.not_before_millis END`,
      }),
    )
    .execute();
}

/**
 * The operator a session stands for right now, or null if the session is over: older than the
 * absolute lifetime (SESSION_MAX_AGE_HOURS, however active), ended by an owner, or its account no
 * longer has a role. The role is read from the current operators file (or, for SSO, the current
 * mapping) on every call, never from the token, so removal and demotion apply at once.
 */
export async function resolveSession(claims: SessionClaims, now = Date.now()): Promise<OperatorSession | null> {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const signedInAt = claims.signedInAt;
  if (!email || typeof signedInAt !== "number" || !Number.isFinite(signedInAt)) return null;
  // A clock a minute ahead is tolerated; a sign-in time further in the future is not ours.
  if (signedInAt > now + 60_000 || now - signedInAt >= getServerEnv().sessionMaxAgeMs) return null;
  if (signedInAt < (await sessionsNotBefore(email))) return null;
  if (claims.provider === "credentials") {
    const op = findOperator(email);
    return op ? { email: op.email, name: op.name ?? null, role: op.role } : null;
  }
  if (claims.provider === "oidc") {
    const role = oidcRole(email, claims.roleClaim);
    return role ? { email, name: typeof claims.name === "string" ? claims.name : null, role } : null;
  }
  return null;
}
