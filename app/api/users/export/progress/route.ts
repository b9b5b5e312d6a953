import { NextResponse, type NextRequest } from "next/server";
import { isProgressId } from "@/lib/schemas/export";
import { exportProgress } from "@/lib/server/export";
import { forbiddenRoute, unauthenticated } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";

const NO_STORE = { "cache-control": "private, no-store" };

// Rows written so far by one of the operator's own exports (the browser polls this while its
// download runs). Someone else's export id answers like an unknown one.
export async function GET(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) return unauthenticated("exportUsersProgress");
  const refused = await forbiddenRoute("exportUsersProgress", operator);
  if (refused) return refused;
  const id = req.nextUrl.searchParams.get("id");
  if (!isProgressId(id)) return NextResponse.json({ ok: false, code: "INVALID_INPUT", message: "Not an export id." }, { status: 400, headers: NO_STORE });
  const progress = exportProgress(id, operator.email);
  if (!progress) return NextResponse.json({ ok: false, code: "NOT_FOUND", message: "No such export (yet)." }, { status: 404, headers: NO_STORE });
  return NextResponse.json(progress, { headers: NO_STORE });
}
