import { NextResponse, type NextRequest } from "next/server";
import { getCurrentStack } from "@/lib/server/current-project";
import { countUserSelection } from "@/lib/server/jobs";
import { forbiddenRoute, routeError, unauthenticated } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";

// How many users match the users table's filter (this query string, every page): the number a
// bulk job over "all matching" runs on, and the one a dangerous one is confirmed with. The
// start action counts again; this only tells the operator what to expect.
export async function GET(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) return unauthenticated("countJobTargets");
  const refused = await forbiddenRoute("countJobTargets", operator);
  if (refused) return refused;
  const { client, project } = await getCurrentStack();
  try {
    const count = await countUserSelection(client, { kind: "filter", search: req.nextUrl.searchParams.toString() });
    return NextResponse.json({ count }, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return routeError(err, { action: "countJobTargets", operator, project });
  }
}
