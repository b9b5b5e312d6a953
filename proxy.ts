import { NextResponse, type NextRequest } from "next/server";
import { refuseUndecodableActionBody } from "@/lib/server/action-body";

// Optimistic check only (Next's guidance for proxy): no session cookie → sign-in page.
// The real check runs in every layout, route handler and server action.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export async function proxy(req: NextRequest) {
  const undecodable = await refuseUndecodableActionBody(req);
  if (undecodable) return undecodable;
  const hasSession = SESSION_COOKIES.some((name) => req.cookies.has(name));
  if (hasSession) return NextResponse.next();
  if (req.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json({ ok: false, code: "UNAUTHENTICATED", message: "Sign in first." }, { status: 401 });
  }
  const url = new URL("/sign-in", req.url);
  if (req.nextUrl.pathname !== "/") url.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except next-auth's own routes, the sign-in page and static assets.
  matcher: ["/((?!api/auth|sign-in|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
