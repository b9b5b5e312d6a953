import { NextResponse } from "next/server";

// Liveness: the process serves HTTP. Public (proxy.ts lets it through without a session) and
// touches nothing else, so a slow Stack or database never gets a healthy replica restarted;
// readiness is /api/ready.
export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
