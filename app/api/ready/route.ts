import { NextResponse } from "next/server";
import { getReadiness } from "@/lib/server/readiness";

// Readiness: every configured project's Stack API answers an authenticated read with one of its
// keys, and the console's database takes a write. Public for load balancers (proxy.ts), so the
// body holds slugs, check codes and key positions only: no key, URL, project id or message.
export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await getReadiness();
  return NextResponse.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
