import "server-only";

import type { AuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getServerEnv, type OidcDefaultRole, type ServerEnv } from "@/lib/env";
import { findOperator, verifyOperatorPassword } from "@/lib/server/operators";
import { clearFailedSignIns, recordFailedSignIn, signInRetryAfterMs } from "@/lib/server/rate-limit";
import { isRole, type Role } from "@/lib/roles";

export const SIGN_IN_ERRORS = {
  invalid: "Wrong e-mail or password.",
  rateLimited: "Too many failed sign-ins. Try again in a few minutes.",
  noRole: "This account has no access to Stack Admin.",
} as const;

function clientIp(headers: Record<string, unknown> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  const first = typeof fwd === "string" ? fwd.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
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
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "").trim().toLowerCase();
        const password = String(credentials?.password ?? "");
        if (!email || !password) throw new Error(SIGN_IN_ERRORS.invalid);
        const ip = clientIp(req?.headers as Record<string, unknown> | undefined);
        if (signInRetryAfterMs(email, ip) > 0) throw new Error(SIGN_IN_ERRORS.rateLimited);
        const op = await verifyOperatorPassword(email, password);
        if (!op) {
          recordFailedSignIn(email, ip);
          throw new Error(SIGN_IN_ERRORS.invalid);
        }
        clearFailedSignIns(email);
        return { id: op.email, email: op.email, name: op.name, role: op.role };
      },
    }),
  ];
  if (env.oidc) providers.push(oidcProvider(env.oidc));

  cached = {
    secret: env.nextAuth.secret,
    providers,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    useSecureCookies: secureCookies(),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        return oidcRole(user.email) !== null;
      },
      async jwt({ token, user, account }) {
        if (user) {
          token.role = account?.provider === "oidc" ? oidcRole(user.email) : (user as { role?: Role }).role;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { role?: unknown }).role = token.role;
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
export function oidcProfile(claims: OidcClaims): User {
  const verified = claims.email_verified !== false && claims.email_verified !== "false";
  const email = verified && typeof claims.email === "string" && claims.email.trim() ? claims.email.trim().toLowerCase() : null;
  return { id: claims.sub, email, name: claims.name || claims.preferred_username || null };
}

/**
 * The role of an OIDC sign-in: that of the operator account with the same e-mail (any case), else
 * OIDC_DEFAULT_ROLE; null (refused) without an e-mail or when the default is `none`.
 */
export function oidcRole(email: string | null | undefined, defaultRole: OidcDefaultRole = getServerEnv().oidcDefaultRole): Role | null {
  if (!email) return null;
  const op = findOperator(email);
  if (op) return op.role;
  return isRole(defaultRole) ? defaultRole : null;
}

/** Generic OpenID Connect provider from OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET. */
function oidcProvider(oidc: NonNullable<ServerEnv["oidc"]>): OAuthConfig<OidcClaims> {
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
    profile: (claims) => oidcProfile(claims),
  };
}
