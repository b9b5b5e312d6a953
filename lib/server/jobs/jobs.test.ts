import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { engineNames, freshTarget } from "@/lib/testing/db";
import { useConsoleEnv, type ConsoleEnv } from "@/lib/testing/console-env";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";

// The jobs core on each engine of the console's database, through the modules the console runs:
// the store, the lease, the runner (bounded concurrency, failures kept with their codes, 429
// with Retry-After, cancel, shutdown and resume) and the audit records. Stack calls go to a real
// emulator process over HTTP.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

let emu: TestEmulator;
let env: ConsoleEnv;
const operator = { email: "admin@example.com", role: "admin" as const };

beforeAll(async () => {
  emu = await startEmulatorProcess();
  env = await useConsoleEnv(emu.url, "jobs", { consoleDb: "caller" });
});
afterAll(async () => {
  await (await import("@/lib/server/jobs/runner")).resetRunnerForTests();
  await emu?.stop();
  await env?.dispose();
});

/** Test operations: `touch` writes to the emulator (PATCH /users/{id}); ids starting "fail-" are refused. */
const runs: string[] = [];
const gate = { open: true, waiting: [] as (() => void)[] };
const release = () => {
  gate.open = true;
  for (const w of gate.waiting.splice(0)) w();
};
async function registerTestOperations() {
  const { registerJobOperation } = await import("@/lib/server/jobs");
  const { ActionRefusal } = await import("@/lib/server/failure");
  const stackUsers = await import("@/lib/stack/users");
  registerJobOperation({
    name: "touchUsers",
    label: "Touch users",
    itemAction: "updateUserMetadata",
    params: z.object({ mark: z.string() }),
    item: z.object({ userId: z.string() }),
    target: (i: { userId: string }) => ({ type: "user", id: i.userId }),
    run: async (client, item: { userId: string }, params: { mark: string }, rec) => {
      runs.push(item.userId);
      if (!gate.open) await new Promise<void>((r) => gate.waiting.push(r));
      if (item.userId.startsWith("fail-")) throw new ActionRefusal("PROBE_REFUSED", `refused ${item.userId}`);
      if (item.userId.startsWith("skip-")) return { skipped: "already there" };
      const after = await stackUsers.updateUser(client, item.userId, { client_metadata: { mark: params.mark } });
      rec.audit({ type: "user", id: after.id, label: after.primary_email }, { client_metadata: { mark: params.mark } });
    },
  });
}

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(engineNames())("bulk jobs on %s", (engine) => {
  beforeAll(async () => {
    const target = await freshTarget(engine);
    if (target.engine === "postgres") process.env.DATABASE_URL = target.url;
    else {
      delete process.env.DATABASE_URL;
      process.env.STACK_ADMIN_DB = target.file;
    }
    (await import("@/lib/env")).resetEnvForTests();
    await (await import("@/lib/server/jobs/runner")).resetRunnerForTests();
    await (await import("@/lib/server/db")).closeDb();
    await registerTestOperations();
  });

  const jobs = () => import("@/lib/server/jobs");
  const db = async () => (await import("@/lib/server/db")).getDb();
  const project = async () => (await import("@/lib/stack/projects")).getDefaultProject();
  const ctx = async () => {
    const p = await project();
    return { operator, project: p, client: (await import("@/lib/stack/get-client")).getStackClient(p.slug) };
  };
  const seedUsers = async (n: number, tag: string) =>
    Promise.all(Array.from({ length: n }, async (_, i) => (await emu.fetch("/users", { method: "POST", body: { primary_email: `${tag}-${i}@example.com` } })).body.id as string));
  const finished = async (jobId: string) => {
    await until(async () => (await (await jobs()).getJob(jobId, await project()))?.state !== "running");
    return (await (await jobs()).getJob(jobId, await project()))!;
  };

  it("runs every item, continues past failures with their codes, and audits each item and the job", async () => {
    const ids = await seedUsers(6, `run-${engine}`);
    const { startJob } = await jobs();
    const items = [...ids, "fail-1", "skip-1"].map((userId) => ({ userId }));
    const { jobId } = await startJob(await ctx(), { operation: "touchUsers", params: { mark: mark(engine) }, items });
    const job = await finished(jobId);
    expect(job.state).toBe("done");
    expect(job.counts).toEqual({ total: 8, done: 6, failed: 1, skipped: 1, cancelled: 0, remaining: 0 });
    expect(job.items.find((i) => i.state === "failed")).toMatchObject({ target: { id: "fail-1" }, errorCode: "PROBE_REFUSED" });
    expect(job.items.find((i) => i.state === "skipped")).toMatchObject({ target: { id: "skip-1" }, message: "already there" });
    for (const id of ids) expect((await emu.fetch(`/users/${id}`)).body.client_metadata).toEqual({ mark: mark(engine) });

    const records = await (await db()).selectFrom("audit_records").selectAll().where("request_id", "=", jobId).orderBy("id").execute();
    const itemResults = records.filter((r) => r.action === "updateUserMetadata" && r.phase === "result");
    expect(itemResults).toHaveLength(8);
    expect(records.filter((r) => r.action === "updateUserMetadata" && r.phase === "intent")).toHaveLength(8);
    expect(itemResults.find((r) => r.target_id === "fail-1")).toMatchObject({ status: "failure", error_code: "PROBE_REFUSED" });
    // The operation named the target better while it ran (its e-mail).
    expect(itemResults.find((r) => r.target_id === ids[0])?.target_label).toBe(`run-${engine}-0@example.com`);
    const jobRecords = records.filter((r) => r.action === "touchUsers");
    expect(jobRecords.map((r) => [r.phase, r.status, r.error_code])).toEqual([
      ["intent", "pending", null],
      ["result", "failure", "ITEMS_FAILED"],
    ]);
    expect(jobRecords[1]!.intent_id).toBe(jobRecords[0]!.id);
    // A finished item keeps its target and result, not its input (an import's holds a password hash).
    const inputs = await (await db()).selectFrom("job_items").select("input_json").where("job_id", "=", jobId).execute();
    expect(new Set(inputs.map((i) => i.input_json))).toEqual(new Set(["{}"]));
  });

  it("refuses invalid items, an unknown operation and a role below the item action's, storing nothing", async () => {
    const { startJob } = await jobs();
    const before = await (await db()).selectFrom("jobs").select("id").execute();
    await expect(startJob(await ctx(), { operation: "touchUsers", params: { mark: "x" }, items: [{ userId: "a" }, { userId: 5 }] })).rejects.toThrow(/Item 2 is invalid/);
    await expect(startJob(await ctx(), { operation: "touchUsers", params: {}, items: [{ userId: "a" }] })).rejects.toThrow(/parameters are invalid/);
    await expect(startJob(await ctx(), { operation: "nope", params: {}, items: [{ userId: "a" }] })).rejects.toThrow(/Unknown job operation/);
    await expect(startJob(await ctx(), { operation: "touchUsers", params: { mark: "x" }, items: [] })).rejects.toThrow(/no items/);
    await expect(startJob({ ...(await ctx()), operator: { email: "s@example.com", role: "support" } }, { operation: "touchUsers", params: { mark: "x" }, items: [{ userId: "a" }] })).rejects.toThrow(/operator role/);
    expect(await (await db()).selectFrom("jobs").select("id").execute()).toHaveLength(before.length);
  });

  it("is another project's 404 and hides nothing about it", async () => {
    const { startJob, getJob, cancelJob } = await jobs();
    const { jobId } = await startJob(await ctx(), { operation: "touchUsers", params: { mark: "p" }, items: [{ userId: "skip-2" }] });
    await finished(jobId);
    const other = { slug: "other", projectId: TEST_PROJECT.projectId };
    expect(await getJob(jobId, other)).toBeNull();
    await expect(cancelJob(jobId, { operator, project: other })).rejects.toThrow(/No such job/);
  });

  it("claims a job's lease for one process only, until it expires", async () => {
    const store = await import("@/lib/server/jobs/store");
    const { jobId } = await (await jobs()).startJob(await ctx(), { operation: "touchUsers", params: { mark: "l" }, items: [{ userId: "skip-3" }] });
    await finished(jobId);
    const d = await db();
    // A running job as another replica left it: leased to it, one item mid-run.
    await d.updateTable("jobs").set({ state: "running", finished_at_millis: null, lease_owner: "replica-a", lease_until_millis: Date.now() + 60_000 }).where("id", "=", jobId).execute();
    await d.updateTable("job_items").set({ state: "running" }).where("job_id", "=", jobId).execute();
    const claims = await Promise.all(["replica-b", "replica-c", "replica-d"].map((o) => store.claimLease(jobId, o, 60_000)));
    expect(claims).toEqual([false, false, false]);
    expect(await store.renewLease(jobId, "replica-b", 60_000)).toBe(false);
    // Expired: exactly one of several claimers wins, and the item the dead one left running is pending again.
    await d.updateTable("jobs").set({ lease_until_millis: Date.now() - 1 }).where("id", "=", jobId).execute();
    const again = await Promise.all(["replica-b", "replica-c", "replica-d"].map((o) => store.claimLease(jobId, o, 60_000)));
    expect(again.filter(Boolean)).toHaveLength(1);
    expect((await d.selectFrom("job_items").select("state").where("job_id", "=", jobId).executeTakeFirstOrThrow()).state).toBe("pending");
    await store.finishJob(jobId, "done");
  });

  it("cancel: the items in flight finish, nothing new starts, the rest are cancelled", async () => {
    const { startJob, cancelJob } = await jobs();
    const { JOB_CONCURRENCY } = await import("@/lib/server/jobs/runner");
    gate.open = false;
    runs.length = 0;
    const items = Array.from({ length: 40 }, (_, i) => ({ userId: `skip-c${i}` }));
    const { jobId } = await startJob(await ctx(), { operation: "touchUsers", params: { mark: "c" }, items });
    await until(async () => runs.length === JOB_CONCURRENCY);
    expect(await cancelJob(jobId, { operator, project: await project() })).toEqual({ cancelled: true });
    release();
    const job = await finished(jobId);
    expect(job.state).toBe("cancelled");
    expect(runs).toHaveLength(JOB_CONCURRENCY);
    expect(job.counts).toMatchObject({ skipped: JOB_CONCURRENCY, cancelled: 40 - JOB_CONCURRENCY, remaining: 0 });
    const end = await (await db()).selectFrom("audit_records").select(["status", "error_code"]).where("request_id", "=", jobId).where("action", "=", "touchUsers").where("phase", "=", "result").executeTakeFirstOrThrow();
    expect(end).toEqual({ status: "failure", error_code: "JOB_CANCELLED" });
    const inputs = await (await db()).selectFrom("job_items").select("input_json").where("job_id", "=", jobId).execute();
    expect(new Set(inputs.map((i) => i.input_json))).toEqual(new Set(["{}"]));
  });

  it("a shutdown leaves the rest pending, not half-written, and a restarted process resumes the job", async () => {
    const { startJob } = await jobs();
    const runner = await import("@/lib/server/jobs/runner");
    const store = await import("@/lib/server/jobs/store");
    gate.open = false;
    runs.length = 0;
    const ids = await seedUsers(12, `resume-${engine}`);
    const { jobId } = await startJob(await ctx(), { operation: "touchUsers", params: { mark: "r" }, items: ids.map((userId) => ({ userId })) });
    await until(async () => runs.length === runner.JOB_CONCURRENCY);
    const stopped = runner.stopRunner();
    release();
    await stopped;
    const d = await db();
    const states = await d.selectFrom("job_items").select("state").where("job_id", "=", jobId).execute();
    expect(states.filter((s) => s.state === "done")).toHaveLength(runner.JOB_CONCURRENCY);
    expect(states.filter((s) => s.state === "pending")).toHaveLength(12 - runner.JOB_CONCURRENCY);
    expect((await store.getJobRow(jobId))).toMatchObject({ state: "running", lease_owner: null });

    // A new process: the first look at a job resumes it; every item runs exactly once overall.
    await runner.resetRunnerForTests();
    const job = await finished(jobId);
    expect(job.counts).toMatchObject({ done: 12, failed: 0, remaining: 0 });
    expect(new Set(runs).size).toBe(12);
    expect(runs).toHaveLength(12);
  });

  it("backs off on a 429 for its Retry-After, then applies the item; Stack's codes stay on failures", async () => {
    const ids = await seedUsers(3, `limit-${engine}`);
    await fetch(`${emu.url}/__emulator/faults`, { method: "POST", body: JSON.stringify({ faults: [{ status: 429, retry_after: 1, method: "PATCH", path: "/users", count: 1 }] }) });
    const since = ((await (await fetch(`${emu.url}/__emulator/requests?since=0`)).json()) as { last_seq: number }).last_seq;
    const missing = "3f9a1c2e-0000-4000-8000-00000000dead";
    const { jobId } = await (await jobs()).startJob(await ctx(), { operation: "touchUsers", params: { mark: "429" }, items: [...ids, missing].map((userId) => ({ userId })) });
    const job = await finished(jobId);
    expect(job.counts).toMatchObject({ done: 3, failed: 1 });
    expect(job.items).toEqual([expect.objectContaining({ target: expect.objectContaining({ id: missing }), errorCode: "USER_NOT_FOUND" })]);
    const log = ((await (await fetch(`${emu.url}/__emulator/requests?since=${since}`)).json()) as { items: { seq: number; method: string; path: string; status: number; at_millis: number }[] }).items.filter((r) => r.method === "PATCH");
    const limited = log.find((r) => r.status === 429)!;
    expect(limited).toBeDefined();
    // The refused item went again, after the wait Stack asked for; no write started during it.
    const retry = log.find((r) => r.path === limited.path && r.seq > limited.seq)!;
    expect(retry.at_millis - limited.at_millis).toBeGreaterThanOrEqual(950);
    // (Writes already in flight when the 429 came back arrive within milliseconds; none later.)
    const sentDuringWait = log.filter((r) => r.at_millis > limited.at_millis + 400 && r.at_millis < limited.at_millis + 950);
    expect(sentDuringWait).toEqual([]);
    expect(log.filter((r) => r.status === 200)).toHaveLength(3);
    expect(log.filter((r) => r.status === 404)).toHaveLength(1);
    const results = await (await db()).selectFrom("audit_records").select(["target_id", "status", "error_code"]).where("request_id", "=", jobId).where("phase", "=", "result").where("action", "=", "updateUserMetadata").execute();
    expect(results.filter((r) => r.error_code === "UPSTREAM_RATE_LIMITED")).toHaveLength(1);
    expect(results.filter((r) => r.status === "success")).toHaveLength(3);
  });
});

const mark = (engine: string) => `mark-${engine}`;
