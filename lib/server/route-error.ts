import "server-only";

import { NextResponse } from "next/server";
import { StackError, StackKnownError, StackHttpError } from "@/lib/stack/errors";

/** Route handlers answer upstream failures with the Stack code and a readable message, never a trace. */
export function routeError(err: unknown) {
  if (err instanceof StackKnownError) return NextResponse.json({ ok: false, code: err.code, message: err.message }, { status: err.status >= 500 ? 502 : err.status });
  if (err instanceof StackHttpError) return NextResponse.json({ ok: false, code: `HTTP_${err.status}`, message: err.message }, { status: 502 });
  if (err instanceof StackError) return NextResponse.json({ ok: false, code: "UPSTREAM_ERROR", message: err.message }, { status: 502 });
  const id = crypto.randomUUID();
  console.error(`[route] unexpected error (request ${id})`, err);
  return NextResponse.json({ ok: false, code: "INTERNAL", message: `Something went wrong (request ${id}).` }, { status: 500 });
}
