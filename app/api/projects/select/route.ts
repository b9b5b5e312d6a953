import { NextResponse, type NextRequest } from "next/server";
import { getProject } from "@/lib/projects";
import { PROJECT_COOKIE } from "@/lib/server/current-project";
import { getOperator } from "@/lib/server/session";

// Switches the operator's current project. The cookie holds only a configured slug.
export async function GET(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) return NextResponse.redirect(new URL("/sign-in", req.url));
  const slug = req.nextUrl.searchParams.get("slug") ?? "";
  if (!getProject(slug)) return new NextResponse(`Unknown project "${slug.slice(0, 64)}".`, { status: 400 });
  const res = NextResponse.redirect(new URL("/", req.url));
  res.cookies.set(PROJECT_COOKIE, slug, {
    httpOnly: true,
    sameSite: "lax",
    secure: req.nextUrl.protocol === "https:",
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
  return res;
}
