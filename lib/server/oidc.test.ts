import bcrypt from "bcryptjs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Account, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// OIDC role mapping against a real operators file. The full flow against a real provider is
// e2e/oidc.spec.ts; OIDC_DEFAULT_ROLE=none would need a second dashboard there, so it is here.
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-admin-oidc-"));
  const passwordHash = bcrypt.hashSync("unused-password", 4);
  fs.writeFileSync(
    path.join(tmp, "operators.json"),
    JSON.stringify({ operators: [{ email: "admin@example.com", role: "admin", passwordHash }, { email: "boss@example.com", role: "owner", passwordHash }] }),
  );
  Object.assign(process.env, {
    STACK_API_URL: "http://127.0.0.1:9",
    STACK_PROJECT_ID: "6f4f1b9c-3a0e-4c55-9f2e-8d1e2b7a4c10",
    STACK_SUPER_SECRET_ADMIN_KEY: "sak_unused",
    NEXTAUTH_SECRET: "z".repeat(40),
    STACK_ADMIN_DB: path.join(tmp, "admin.db"),
    OPERATORS_FILE: path.join(tmp, "operators.json"),
    OIDC_ISSUER: "https://sso.example.com/realms/ops/",
    OIDC_CLIENT_ID: "stack-admin",
    OIDC_CLIENT_SECRET: "secret",
  });
  delete process.env.STACK_PROJECTS_FILE;
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function withDefaultRole(role: string | undefined) {
  if (role === undefined) delete process.env.OIDC_DEFAULT_ROLE;
  else process.env.OIDC_DEFAULT_ROLE = role;
  (await import("@/lib/env")).resetEnvForTests();
  return import("@/lib/server/auth-options");
}

describe("oidcRole", () => {
  beforeEach(() => withDefaultRole(undefined));

  it("gives an operator's e-mail (any case) that operator's role, whatever the default", async () => {
    const { oidcRole } = await import("@/lib/server/auth-options");
    for (const def of ["none", "viewer", "admin"] as const) {
      expect(oidcRole("ADMIN@example.com", def)).toBe("admin");
      expect(oidcRole("boss@example.com", def)).toBe("owner");
    }
  });

  it("gives other e-mails OIDC_DEFAULT_ROLE, and none refuses them", async () => {
    const { oidcRole } = await import("@/lib/server/auth-options");
    expect(oidcRole("sso.user@example.com", "viewer")).toBe("viewer");
    expect(oidcRole("sso.user@example.com", "admin")).toBe("admin");
    expect(oidcRole("sso.user@example.com", "none")).toBeNull();
  });

  it("refuses a sign-in without an e-mail", async () => {
    const { oidcRole } = await import("@/lib/server/auth-options");
    expect(oidcRole(null, "admin")).toBeNull();
    expect(oidcRole(undefined, "admin")).toBeNull();
    expect(oidcRole("", "admin")).toBeNull();
  });

  it("reads OIDC_DEFAULT_ROLE from the environment (viewer when unset)", async () => {
    expect((await withDefaultRole(undefined)).oidcRole("sso.user@example.com")).toBe("viewer");
    expect((await withDefaultRole("none")).oidcRole("sso.user@example.com")).toBeNull();
    expect((await withDefaultRole("none")).oidcRole("admin@example.com")).toBe("admin");
  });
});

describe("oidcProfile", () => {
  it("keeps a verified (or unflagged) e-mail, lower-cased, and the name", async () => {
    const { oidcProfile } = await import("@/lib/server/auth-options");
    expect(oidcProfile({ sub: "s1", email: " Ada@Example.com ", email_verified: true, name: "Ada" })).toEqual({ id: "s1", email: "ada@example.com", name: "Ada" });
    expect(oidcProfile({ sub: "s2", email: "b@example.com", preferred_username: "bee" })).toEqual({ id: "s2", email: "b@example.com", name: "bee" });
  });

  it("drops an e-mail the provider marks unverified, so it cannot claim an operator's role", async () => {
    const { oidcProfile, oidcRole } = await import("@/lib/server/auth-options");
    for (const email_verified of [false, "false"]) {
      const user = oidcProfile({ sub: "s3", email: "admin@example.com", email_verified });
      expect(user.email).toBeNull();
      expect(oidcRole(user.email, "viewer")).toBeNull();
    }
  });
});

describe("next-auth callbacks", () => {
  const oidc = { provider: "oidc", type: "oauth", providerAccountId: "s" } as Account;
  const credentials = { provider: "credentials", type: "credentials", providerAccountId: "s" } as Account;

  it("configures the OIDC provider from env: discovery under the issuer, code flow with PKCE and state", async () => {
    const { getAuthOptions } = await withDefaultRole("viewer");
    const provider = getAuthOptions().providers.find((p) => p.id === "oidc") as unknown as Record<string, unknown>;
    expect(provider).toMatchObject({
      type: "oauth",
      wellKnown: "https://sso.example.com/realms/ops/.well-known/openid-configuration",
      clientId: "stack-admin",
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
    });
  });

  it("refuses (signIn → false, i.e. ?error=AccessDenied) an unknown account under OIDC_DEFAULT_ROLE=none", async () => {
    const { getAuthOptions } = await withDefaultRole("none");
    const { signIn } = getAuthOptions().callbacks!;
    const user = (email: string | null) => ({ id: "s", email, name: null }) as User;
    expect(await signIn!({ user: user("sso.user@example.com"), account: oidc })).toBe(false);
    expect(await signIn!({ user: user("admin@example.com"), account: oidc })).toBe(true);
    expect(await signIn!({ user: user(null), account: oidc })).toBe(false);
    // The credentials provider decides in authorize(); the callback lets it through.
    expect(await signIn!({ user: user("x@example.com"), account: credentials })).toBe(true);
  });

  it("puts the mapped role into the token, and the credentials role for password sign-ins", async () => {
    const { getAuthOptions } = await withDefaultRole("viewer");
    const { jwt } = getAuthOptions().callbacks!;
    const token = {} as JWT;
    expect(await jwt!({ token: { ...token }, user: { id: "s", email: "admin@example.com" } as User, account: oidc })).toMatchObject({ role: "admin" });
    expect(await jwt!({ token: { ...token }, user: { id: "s", email: "new@example.com" } as User, account: oidc })).toMatchObject({ role: "viewer" });
    expect(await jwt!({ token: { ...token }, user: { id: "s", email: "o@example.com", role: "owner" } as User, account: credentials })).toMatchObject({ role: "owner" });
    // Later calls (no user) keep the role already in the token.
    expect(await jwt!({ token: { role: "admin" } as JWT, user: undefined as unknown as User, account: null })).toMatchObject({ role: "admin" });
  });
});
