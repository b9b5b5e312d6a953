import "server-only";

import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { connection, NextRequest } from "next/server";
import { cache } from "react";
import { getAuthOptions } from "@/lib/server/auth-options";
import { resolveSession, type OperatorSession, type SessionClaims } from "@/lib/server/operator-sessions";

export type { OperatorSession };

// Decoded session cookies by their exact value. The cookie is an encrypted, authenticated JWT, so
// one string always decodes to the same claims: a hit skips the key derivation (HKDF) and the
// AES-GCM decryption that next-auth's decode does on every request. Only successful decodes are
// kept, the expiry is checked on every hit as jose does (15 s tolerance, next-auth's), and the
// claims still go through resolveSession every time. Bounded: the oldest entries go first.
const DECODED_MAX = 1_000;
const CLOCK_TOLERANCE_S = 15;
let decodedSecret: string | undefined;
const decoded = new Map<string, JWT>();

async function cachedDecode(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret } = params;
  if (!token) return null;
  const key = typeof secret === "string" ? secret : undefined;
  if (key !== decodedSecret) {
    decoded.clear();
    decodedSecret = key;
  }
  const hit = decoded.get(token);
  if (hit) {
    if ((hit.exp as number) + CLOCK_TOLERANCE_S > Date.now() / 1000) return hit;
    decoded.delete(token);
    return null;
  }
  const claims = await decode(params);
  // next-auth always sets exp; a token without one is decoded again on every request.
  if (claims && typeof claims.exp === "number") {
    decoded.set(token, claims);
    if (decoded.size > DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  }
  return claims;
}

/**
 * The claims of the session cookie: next-auth's own reading of it (chunked cookie, A256GCM JWT,
 * expiry), without getServerSession's round through its request handler, which also builds a CSRF
 * token and re-encodes a fresh cookie on every call that a server component cannot set anyway
 * (https://next-auth.js.org/tutorials/securing-pages-and-api-routes#using-gettoken). Only the
 * cookie is read: no `Authorization: Bearer` fallback, so the console accepts what a browser sends.
 */
async function sessionClaims(): Promise<SessionClaims | null> {
  const options = getAuthOptions();
  const jar = await cookies();
  const req = new NextRequest("http://session.invalid/", { headers: { cookie: jar.toString() } });
  return getToken({ req, secret: options.secret, secureCookie: options.useSecureCookies === true, decode: cachedDecode });
}

/**
 * The signed-in operator, or null. Never trust a page for this: every action re-checks.
 * Checked against the operators file, the absolute lifetime and ended sessions on every request
 * (resolveSession, the same check next-auth's jwt callback runs), with the role as it is now, not
 * as it was at sign-in. Memoized per request with React's cache (the layout and the page both ask);
 * never shared between requests.
 */
export const getOperator = cache(async (): Promise<OperatorSession | null> => {
  // Per-request by nature: never prerendered at build time (where env and cookies don't exist).
  await connection();
  const claims = await sessionClaims();
  return claims ? resolveSession(claims) : null;
});

/** For pages and layouts: the operator, or a redirect to sign-in. */
export async function requireOperator(): Promise<OperatorSession> {
  const op = await getOperator();
  if (!op) redirect("/sign-in");
  return op;
}
