import "server-only";

import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { connection } from "next/server";
import { getAuthOptions } from "@/lib/server/auth-options";
import { resolveSession, type OperatorSession, type SessionClaims } from "@/lib/server/operator-sessions";

export type { OperatorSession };

/**
 * The signed-in operator, or null. Never trust a page for this: every action re-checks.
 * Checked against the operators file, the absolute lifetime and ended sessions on every request
 * (resolveSession), with the role as it is now, not as it was at sign-in.
 * Memoized per request with React's cache (the layout and the page both ask); never shared between requests.
 */
export const getOperator = cache(async (): Promise<OperatorSession | null> => {
  // Per-request by nature: never prerendered at build time (where env and cookies don't exist).
  await connection();
  const session = await getServerSession(getAuthOptions());
  const user = session?.user as SessionClaims | undefined;
  return user ? resolveSession(user) : null;
});

/** For pages and layouts: the operator, or a redirect to sign-in. */
export async function requireOperator(): Promise<OperatorSession> {
  const op = await getOperator();
  if (!op) redirect("/sign-in");
  return op;
}
