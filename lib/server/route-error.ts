import "server-only";

import crypto from "node:crypto";
import { NextResponse } from "next/server";
import { hasRole, ROUTE_MIN_ROLE, type RouteName } from "@/lib/roles";
import { auditAnonymousRefusal, safeAudit } from "@/lib/server/audit";
import type { OperatorSession } from "@/lib/server/session";
import { describeFailure, describeReadFailure, type ReadContext } from "@/lib/server/failure";

/** Route handlers answer failures as `{ok:false, code, message}` with a fitting status; reads name their context to be audited. */
export function routeError(err: unknown, read?: ReadContext) {
  const { code, message, httpStatus } = read ? describeReadFailure(err, read) : describeFailure(err);
  return NextResponse.json({ ok: false, code, message }, { status: httpStatus });
}

/** 401 for a route handler called without a valid session, audited. */
export async function unauthenticated(action: string) {
  await auditAnonymousRefusal(action);
  return NextResponse.json({ ok: false, code: "UNAUTHENTICATED", message: "Sign in first." }, { status: 401, headers: { "cache-control": "private, no-store" } });
}

/**
 * 403 for a route handler whose operator's role is below ROUTE_MIN_ROLE (lib/roles.ts), audited;
 * null when the role suffices.
 */
export async function forbiddenRoute(route: RouteName, operator: OperatorSession) {
  const minRole = ROUTE_MIN_ROLE[route];
  if (hasRole(operator.role, minRole)) return null;
  await safeAudit({ actor: { email: operator.email, role: operator.role }, action: route, status: "refused", errorCode: "FORBIDDEN", message: `needs role ${minRole}`, requestId: crypto.randomUUID() });
  return NextResponse.json(
    { ok: false, code: "FORBIDDEN", message: `This needs the ${minRole} role; you are ${operator.role}.` },
    { status: 403, headers: { "cache-control": "private, no-store" } },
  );
}
