import "server-only";

import { NextResponse } from "next/server";
import { describeFailure } from "@/lib/server/failure";

/** Route handlers answer failures as `{ok:false, code, message}` with a fitting status. */
export function routeError(err: unknown) {
  const { code, message, httpStatus } = describeFailure(err);
  return NextResponse.json({ ok: false, code, message }, { status: httpStatus });
}
