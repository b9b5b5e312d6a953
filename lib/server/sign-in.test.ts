import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Real pieces throughout: the operator:add script writes a real file with a bcrypt hash, the
// rate limiter writes to a real SQLite file.
let tmp: string;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-admin-signin-"));
  Object.assign(process.env, {
    STACK_API_URL: "http://127.0.0.1:9",
    STACK_PROJECT_ID: "6f4f1b9c-3a0e-4c55-9f2e-8d1e2b7a4c10",
    STACK_SUPER_SECRET_ADMIN_KEY: "sak_unused",
    NEXTAUTH_SECRET: "y".repeat(40),
    STACK_ADMIN_DB: path.join(tmp, "admin.db"),
    OPERATORS_FILE: path.join(tmp, "operators.json"),
  });
  delete process.env.STACK_PROJECTS_FILE;
  (await import("@/lib/env")).resetEnvForTests();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const addOperator = (args: string[], input?: string) =>
  execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/operator-add.ts", ...args], { input, encoding: "utf8" });

describe("operator accounts", () => {
  it("operator:add writes a bcrypt hash that verifies, and replaces an existing account", async () => {
    const file = process.env.OPERATORS_FILE!;
    addOperator(["--email", "Ops@Example.com", "--role", "admin", "--file", file], "first-password\n");
    const { verifyOperatorPassword } = await import("@/lib/server/operators");
    expect(await verifyOperatorPassword("ops@example.com", "first-password")).toEqual({ email: "ops@example.com", name: null, role: "admin" });
    expect(await verifyOperatorPassword("ops@example.com", "wrong-password")).toBeNull();
    expect(await verifyOperatorPassword("nobody@example.com", "first-password")).toBeNull();
    addOperator(["--email", "ops@example.com", "--role", "viewer", "--password", "second-password", "--file", file]);
    const saved = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(saved.operators).toHaveLength(1);
    expect(saved.operators[0].passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(JSON.stringify(saved)).not.toContain("second-password");
    expect(await verifyOperatorPassword("ops@example.com", "second-password")).toMatchObject({ role: "viewer" });
  });

  it("operator:add --print prints only a hash and refuses short passwords", () => {
    expect(addOperator(["--print", "--password", "long-enough-pw"]).trim()).toMatch(/^\$2[aby]\$12\$.{53}$/);
    expect(() => addOperator(["--print", "--password", "short"])).toThrow();
  });
});

describe("sign-in rate limits", () => {
  it("blocks an account after 5 failures and an IP after 20, then lets the window pass", async () => {
    const { recordFailedSignIn, signInRetryAfterMs, SIGN_IN_LIMITS } = await import("@/lib/server/rate-limit");
    const t0 = 1_800_000_000_000;
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) recordFailedSignIn("victim@example.com", "10.0.0.1", t0 + i);
    expect(signInRetryAfterMs("victim@example.com", "10.0.0.9", t0 + 10)).toBe(0);
    recordFailedSignIn("victim@example.com", "10.0.0.1", t0 + 5);
    // Blocked for this account from any IP…
    expect(signInRetryAfterMs("victim@example.com", "10.0.0.9", t0 + 10)).toBeGreaterThan(14 * 60 * 1000);
    // …but not other accounts from a fresh IP.
    expect(signInRetryAfterMs("other@example.com", "10.0.0.9", t0 + 10)).toBe(0);
    // An IP spraying many accounts is blocked too.
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) recordFailedSignIn(`user${i}@example.com`, "10.6.6.6", t0 + i);
    expect(signInRetryAfterMs("fresh@example.com", "10.6.6.6", t0 + 100)).toBeGreaterThan(0);
    // After the 15-minute window everything is allowed again.
    expect(signInRetryAfterMs("victim@example.com", "10.0.0.1", t0 + 16 * 60 * 1000)).toBe(0);
  });
});
