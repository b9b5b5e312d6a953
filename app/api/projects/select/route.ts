import { NextResponse, type NextRequest } from "next/server";
import { getProject, PROJECT_COOKIE } from "@/lib/server/current-project";
import { auditAnonymousRefusal } from "@/lib/server/audit";
import { getOperator } from "@/lib/server/session";

// Switches the operator's current project (the shell's switcher posts here). The cookie holds
// only a configured slug; POST only, so a cross-site link cannot switch it.
export async function POST(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) {
    await auditAnonymousRefusal("selectProject");
    return seeOther(req, "/sign-in");
  }
  const form = await req.formData().catch(() => null);
  const slug = String(form?.get("slug") ?? "");
  if (!getProject(slug)) return new NextResponse(`Unknown project "${slug.slice(0, 64)}".`, { status: 400 });
  const res = seeOther(req, "/");
  res.cookies.set(PROJECT_COOKIE, slug, {
    httpOnly: true,
    sameSite: "lax",
    secure: req.nextUrl.protocol === "https:",
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
  return res;
}

// A relative Location: req.url's host is the one the server listens on (localhost, 0.0.0.0 in a
// container), not the public one, and the page's CSP (form-action 'self') blocks a form redirect
// to another origin.
function seeOther(req: NextRequest, path: string) {
  return new NextResponse(null, { status: 303, headers: { location: `${req.nextUrl.basePath}${path}` } });
}
