import "server-only";

import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getServerEnv } from "@/lib/env";
import { findOperator, verifyOperatorPassword } from "@/lib/server/operators";
import { clearFailedSignIns, recordFailedSignIn, signInRetryAfterMs } from "@/lib/server/rate-limit";
import { isRole, type Role } from "@/lib/server/roles";

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
  if (env.oidc) {
    providers.push({
      id: "oidc",
      name: "Single sign-on",
      type: "oauth",
      wellKnown: `${env.oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.oidc.clientId,
      clientSecret: env.oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: profile.name ?? null };
      },
    });
  }

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

/** OIDC users: the role of an operator account with the same e-mail, else OIDC_DEFAULT_ROLE. */
function oidcRole(email: string | null | undefined): Role | null {
  if (!email) return null;
  const op = findOperator(email);
  if (op) return op.role;
  const def = getServerEnv().oidcDefaultRole;
  return isRole(def) ? def : null;
}
