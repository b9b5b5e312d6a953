import "server-only";

import type { AuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { getServerEnv, type ServerEnv } from "@/lib/env";
import { clientAddress } from "@/lib/server/client-address";
import { resolveSession } from "@/lib/server/operator-sessions";
import { oidcRole, roleFromClaims, verifyOperatorPassword, warmDummyHash, type RoleClaim } from "@/lib/server/operators";
import { beginSignInAttempt, describeWait, signInFailed, signInSucceeded } from "@/lib/server/rate-limit";
import type { Role } from "@/lib/roles";

export const SIGN_IN_ERRORS = {
  invalid: "Wrong e-mail or password.",
  rateLimited: (waitMs: number) => `Too many failed sign-ins. Try again in ${describeWait(waitMs)}.`,
  noRole: "This account has no access to Stack Admin.",
} as const;

/** Thrown by the jwt callback for a session that is over; next-auth then clears the cookie. */
class SessionEnded extends Error {
  override name = "SessionEnded";
}

// Secure cookies when NEXTAUTH_URL is https; without NEXTAUTH_URL, in every production build.
// (`npm start` sets NEXTAUTH_URL=http://localhost:PORT, so the local demo works over http.)
function secureCookies(): boolean {
  const url = getServerEnv().nextAuth.url;
  if (url) return url.startsWith("https://");
  return process.env.NODE_ENV === "production";
}

let cached: AuthOptions | null = null;

export function getAuthOptions(): AuthOptions {
  if (cached) return cached;
  const env = getServerEnv();
  warmDummyHash();
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "").trim().toLowerCase();
        const password = String(credentials?.password ?? "");
        if (!email || !password) throw new Error(SIGN_IN_ERRORS.invalid);
        const forwardedFor = (req?.headers as Record<string, unknown> | undefined)?.["x-forwarded-for"];
        const address = clientAddress(typeof forwardedFor === "string" ? forwardedFor : null, env.trustedProxyHops);
        const gate = await beginSignInAttempt(email, address);
        if (!gate.allowed) throw new Error(SIGN_IN_ERRORS.rateLimited(gate.retryAfterMs));
        const op = await verifyOperatorPassword(email, password);
        if (!op) {
          await signInFailed(gate.attempt);
          throw new Error(SIGN_IN_ERRORS.invalid);
        }
        await signInSucceeded(gate.attempt);
        return { id: op.email, email: op.email, name: op.name, role: op.role };
      },
    }),
  ];
  if (env.oidc) providers.push(oidcProvider({ ...env.oidc, roleClaim: env.oidcRoleClaim }));

  cached = {
    secret: env.nextAuth.secret,
    providers,
    // The cookie never outlives the absolute lifetime; resolveSession enforces it (next-auth
    // re-issues the cookie with a fresh expiry on every read, so maxAge alone is a sliding window).
    session: { strategy: "jwt", maxAge: Math.floor(env.sessionMaxAgeMs / 1000) },
    useSecureCookies: secureCookies(),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      error(code, metadata) {
        // An ended session is an expected outcome, not an error worth a stack trace in the log.
        if ((metadata as { name?: unknown } | undefined)?.name === "SessionEnded") return;
        // One line, no stack or token: a forged or expired cookie (JWT_SESSION_ERROR) is a visitor's input.
        const err = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        console.error(`[next-auth][error][${code}]`, err instanceof Error ? err.message : typeof metadata === "string" ? metadata : "");
      },
    },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        return oidcRole(user.email, (user as { roleClaim?: RoleClaim }).roleClaim) !== null;
      },
      // Every redirect next-auth makes (callbackUrl after sign-in or an SSO error) stays on this site.
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackUrl(url, baseUrl)}`;
      },
      async jwt({ token, user, account }) {
        if (user) {
          token.provider = account?.provider;
          token.signedInAt = Date.now();
          // Kept so every request can re-derive the SSO role (the provider is asked only at sign-in).
          const roleClaim = (user as { roleClaim?: RoleClaim }).roleClaim;
          if (roleClaim) token.roleClaim = roleClaim;
        }
        // On every read, not only at sign-in: the operator may have been removed, demoted or had
        // their sessions ended since.
        const op = await resolveSession(token);
        if (!op) throw new SessionEnded("session ended");
        token.role = op.role satisfies Role;
        token.name = op.name;
        return token;
      },
      async session({ session, token }) {
        // roleClaim too: getOperator re-derives the role from these claims on every request.
        if (session.user) Object.assign(session.user, { name: token.name ?? null, role: token.role, provider: token.provider, signedInAt: token.signedInAt, ...(token.roleClaim ? { roleClaim: token.roleClaim } : {}) });
        return session;
      },
    },
  };
  return cached;
}

/** Standard OIDC claims the dashboard reads (ID token merged with the userinfo response). */
export interface OidcClaims {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
}

/**
 * The next-auth user of an OIDC sign-in. An e-mail the provider marks as unverified is dropped
 * (the account then gets no role): the e-mail is what maps an SSO account to an operator's role,
 * so nobody may claim an address they do not own. Providers that send no email_verified are trusted.
 */
export function oidcProfile(claims: OidcClaims, roleClaim: string | null = getServerEnv().oidcRoleClaim): User & { roleClaim?: RoleClaim } {
  const verified = claims.email_verified !== false && claims.email_verified !== "false";
  const email = verified && typeof claims.email === "string" && claims.email.trim() ? claims.email.trim().toLowerCase() : null;
  const role = roleFromClaims(claims as unknown as Record<string, unknown>, roleClaim);
  return { id: claims.sub, email, name: claims.name || claims.preferred_username || null, ...(role ? { roleClaim: role } : {}) };
}

/** Generic OpenID Connect provider from OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET. */
function oidcProvider(oidc: NonNullable<ServerEnv["oidc"]> & { roleClaim: string | null }): OAuthConfig<OidcClaims> {
  const issuer = oidc.issuer.replace(/\/+$/, "");
  return {
    id: "oidc",
    name: "Single sign-on",
    type: "oauth",
    // next-auth v4 reads endpoints only from discovery (`issuer` alone is not enough).
    issuer,
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    // Authorization code flow: the ID token is verified (signature, iss, aud, exp); PKCE and state
    // are kept in http-only cookies, which are Secure exactly when NEXTAUTH_URL is https.
    idToken: true,
    checks: ["pkce", "state"],
    userinfo: {
      // Many providers (any that follow OIDC Core §5.4 for the code flow) put e-mail and name only
      // in the userinfo response, not in the ID token: read both, for the same subject.
      async request({ tokens, client }) {
        // A TokenSet at run time (next-auth's types say TokenSetParameters): the ID token is verified.
        const set = tokens as unknown as { access_token?: string; claims(): OidcClaims };
        const claims = set.claims();
        if (!client.issuer.metadata.userinfo_endpoint || !set.access_token) return claims;
        const info = (await client.userinfo(set.access_token)) as Partial<OidcClaims>;
        if (info.sub !== claims.sub) throw new Error("OIDC userinfo is for another subject than the ID token");
        return { ...claims, ...info };
      },
    },
    profile: (claims) => oidcProfile(claims, oidc.roleClaim),
  };
}
