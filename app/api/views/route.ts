import { NextResponse } from "next/server";
import { getCurrentStack } from "@/lib/server/current-project";
import { forbiddenRoute, routeError, unauthenticated } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";
import { listViews } from "@/lib/server/views";

// The current project's saved views, for the command palette (loaded when it opens).
export async function GET() {
  const operator = await getOperator();
  if (!operator) return unauthenticated("listViews");
  const refused = await forbiddenRoute("listViews", operator);
  if (refused) return refused;
  const { project } = await getCurrentStack();
  try {
    return NextResponse.json({ views: await listViews(project) }, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return routeError(err);
  }
}
