import { NextResponse, type NextRequest } from "next/server";
import { navItemsFor } from "@/lib/nav";
import { searchParamsSchema } from "@/lib/schemas/search";
import { getCurrentStack } from "@/lib/server/current-project";
import { forbiddenRoute, routeError, unauthenticated } from "@/lib/server/route-error";
import { maskedFor, maskSearchResult } from "@/lib/server/mask";
import { searchDirectory } from "@/lib/server/search";
import { getOperator } from "@/lib/server/session";

const noStore = { "cache-control": "private, no-store" };

// The command palette's lookup: users (and teams once their page exists) by e-mail, name or id.
export async function GET(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) return unauthenticated("search");
  const refused = await forbiddenRoute("search", operator);
  if (refused) return refused;
  const parsed = searchParamsSchema.safeParse({ q: req.nextUrl.searchParams.get("q") ?? undefined });
  if (!parsed.success) {
    return NextResponse.json({ ok: false, code: "INVALID_INPUT", message: parsed.error.issues[0]?.message ?? "Invalid search." }, { status: 400, headers: noStore });
  }
  const { client, project } = await getCurrentStack();
  try {
    // A team hit would lead nowhere until the teams page exists.
    const teams = navItemsFor(operator.role).some((item) => item.id === "teams");
    return NextResponse.json(maskedFor(operator.role, await searchDirectory(client, parsed.data.q, { teams }), maskSearchResult), { headers: noStore });
  } catch (err) {
    return routeError(err, { action: "search", operator, project });
  }
}
