import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { engineNames, freshTarget } from "@/lib/testing/db";
import { useConsoleEnv, type ConsoleEnv } from "@/lib/testing/console-env";
import { startEmulatorProcess, type TestEmulator } from "@/lib/testing/emulator";

// The console's own store (audit log, sign-in limits, ended sessions) on each engine, through the
// same modules the console runs. Only the Next request seams are replaced (see action.test.ts);
// Stack calls go to a real emulator process over HTTP.
const session = vi.hoisted(() => ({ current: null as null | { email: string; name: string | null; role: string } }));
vi.mock("@/lib/server/session", () => ({ getOperator: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

let emu: TestEmulator;
let env: ConsoleEnv;
const apiRequests = async () => ((await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { api_requests: number }).api_requests;

beforeAll(async () => {
  emu = await startEmulatorProcess();
  env = await useConsoleEnv(emu.url, "store", { consoleDb: "caller" });
});
afterAll(async () => {
  await emu?.stop();
  await env?.dispose();
});

const admin = { email: "admin@example.com", name: null, role: "admin" };

describe.each(engineNames())("the console's store on %s", (engine) => {
  beforeAll(async () => {
    const target = await freshTarget(engine);
    if (target.engine === "postgres") process.env.DATABASE_URL = target.url;
    else {
      delete process.env.DATABASE_URL;
      process.env.STACK_ADMIN_DB = target.file;
    }
    (await import("@/lib/env")).resetEnvForTests();
    await (await import("@/lib/server/db")).closeDb();
  });
  beforeEach(() => {
    session.current = null;
  });

  const db = async () => (await import("@/lib/server/db")).getDb();
  const verify = async () => (await import("@/lib/server/audit-verify")).verifyAuditChain(await db());

  it("chains every record, also under concurrent writers, and audit:verify finds it intact", async () => {
    const { writeAudit } = await import("@/lib/server/audit");
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        writeAudit({ actor: { email: "a@example.com", role: "admin" }, action: `probe${i}`, status: "success", requestId: `r${i}` }),
      ),
    );
    const report = await verify();
    expect(report.broken).toBeNull();
    expect(report.checked).toBeGreaterThanOrEqual(25);
  });

  it("refuses UPDATE and DELETE in the database itself", async () => {
    const d = await db();
    await expect(d.updateTable("audit_records").set({ action: "forged" }).execute()).rejects.toThrow(/append-only/);
    await expect(d.deleteFrom("audit_records").execute()).rejects.toThrow(/append-only/);
    expect((await verify()).broken).toBeNull();
  });

  it("audit:verify names the first record that was edited behind the triggers' back", async () => {
    const d = await db();
    const rows = await d.selectFrom("audit_records").select("id").orderBy("id").execute();
    const victim = Number(rows[3]!.id);
    // What an attacker with database access would do: get past the trigger, then edit.
    if (engine === "postgres") {
      await d.transaction().execute(async (trx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(trx);
        await trx.updateTable("audit_records").set({ actor_email: "someone-else@example.com" }).where("id", "=", victim).execute();
      });
    } else {
      await sql`DROP TRIGGER audit_records_no_update`.execute(d);
      await d.updateTable("audit_records").set({ actor_email: "someone-else@example.com" }).where("id", "=", victim).execute();
    }
    expect((await verify()).broken).toEqual({ id: victim, reason: "hash" });

    // And the CLI reports it, with a failing exit code.
    const { spawnSync } = await import("node:child_process");
    const r = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/audit-verify.ts"], { encoding: "utf8", env: process.env, timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`BROKEN at record ${victim}`);
  }, 90_000);

  it("redacts secrets by field name and by value", async () => {
    const { writeAudit } = await import("@/lib/server/audit");
    const { listAudit } = await import("@/lib/server/audit-query");
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    const bcrypt = "$2a$12$" + "a".repeat(53);
    await writeAudit({
      actor: { email: "a@example.com", role: "admin" },
      action: "redactionProbe",
      target: { type: "key", id: "k1", label: "sak_0123456789abcdef" },
      status: "failure",
      message: `upstream said ssk_abcdefgh12345678 and ${jwt}`,
      changes: { note: `pck_zzzzzzzzzzzz`, hashLike: bcrypt, nested: [{ client_secret: "plain words" }], fine: "hello" },
      requestId: "redact",
    });
    const [row] = await listAudit({ limit: 1, action: "redactionProbe" });
    const bytes = JSON.stringify(row);
    for (const secret of ["sak_0123456789abcdef", "ssk_abcdefgh12345678", jwt, bcrypt, "pck_zzzzzzzzzzzz", "plain words"]) expect(bytes).not.toContain(secret);
    expect(row!.changes).toMatchObject({ fine: "hello" });
  });

  it("write-ahead: the intent is on record before Stack is called, and a failed intent write calls nothing", async () => {
    const { createUserAction } = await import("@/lib/actions/users");
    const { listAudit } = await import("@/lib/server/audit-query");
    session.current = admin;
    const ok = await createUserAction({ primaryEmail: `wa-${engine}@example.com`, password: "", displayName: "", primaryEmailVerified: false });
    expect(ok.ok).toBe(true);
    const d = await db();
    const mine = await d.selectFrom("audit_records").selectAll().where("action", "=", "createUser").orderBy("id").execute();
    expect(mine.map((r) => r.phase)).toEqual(["intent", "result"]);
    expect(Number(mine[1]!.intent_id)).toBe(Number(mine[0]!.id));
    // The log shows the action once, as its result.
    expect((await listAudit({ limit: 5, action: "createUser" })).map((r) => r.status)).toEqual(["success"]);

    // Make intents unwritable (as a full disk or a lost database would), and only them.
    if (engine === "postgres") {
      await sql`CREATE FUNCTION refuse_intents() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`.execute(d);
      await sql`CREATE TRIGGER refuse_intents BEFORE INSERT ON audit_records FOR EACH ROW WHEN (NEW.phase = 'intent') EXECUTE FUNCTION refuse_intents()`.execute(d);
    } else {
      await sql`CREATE TRIGGER refuse_intents BEFORE INSERT ON audit_records WHEN NEW.phase = 'intent' BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(d);
    }
    const before = await apiRequests();
    const refused = await createUserAction({ primaryEmail: `wa2-${engine}@example.com`, password: "", displayName: "", primaryEmailVerified: false });
    expect(refused).toMatchObject({ ok: false, code: "AUDIT_FAILED" });
    expect(refused.ok ? "" : refused.message).toContain("Nothing was changed");
    expect(await apiRequests()).toBe(before);
    const found = await emu.fetch(`/users?query=${encodeURIComponent(`wa2-${engine}`)}`);
    expect(found.body.items).toHaveLength(0);
    await sql`DROP TRIGGER refuse_intents${sql.raw(engine === "postgres" ? " ON audit_records" : "")}`.execute(d);
  });

  it("a failing call names its target from the input, with Stack's error code", async () => {
    const { deleteUserAction } = await import("@/lib/actions/users");
    const { listAudit } = await import("@/lib/server/audit-query");
    session.current = admin;
    const missing = "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70";
    const r = await deleteUserAction({ userId: missing, confirmation: "x" });
    expect(r.ok).toBe(false);
    const [row] = await listAudit({ limit: 1, action: "deleteUser" });
    expect(row).toMatchObject({ status: "failure", targetType: "user", targetId: missing, errorCode: "USER_NOT_FOUND" });
  });

  it("every action writes a record, whatever the outcome (here: each called with an empty input)", async () => {
    const { actionRegistry } = await import("@/lib/server/action");
    const { listAudit } = await import("@/lib/server/audit-query");
    const dir = path.join(process.cwd(), "lib", "actions");
    const actions: { meta: { name: string } }[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
      for (const v of Object.values(mod)) if (typeof v === "function" && "meta" in v) actions.push(v as never);
    }
    expect(actions.length).toBe(actionRegistry.filter((m) => m.name !== "keySealProbe").length);
    session.current = { email: "owner@example.com", name: null, role: "owner" };
    for (const a of actions) {
      const since = (await listAudit({ limit: 1 }))[0]?.id ?? 0;
      await (a as unknown as (i: unknown) => Promise<unknown>)({});
      const rows = (await listAudit({ limit: 5, action: a.meta.name })).filter((r) => r.id > since);
      expect(rows.length, `${a.meta.name} recorded`).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);

  it("keeps the sign-in limits and ended sessions in the same store", async () => {
    const { beginSignInAttempt, signInFailed, SIGN_IN_LIMITS } = await import("@/lib/server/rate-limit");
    const { endOperatorSessions, sessionsNotBefore } = await import("@/lib/server/operator-sessions");
    const t = Date.now();
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailures; i++) {
      const g = await beginSignInAttempt("pair@example.com", "10.9.9.9", t + i);
      if (g.allowed) await signInFailed(g.attempt, t + i);
    }
    // Parallel guesses: exactly one passes the gate (the attempt is recorded under the lock).
    const gates = await Promise.all(Array.from({ length: 6 }, () => beginSignInAttempt("pair@example.com", "10.9.9.9", t + 1000 + SIGN_IN_LIMITS.freeFailures)));
    expect(gates.filter((g) => g.allowed)).toHaveLength(1);
    expect(await beginSignInAttempt("pair@example.com", "10.9.9.10", t + 1000)).toMatchObject({ allowed: true });

    await endOperatorSessions("Ended@Example.com", t);
    await endOperatorSessions("ended@example.com", t - 5000);
    expect(await sessionsNotBefore("ended@example.com")).toBe(t);
  });
});
