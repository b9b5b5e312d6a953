import { NextResponse, type NextRequest } from "next/server";
import { isAllowedOrigin, REQUEST_BODY_LIMIT_BYTES, requestOriginPolicy, type RequestOriginPolicy } from "@/lib/env-public";
import { hasDanglingReference } from "@/lib/server/action-body";

// Runs before every page, route handler and server action (static assets excepted). In order:
// refuse what no handler should see (undecodable paths, writes from a foreign or missing Origin,
// oversized or malformed bodies), then the optimistic session check, then a per-request CSP nonce.
// The real session check still runs in every layout, route handler and server action.

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
/** Reachable without a session: next-auth's own routes and the sign-in page. */
const PUBLIC_PATH_RE = /^\/(api\/auth|sign-in)(\/|$)/;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// One year; no includeSubDomains, which would bind the operator's other hosts too.
const HSTS = "max-age=31536000";

let cachedPolicy: RequestOriginPolicy | null = null;
const policy = () => (cachedPolicy ??= requestOriginPolicy(process.env));

export async function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  // Next decodes dynamic segments itself and answers a bare 500 when it cannot.
  if (!isDecodable(pathname)) return refuse(400, "BAD_REQUEST", "The request path is not valid URL encoding.");
  if (!SAFE_METHODS.has(req.method)) {
    // Next's own server-action check lets a request without Origin through and trusts
    // X-Forwarded-Host; route handlers and next-auth get no check at all. Browsers send Origin
    // with every POST, so a write without a matching one is not from this console's pages.
    if (!isAllowedOrigin(req.headers.get("origin"), policy())) {
      return refuse(403, "FORBIDDEN_ORIGIN", "This request did not come from a page of this console.");
    }
    // Browsers always declare the length of what they post; Node enforces it, so this bounds the body.
    const length = req.headers.get("content-length");
    if (length === null && req.headers.has("transfer-encoding")) {
      return refuse(411, "LENGTH_REQUIRED", "Send the request body with a Content-Length.");
    }
    if (Number(length ?? 0) > REQUEST_BODY_LIMIT_BYTES) {
      return refuse(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${REQUEST_BODY_LIMIT_BYTES / 1024 / 1024} MB.`);
    }
    // A fetch action sends its arguments as one JSON text. Next hands anything else to React's
    // decoder, which throws (a 500) on text that is not JSON and overflows its stack on deep nesting.
    if (req.headers.has("next-action") && /^text\/plain\b/i.test(req.headers.get("content-type") ?? "")) {
      const text = await req.text();
      if (!isActionJson(text) || hasDanglingReference(JSON.parse(text))) return refuse(400, "BAD_REQUEST", "The server action body is not well-formed.");
    }
  }

  // Server actions and route handlers check the session themselves and audit the refusal, so
  // only page navigations are sent to sign-in here.
  const checksItsOwnSession = req.headers.has("next-action") || pathname.startsWith("/api/");
  // A read of a route handler answers JSON or CSV, never a page with scripts: no nonce to make,
  // no request headers to copy for Next (next-auth's own pages under /api/auth keep theirs).
  if (checksItsOwnSession && SAFE_METHODS.has(req.method) && !PUBLIC_PATH_RE.test(pathname) && !req.headers.has("next-action")) {
    return withTransportSecurity(NextResponse.next());
  }
  const hasSession = SESSION_COOKIES.some((name) => req.cookies.has(name));
  if (!hasSession && !PUBLIC_PATH_RE.test(pathname) && !checksItsOwnSession) {
    // nextUrl keeps the build's basePath (BASE_PATH), a bare URL would drop it.
    const url = req.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = "";
    if (pathname !== "/") url.searchParams.set("callbackUrl", pathname + req.nextUrl.search);
    return withTransportSecurity(NextResponse.redirect(url));
  }

  // Next reads the nonce from the request's CSP header and puts it on its own scripts
  // (https://nextjs.org/docs/app/guides/content-security-policy); the root layout hands
  // x-nonce to next-themes' inline script.
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https: policy().https });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("content-security-policy", csp);
  return withTransportSecurity(res);
}

/** script-src allows only this response's nonce and what nonced scripts load ('strict-dynamic'). */
function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build evaluates server stacks; production needs no eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Radix positions popovers with inline style attributes, which a style nonce cannot cover.
    "style-src 'self' 'unsafe-inline'",
    // Avatars come from arbitrary hosts.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** Nesting deeper than any form of this console sends; bounds React's recursive decoder. */
const MAX_ACTION_JSON_DEPTH = 64;

function isActionJson(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      if (++depth > MAX_ACTION_JSON_DEPTH) return false;
    } else if (c === "]" || c === "}") depth--;
  }
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function refuse(status: number, code: string, message: string): NextResponse {
  return withTransportSecurity(NextResponse.json({ ok: false, code, message }, { status, headers: { "cache-control": "no-store" } }));
}

// Decided by the configured public URL: a client-sent X-Forwarded-Proto proves nothing.
function withTransportSecurity(res: NextResponse): NextResponse {
  if (policy().https) res.headers.set("strict-transport-security", HSTS);
  return res;
}

export const config = {
  // Everything except static assets and the route handlers that answer only GET at a fixed path
  // (JSON or CSV; each checks its own session). Those gain nothing here, and the proxy costs
  // about a millisecond of every request (bench:proxy): a read has no Origin to check, a fixed
  // path is always decodable, JSON needs no nonce. HSTS comes with every page. Another method
  // there gets Next's 405 without reaching any code. proxy-matcher.test.ts keeps this list equal
  // to the GET-only fixed-path handlers under app/api: a new handler, or a POST added to one of
  // these, fails it. Next reads the matcher statically, so it is a literal
  // (https://nextjs.org/docs/app/api-reference/file-conventions/proxy#matcher).
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|robots.txt|api/(?:audit/export|config/export|health|jobs/targets|ready|search|users|users/export|users/export/progress|views)$).*)",
  ],
};
