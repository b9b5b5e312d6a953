import crypto from "node:crypto";

// Minimal HS256 JWTs for emulator-issued access tokens. Real Stack signs with ES256
// and per-project keys; nothing outside the emulator verifies these, so HS256 is enough.

const b64url = (buf: Buffer | string) => Buffer.from(buf).toString("base64url");

export type AccessTokenClaims = {
  sub: string; // user id
  project_id: string;
  branch_id: string;
  refresh_token_id: string;
  iat: number; // seconds
  exp: number; // seconds
  is_anonymous?: boolean;
};

export function signJwt(claims: AccessTokenClaims, secret: string): string {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(JSON.stringify({ iss: `stack-emulator/${claims.project_id}`, aud: claims.project_id, ...claims }));
  const sig = crypto.createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${sig}`;
}

export type VerifyResult =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; reason: "unparsable" }
  | { ok: false; reason: "expired"; claims: AccessTokenClaims };

export function verifyJwt(token: string, secret: string, nowMillis = Date.now()): VerifyResult {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "unparsable" };
  const [h, p, sig] = parts as [string, string, string];
  const expected = crypto.createHmac("sha256", secret).update(`${h}.${p}`).digest();
  let given: Buffer;
  try {
    given = Buffer.from(sig, "base64url");
  } catch {
    return { ok: false, reason: "unparsable" };
  }
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: "unparsable" };
  let claims: AccessTokenClaims;
  try {
    claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "unparsable" };
  }
  if (typeof claims.sub !== "string" || typeof claims.project_id !== "string" || typeof claims.exp !== "number") {
    return { ok: false, reason: "unparsable" };
  }
  if (claims.exp * 1000 <= nowMillis) return { ok: false, reason: "expired", claims };
  return { ok: true, claims };
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
/** Stack key format: prefix + 45 lower-case base32 characters. */
export function randomKey(prefix: "pck_" | "ssk_" | "sak_"): string {
  const bytes = crypto.randomBytes(45);
  let out = prefix;
  for (const b of bytes) out += BASE32[b & 31];
  return out;
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}
