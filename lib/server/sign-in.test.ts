import bcrypt from "bcryptjs";
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

describe("the dummy hash for unknown e-mails", () => {
  it("costs as much as the most expensive operator hash (12 without operators)", async () => {
    const { dummyHashCost, DEFAULT_BCRYPT_COST } = await import("@/lib/server/operators");
    const op = (cost: number) => ({ email: `c${cost}@example.com`, role: "viewer" as const, passwordHash: bcrypt.hashSync("x", cost) });
    expect(dummyHashCost([])).toBe(DEFAULT_BCRYPT_COST);
    expect(DEFAULT_BCRYPT_COST).toBe(12);
    expect(dummyHashCost([op(4), op(6), op(5)])).toBe(6);
    // The operators file written above by operator:add holds cost-12 hashes.
    expect(dummyHashCost()).toBe(12);
  });
});

describe("sign-in rate limits", () => {
  const t0 = 1_800_000_000_000;
  const fail = async (email: string, address: string, at: number) => {
    const { beginSignInAttempt } = await import("@/lib/server/rate-limit");
    const gate = await beginSignInAttempt(email, address, at);
    expect(gate.allowed, `${email} from ${address} at +${at - t0} ms`).toBe(true);
  };

  it("backs off one (account, address) pair exponentially after 5 failures, without locking the account elsewhere", async () => {
    const { beginSignInAttempt, signInSucceeded, backoffMs, SIGN_IN_LIMITS } = await import("@/lib/server/rate-limit");
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailures; i++) await fail("victim@example.com", "10.0.0.1", t0 + i);
    const last = t0 + SIGN_IN_LIMITS.freeFailures - 1;
    // Now 1 s from that address…
    expect(await beginSignInAttempt("Victim@Example.com", "10.0.0.1", last + 10)).toEqual({ allowed: false, retryAfterMs: 990 });
    // …while the right password from another address goes through, and clears only its own pair.
    const other = await beginSignInAttempt("victim@example.com", "10.0.0.2", last + 10);
    expect(other.allowed).toBe(true);
    if (other.allowed) await signInSucceeded(other.attempt);
    expect((await beginSignInAttempt("victim@example.com", "10.0.0.1", last + 500)).allowed).toBe(false);
    // After the wait, one more try; each further failure doubles the wait.
    await fail("victim@example.com", "10.0.0.1", last + 1000);
    expect(await beginSignInAttempt("victim@example.com", "10.0.0.1", last + 2999)).toMatchObject({ allowed: false, retryAfterMs: 1 });
    await fail("victim@example.com", "10.0.0.1", last + 3000);
    expect((await beginSignInAttempt("victim@example.com", "10.0.0.1", last + 3000 + 3999)).allowed).toBe(false);
    expect([5, 6, 7, 8, 14, 15, 40].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 512_000, 900_000, 900_000]);
    // A right password ends the backoff of its pair.
    const ok = await beginSignInAttempt("victim@example.com", "10.0.0.1", last + 3000 + 4000);
    expect(ok.allowed).toBe(true);
    if (ok.allowed) await signInSucceeded(ok.attempt);
    expect((await beginSignInAttempt("victim@example.com", "10.0.0.1", last + 3000 + 4001)).allowed).toBe(true);
  });

  it("limits one address to 20 failures in 15 minutes across accounts; successes do not count", async () => {
    const { beginSignInAttempt, signInSucceeded, SIGN_IN_LIMITS } = await import("@/lib/server/rate-limit");
    const good = await beginSignInAttempt("ops@example.com", "10.6.6.6", t0);
    if (good.allowed) await signInSucceeded(good.attempt);
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) await fail(`user${i}@example.com`, "10.6.6.6", t0 + i);
    const blocked = await beginSignInAttempt("fresh@example.com", "10.6.6.6", t0 + 100);
    expect(blocked.allowed).toBe(false);
    expect(!blocked.allowed && blocked.retryAfterMs).toBeGreaterThan(14 * 60 * 1000);
    // Another address is unaffected; after the window the address is free again.
    expect((await beginSignInAttempt("fresh@example.com", "10.6.6.7", t0 + 100)).allowed).toBe(true);
    expect((await beginSignInAttempt("fresh@example.com", "10.6.6.6", t0 + 16 * 60 * 1000)).allowed).toBe(true);
  });

  it("records the attempt before the password is checked, so concurrent guesses cannot all pass", async () => {
    const { beginSignInAttempt } = await import("@/lib/server/rate-limit");
    const t = t0 + 10 * 60 * 60 * 1000;
    for (let i = 0; i < 5; i++) await fail("race@example.com", "10.7.7.7", t);
    // Ten parallel requests after the first wait: one gets through, nine wait.
    const gates = await Promise.all(Array.from({ length: 10 }, () => beginSignInAttempt("race@example.com", "10.7.7.7", t + 1000)));
    expect(gates.filter((g) => g.allowed)).toHaveLength(1);
    // The wait runs from when the failure was known (after bcrypt), not from when the attempt began.
    const { signInFailed } = await import("@/lib/server/rate-limit");
    const first = gates.find((g) => g.allowed);
    if (first?.allowed) await signInFailed(first.attempt, t + 1500);
    expect(await beginSignInAttempt("race@example.com", "10.7.7.7", t + 3000)).toEqual({ allowed: false, retryAfterMs: 500 });
  });
});

describe("client address", () => {
  it("is the socket address unless proxies are trusted; then the entry that many from the right of X-Forwarded-For", async () => {
    const { clientAddress } = await import("@/lib/server/client-address");
    const xff = "203.0.113.9, 198.51.100.7, 10.0.0.5";
    expect(clientAddress(xff, 0, "::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(clientAddress(null, 0, "::1")).toBe("::1");
    expect(clientAddress(xff, 0, undefined)).toBe("unknown");
    expect(clientAddress(xff, 1, "10.0.0.1")).toBe("10.0.0.5");
    expect(clientAddress(xff, 2, "10.0.0.1")).toBe("198.51.100.7");
    // Fewer entries than hops: the leftmost there is; garbage is no address.
    expect(clientAddress("198.51.100.7", 3, "10.0.0.1")).toBe("198.51.100.7");
    expect(clientAddress("evil, not-an-ip", 1, "10.0.0.1")).toBe("unknown");
    expect(clientAddress(undefined, 1, "10.0.0.1")).toBe("10.0.0.1");
  });
});
