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
  return { ...(await import("@/lib/server/auth-options")), ...(await import("@/lib/server/operators")) };
}

const cfg = (defaultRole: "none" | "viewer" | "admin", more: { claim?: string; domains?: Record<string, "viewer" | "support" | "operator" | "admin" | "owner"> } = {}) => ({
  defaultRole,
  claim: more.claim ?? null,
  domains: more.domains ?? {},
});

describe("oidcRole", () => {
  beforeEach(() => withDefaultRole(undefined));

  it("gives an operator's e-mail (any case) that operator's role, whatever the default", async () => {
    const { oidcRole } = await import("@/lib/server/operators");
    for (const def of ["none", "viewer", "admin"] as const) {
      expect(oidcRole("ADMIN@example.com", undefined, cfg(def))).toBe("admin");
      expect(oidcRole("boss@example.com", undefined, cfg(def))).toBe("owner");
    }
  });

  it("gives other e-mails OIDC_DEFAULT_ROLE, and none refuses them", async () => {
    const { oidcRole } = await import("@/lib/server/operators");
    expect(oidcRole("sso.user@example.com", undefined, cfg("viewer"))).toBe("viewer");
    expect(oidcRole("sso.user@example.com", undefined, cfg("admin"))).toBe("admin");
    expect(oidcRole("sso.user@example.com", undefined, cfg("none"))).toBeNull();
  });

  it("refuses a sign-in without an e-mail", async () => {
    const { oidcRole } = await import("@/lib/server/operators");
    expect(oidcRole(null, undefined, cfg("admin"))).toBeNull();
    expect(oidcRole(undefined, undefined, cfg("admin"))).toBeNull();
    expect(oidcRole("", undefined, cfg("admin"))).toBeNull();
  });

  it("reads OIDC_DEFAULT_ROLE from the environment: unset refuses unknown accounts", async () => {
    expect((await withDefaultRole(undefined)).oidcRole("sso.user@example.com")).toBeNull();
    expect((await withDefaultRole(undefined)).oidcRole("admin@example.com")).toBe("admin");
    expect((await withDefaultRole("viewer")).oidcRole("sso.user@example.com")).toBe("viewer");
    expect((await withDefaultRole("none")).oidcRole("sso.user@example.com")).toBeNull();
    expect((await withDefaultRole("none")).oidcRole("admin@example.com")).toBe("admin");
  });

  it("maps an e-mail domain to a role (OIDC_ROLE_DOMAINS), below an operator entry and above the default", async () => {
    const { oidcRole } = await import("@/lib/server/operators");
    const c = cfg("viewer", { domains: { "acme.io": "operator", "example.com": "support" } });
    expect(oidcRole("Jo@ACME.io", undefined, c)).toBe("operator");
    expect(oidcRole("sso.user@example.com", undefined, c)).toBe("support");
    expect(oidcRole("admin@example.com", undefined, c), "the operators file wins").toBe("admin");
    expect(oidcRole("x@sub.acme.io", undefined, c), "exact domains only").toBe("viewer");
    expect(oidcRole("x@other.org", undefined, cfg("none", { domains: { "acme.io": "operator" } }))).toBeNull();
  });

  it("uses the role claim stored at sign-in only while OIDC_ROLE_CLAIM still names that claim", async () => {
    const { oidcRole } = await import("@/lib/server/operators");
    const stored = { claim: "stack_role", role: "admin" };
    expect(oidcRole("sso.user@example.com", stored, cfg("none", { claim: "stack_role" }))).toBe("admin");
    expect(oidcRole("sso.user@example.com", stored, cfg("none", { claim: "other_claim" }))).toBeNull();
    expect(oidcRole("sso.user@example.com", stored, cfg("none"))).toBeNull();
    expect(oidcRole("sso.user@example.com", { claim: "stack_role", role: "root" }, cfg("viewer", { claim: "stack_role" }))).toBe("viewer");
    expect(oidcRole("boss@example.com", { claim: "stack_role", role: "viewer" }, cfg("none", { claim: "stack_role" })), "the operators file wins").toBe("owner");
    // The claim outranks the domain mapping.
    expect(oidcRole("jo@acme.io", { claim: "stack_role", role: "support" }, cfg("none", { claim: "stack_role", domains: { "acme.io": "operator" } }))).toBe("support");
  });

  it("reads a role from a claim: a role name, a list (highest wins), or a dotted path", async () => {
    const { roleFromClaims } = await import("@/lib/server/operators");
    expect(roleFromClaims({ stack_role: "operator" }, "stack_role")).toEqual({ claim: "stack_role", role: "operator" });
    expect(roleFromClaims({ groups: ["staff", "support", "viewer"] }, "groups")).toEqual({ claim: "groups", role: "support" });
    expect(roleFromClaims({ realm_access: { roles: ["admin"] } }, "realm_access.roles")).toEqual({ claim: "realm_access.roles", role: "admin" });
    expect(roleFromClaims({ stack_role: "root" }, "stack_role")).toBeUndefined();
    expect(roleFromClaims({ stack_role: "admin" }, null)).toBeUndefined();
    expect(roleFromClaims({}, "__proto__.constructor")).toBeUndefined();
  });
});

