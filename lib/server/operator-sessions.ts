import "server-only";

import { getServerEnv } from "@/lib/env";
import { getAdminDb } from "@/lib/server/admin-db";
import { findOperator, oidcRole } from "@/lib/server/operators";
import type { Role } from "@/lib/roles";

export type OperatorSession = { email: string; name: string | null; role: Role };

/** What the session JWT carries (see the jwt callback in auth-options.ts). */
export type SessionClaims = { email?: unknown; name?: unknown; provider?: unknown; signedInAt?: unknown; roleClaim?: unknown };

/** Sessions of `email` signed in before this instant are over (0: none were ended). */
export function sessionsNotBefore(email: string): number {
  const row = getAdminDb().prepare("SELECT not_before_millis FROM operator_sessions_not_before WHERE email = ?").pluck().get(email.trim().toLowerCase());
  return typeof row === "number" ? row : 0;
}

/** Ends every session of `email` signed in until now, password or SSO, on every device. */
export function endOperatorSessions(email: string, now = Date.now()): void {
  getAdminDb()
    .prepare(
      `INSERT INTO operator_sessions_not_before (email, not_before_millis) VALUES (?, ?)
       ON CONFLICT (email) DO UPDATE SET not_before_millis = MAX(not_before_millis, excluded.not_before_millis)`,
    )
    .run(email.trim().toLowerCase(), now);
}

/**
 * The operator a session stands for right now, or null if the session is over: older than the
 * absolute lifetime (SESSION_MAX_AGE_HOURS, however active), ended by an owner, or its account no
 * longer has a role. The role is read from the current operators file (or, for SSO, the current
 * mapping) on every call, never from the token, so removal and demotion apply at once.
 */
export function resolveSession(claims: SessionClaims, now = Date.now()): OperatorSession | null {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const signedInAt = claims.signedInAt;
  if (!email || typeof signedInAt !== "number" || !Number.isFinite(signedInAt)) return null;
  // A clock a minute ahead is tolerated; a sign-in time further in the future is not ours.
  if (signedInAt > now + 60_000 || now - signedInAt >= getServerEnv().sessionMaxAgeMs) return null;
  if (signedInAt < sessionsNotBefore(email)) return null;
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
