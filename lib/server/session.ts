import "server-only";

import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { connection } from "next/server";
import { getAuthOptions } from "@/lib/server/auth-options";
import { isRole, type Role } from "@/lib/roles";

export type OperatorSession = { email: string; name: string | null; role: Role };

/**
 * The signed-in operator, or null. Never trust a page for this: every action re-checks.
 * Memoized per request with React's cache (the layout and the page both ask); never shared between requests.
 */
export const getOperator = cache(async (): Promise<OperatorSession | null> => {
  // Per-request by nature: never prerendered at build time (where env and cookies don't exist).
  await connection();
  const session = await getServerSession(getAuthOptions());
  const user = session?.user as { email?: string | null; name?: string | null; role?: unknown } | undefined;
  if (!user?.email || !isRole(user.role)) return null;
  return { email: user.email, name: user.name ?? null, role: user.role };
});

/** For pages and layouts: the operator, or a redirect to sign-in. */
export async function requireOperator(): Promise<OperatorSession> {
  const op = await getOperator();
  if (!op) redirect("/sign-in");
  return op;
}
