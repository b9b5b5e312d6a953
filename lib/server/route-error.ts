import "server-only";

import { NextResponse } from "next/server";
import { auditAnonymousRefusal } from "@/lib/server/audit";
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
