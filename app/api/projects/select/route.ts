import { NextResponse, type NextRequest } from "next/server";
import { getProject, PROJECT_COOKIE } from "@/lib/server/current-project";
import { auditAnonymousRefusal } from "@/lib/server/audit";
import { forbiddenRoute } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";

// Switches the operator's current project (the shell's switcher posts here). The cookie holds
// only a configured slug; POST only, so a cross-site link cannot switch it.
export async function POST(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) {
    await auditAnonymousRefusal("selectProject");
    return NextResponse.redirect(new URL("/sign-in", req.url), 303);
  }
  const refused = await forbiddenRoute("selectProject", operator);
  if (refused) return refused;
  const form = await req.formData().catch(() => null);
  const slug = String(form?.get("slug") ?? "");
  if (!getProject(slug)) return new NextResponse(`Unknown project "${slug.slice(0, 64)}".`, { status: 400 });
  const res = NextResponse.redirect(new URL("/", req.url), 303);
  res.cookies.set(PROJECT_COOKIE, slug, {
    httpOnly: true,
    sameSite: "lax",
    secure: req.nextUrl.protocol === "https:",
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
  return res;
}
