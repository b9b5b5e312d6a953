import bcrypt from "bcryptjs";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// Session checks against a real operators file and a real SQLite file. Only the request seams
// (next-auth's cookie session, revalidatePath) are replaced for the action; see action.test.ts.
const session = vi.hoisted(() => ({ current: null as null | { email: string; name: string | null; role: string } }));
vi.mock("@/lib/server/session", () => ({ getOperator: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

let tmp: string;
let file: string;
const hash = bcrypt.hashSync("unused-password", 4);
function writeOperators(ops: { email: string; role: string; name?: string }[]) {
  // A new file each time (rename), as operator:add writes it; the mtime tells the cache to re-read.
  const next = `${file}.tmp`;
  fs.writeFileSync(next, JSON.stringify({ operators: ops.map((o) => ({ ...o, passwordHash: hash })) }));
  fs.renameSync(next, file);
  const t = new Date(Date.now() + Math.random() * 1000);
  fs.utimesSync(file, t, t);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-admin-sessions-"));
  file = path.join(tmp, "operators.json");
  Object.assign(process.env, {
    STACK_API_URL: "http://127.0.0.1:9",
    STACK_PROJECT_ID: "6f4f1b9c-3a0e-4c55-9f2e-8d1e2b7a4c10",
    STACK_SUPER_SECRET_ADMIN_KEY: "sak_unused",
    NEXTAUTH_SECRET: "w".repeat(40),
    STACK_ADMIN_DB: path.join(tmp, "admin.db"),
    OPERATORS_FILE: file,
    SESSION_MAX_AGE_HOURS: "2",
    OIDC_DEFAULT_ROLE: "viewer",
  });
  delete process.env.STACK_PROJECTS_FILE;
  (await import("@/lib/env")).resetEnvForTests();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => {
  writeOperators([
    { email: "ada@example.com", role: "admin", name: "Ada" },
    { email: "boss@example.com", role: "owner" },
  ]);
  session.current = null;
});

const mod = () => import("@/lib/server/operator-sessions");
const HOUR = 60 * 60 * 1000;

describe("resolveSession", () => {
  it("takes the role from the operators file as it is now: demotion applies at once, removal ends the session", async () => {
    const { resolveSession } = await mod();
    const claims = { email: "ada@example.com", provider: "credentials", signedInAt: Date.now() };
    expect(await resolveSession(claims)).toEqual({ email: "ada@example.com", name: "Ada", role: "admin" });
    writeOperators([{ email: "ada@example.com", role: "viewer", name: "Ada L." }]);
    expect(await resolveSession(claims)).toEqual({ email: "ada@example.com", name: "Ada L.", role: "viewer" });
    writeOperators([{ email: "boss@example.com", role: "owner" }]);
    expect(await resolveSession(claims)).toBeNull();
  });

  it("maps SSO accounts on every call: the operator's role, else OIDC_DEFAULT_ROLE", async () => {
    const { resolveSession } = await mod();
    const sso = (email: string) => resolveSession({ email, name: "Via SSO", provider: "oidc", signedInAt: Date.now() });
    expect(await sso("ADA@example.com")).toEqual({ email: "ada@example.com", name: "Via SSO", role: "admin" });
    expect(await sso("someone@example.com")).toMatchObject({ role: "viewer" });
    process.env.OIDC_DEFAULT_ROLE = "none";
    (await import("@/lib/env")).resetEnvForTests();
    try {
      expect(await sso("someone@example.com")).toBeNull();
      expect(await sso("ada@example.com")).toMatchObject({ role: "admin" });
    } finally {
      process.env.OIDC_DEFAULT_ROLE = "viewer";
      (await import("@/lib/env")).resetEnvForTests();
    }
  });

  it("ends a session SESSION_MAX_AGE_HOURS after sign-in however active it is, and refuses odd claims", async () => {
    const { resolveSession } = await mod();
    const now = Date.now();
    const at = (signedInAt: unknown, extra = {}) => resolveSession({ email: "ada@example.com", provider: "credentials", signedInAt, ...extra }, now);
    expect(await at(now - 2 * HOUR + 1000)).not.toBeNull();
    expect(await at(now - 2 * HOUR)).toBeNull();
    expect(await at(undefined)).toBeNull();
    expect(await at(String(now))).toBeNull();
    expect(await at(now + 10 * 60 * 1000)).toBeNull();
    expect(await at(now, { provider: "github" })).toBeNull();
    expect(await at(now, { email: 42 })).toBeNull();
  });

  it("ends every session signed in before an owner ended them, and lets a new sign-in through", async () => {
    const { resolveSession, endOperatorSessions, sessionsNotBefore } = await mod();
    const t = Date.now();
    const before = { email: "boss@example.com", provider: "credentials", signedInAt: t - 1000 };
    const sso = { email: "boss@example.com", provider: "oidc", signedInAt: t - 500 };
    expect(await resolveSession(before, t)).not.toBeNull();
    await endOperatorSessions("Boss@Example.com", t);
    expect(await sessionsNotBefore("boss@example.com")).toBe(t);
    expect(await resolveSession(before, t + 1)).toBeNull();
    expect(await resolveSession(sso, t + 1)).toBeNull();
    expect(await resolveSession({ ...before, signedInAt: t + 5 }, t + 10)).toMatchObject({ role: "owner" });
    // Other operators are untouched; an older end never moves the mark back.
    expect(await resolveSession({ email: "ada@example.com", provider: "credentials", signedInAt: t - 1000 }, t + 1)).not.toBeNull();
    await endOperatorSessions("boss@example.com", t - HOUR);
    expect(await sessionsNotBefore("boss@example.com")).toBe(t);
  });
});

describe("endOperatorSessionsAction", () => {
  it("is for owners only, re-checks the typed e-mail against the operators file, and audits", async () => {
    const { endOperatorSessionsAction } = await import("@/lib/actions/operators");
    const { sessionsNotBefore } = await mod();
    const { listAudit } = await import("@/lib/server/audit-query");
    expect(endOperatorSessionsAction.meta).toEqual({ name: "endOperatorSessions", minRole: "owner", dangerous: "endOperatorSessions" });

    expect(await endOperatorSessionsAction({ email: "ada@example.com", confirmation: "ada@example.com" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    session.current = { email: "ada@example.com", name: null, role: "admin" };
    expect(await endOperatorSessionsAction({ email: "ada@example.com", confirmation: "ada@example.com" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await sessionsNotBefore("ada@example.com")).toBe(0);

    session.current = { email: "boss@example.com", name: null, role: "owner" };
    expect(await endOperatorSessionsAction({ email: "ada@example.com", confirmation: "boss@example.com" })).toMatchObject({ ok: false, code: "CONFIRMATION_MISMATCH" });
    expect(await endOperatorSessionsAction({ email: "ghost@example.com", confirmation: "ghost@example.com" })).toMatchObject({ ok: false, code: "OPERATOR_NOT_FOUND" });
    for (const email of ["", "not-an-email", "a@b.c/../x", "x".repeat(300) + "@example.com", 42, null, { __proto__: { admin: true } }]) {
      expect(await endOperatorSessionsAction({ email, confirmation: "x" } as never)).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    }
    expect(await sessionsNotBefore("ada@example.com")).toBe(0);

    const t = Date.now();
    expect(await endOperatorSessionsAction({ email: " ADA@example.com ", confirmation: "Ada@Example.com" })).toEqual({ ok: true, data: { email: "ada@example.com" } });
    expect(await sessionsNotBefore("ada@example.com")).toBeGreaterThanOrEqual(t);
    const [last, ...earlier] = await listAudit({ limit: 20 });
    expect(last).toMatchObject({ action: "endOperatorSessions", status: "success", targetType: "operator", targetId: "ada@example.com", actorEmail: "boss@example.com" });
    // Every refusal is on record too, invalid input included.
    expect(earlier.filter((r) => r.errorCode === "INVALID_INPUT")).toHaveLength(7);
    expect(earlier.find((r) => r.errorCode === "OPERATOR_NOT_FOUND")).toMatchObject({ action: "endOperatorSessions", status: "failure" });
  });
});

describe("npm run operator:end-sessions", () => {
  it("ends the operator's sessions in the dashboard's database and audits it", async () => {
    const { resolveSession, sessionsNotBefore } = await mod();
    const { listAudit } = await import("@/lib/server/audit-query");
    writeOperators([{ email: "cli@example.com", role: "admin", name: "Cli" }]);
    const signedIn = { email: "cli@example.com", provider: "credentials", signedInAt: Date.now() - 1000 };
    expect(await resolveSession(signedIn)).not.toBeNull();
    const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/operator-end-sessions.ts", "--email", "CLI@example.com"], { encoding: "utf8", env: process.env });
    expect(out).toMatch(/^Ended every session of cli@example.com signed in before /);
    expect(await sessionsNotBefore("cli@example.com")).toBeGreaterThan(signedIn.signedInAt);
    expect(await resolveSession(signedIn)).toBeNull();
    expect((await listAudit({ limit: 1 }))[0]).toMatchObject({ action: "endOperatorSessions", status: "success", targetId: "cli@example.com", targetLabel: "Cli <cli@example.com>" });
    expect(() => execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/operator-end-sessions.ts"], { stdio: "pipe", env: process.env })).toThrow(/--email is required/);
  });
});
