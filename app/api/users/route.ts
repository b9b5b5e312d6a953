import { NextResponse, type NextRequest } from "next/server";
import { getCurrentStack } from "@/lib/server/current-project";
import { forbiddenRoute, routeError, unauthenticated } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";
import { maskedFor, maskUserPage } from "@/lib/server/mask";
import { listUserPage } from "@/lib/server/users";
import { usersUrl } from "@/lib/url-state/users";

// Client-driven reads of the users table (React Query): one page per request.
export async function GET(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) return unauthenticated("listUsers");
  const refused = await forbiddenRoute("listUsers", operator);
  if (refused) return refused;
  const { params } = usersUrl.parse(req.nextUrl.searchParams);
  const { client, project } = await getCurrentStack();
  try {
    return NextResponse.json(maskedFor(operator.role, await listUserPage(client, params), maskUserPage), { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    return routeError(err, { action: "listUsers", operator, project });
  }
}