describe("oidcProfile", () => {
  it("keeps a verified (or unflagged) e-mail, lower-cased, and the name", async () => {
    const { oidcProfile } = await import("@/lib/server/auth-options");
    expect(oidcProfile({ sub: "s1", email: " Ada@Example.com ", email_verified: true, name: "Ada" })).toEqual({ id: "s1", email: "ada@example.com", name: "Ada" });
    expect(oidcProfile({ sub: "s2", email: "b@example.com", preferred_username: "bee" })).toEqual({ id: "s2", email: "b@example.com", name: "bee" });
  });

  it("reads OIDC_ROLE_CLAIM from the claims", async () => {
    const { oidcProfile } = await import("@/lib/server/auth-options");
    expect(oidcProfile({ sub: "s1", email: "a@x.io", stack_role: ["viewer", "operator"] } as never, "stack_role")).toEqual({ id: "s1", email: "a@x.io", name: null, roleClaim: { claim: "stack_role", role: "operator" } });
    expect(oidcProfile({ sub: "s1", email: "a@x.io", stack_role: "root" } as never, "stack_role")).toEqual({ id: "s1", email: "a@x.io", name: null });
  });

  it("drops an e-mail the provider marks unverified, so it cannot claim an operator's role", async () => {
    const { oidcProfile } = await import("@/lib/server/auth-options");
    const { oidcRole } = await import("@/lib/server/operators");
    for (const email_verified of [false, "false"]) {
      const user = oidcProfile({ sub: "s3", email: "admin@example.com", email_verified });
      expect(user.email).toBeNull();
      expect(oidcRole(user.email, undefined, cfg("viewer"))).toBeNull();
    }
  });
});

describe("next-auth callbacks", () => {
  it("keep the claim's role in the token and the session, and re-derive it on every request", async () => {
    process.env.OIDC_ROLE_CLAIM = "stack_role";
    try {
      const { getAuthOptions } = await withDefaultRole("viewer");
      const { resolveSession } = await import("@/lib/server/operator-sessions");
      const { jwt, session } = getAuthOptions().callbacks!;
      const user = { id: "s9", email: "claimed@sso.example", name: "Cleo", roleClaim: { claim: "stack_role", role: "operator" } } as User;
      const token = await jwt!({ token: { email: user.email, name: user.name, sub: "s9" } as JWT, user, account: { provider: "oidc", type: "oauth", providerAccountId: "s9" } as Account, trigger: "signIn" });
      expect(token).toMatchObject({ role: "operator", roleClaim: { claim: "stack_role", role: "operator" } });
      const s = (await session!({ session: { user: { email: user.email }, expires: "" }, token, user: user as never, newSession: undefined, trigger: "update" } as never)) as { user: Record<string, unknown> };
      expect(await resolveSession(s.user)).toMatchObject({ email: "claimed@sso.example", role: "operator" });
      // The claim no longer configured: the role falls back to the mapping (here the default).
      delete process.env.OIDC_ROLE_CLAIM;
      (await import("@/lib/env")).resetEnvForTests();
      expect(await resolveSession(s.user)).toMatchObject({ role: "viewer" });
    } finally {
      delete process.env.OIDC_ROLE_CLAIM;
      (await import("@/lib/env")).resetEnvForTests();
    }
  });

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
    // OIDC_DEFAULT_ROLE unset is the same refusal.
    const byDefault = (await withDefaultRole(undefined)).getAuthOptions().callbacks!.signIn!;
    expect(await byDefault({ user: user("sso.user@example.com"), account: oidc })).toBe(false);
    // The credentials provider decides in authorize(); the callback lets it through.
    expect(await signIn!({ user: user("x@example.com"), account: credentials })).toBe(true);
  });

  it("stamps provider and sign-in time, and takes the role from the operators file or the mapping, never from the token", async () => {
    const { getAuthOptions } = await withDefaultRole("viewer");
    const { jwt } = getAuthOptions().callbacks!;
    // next-auth starts the token with the user's e-mail and name.
    const token = (email: string, extra: Partial<JWT> = {}) => ({ email, name: null, ...extra }) as JWT;
    const signIn = (email: string, account: Account, role?: string) => jwt!({ token: token(email), user: { id: "s", email, role } as User, account });

    const sso = await signIn("admin@example.com", oidc);
    expect(sso).toMatchObject({ role: "admin", provider: "oidc" });
    expect(Math.abs((sso.signedInAt as number) - Date.now())).toBeLessThan(5_000);
    expect(await signIn("new@example.com", oidc)).toMatchObject({ role: "viewer", provider: "oidc" });
    // The credentials role comes from the file as it is now (boss is owner there), not from authorize().
    expect(await signIn("boss@example.com", credentials, "viewer")).toMatchObject({ role: "owner", provider: "credentials" });
    await expect(signIn("stranger@example.com", credentials, "owner")).rejects.toThrow(/session ended/);

    // Later reads (no user): a role forged into the token is replaced by the file's.
    const later = await jwt!({ token: token("admin@example.com", { provider: "credentials", signedInAt: Date.now(), role: "owner" }), user: undefined as unknown as User, account: null });
    expect(later).toMatchObject({ role: "admin" });
    // A token without a sign-in time (issued before this check existed) is over.
    await expect(jwt!({ token: token("admin@example.com", { provider: "credentials", role: "admin" }), user: undefined as unknown as User, account: null })).rejects.toThrow(/session ended/);
  });
});
