// `npm run bench:bulk [-- --users 1000]`
//
// Bulk jobs: the runner of lib/server/jobs, in this process as in the server, with the console's
// database on SQLite and Stack played by an emulator process seeded with N users (over HTTP).
// 1. Delete N users in one job: items per second and errors (each item is the single delete:
//    read the user, delete it, its audit intent and result, its row).
// 2. Cancel: a second job over N users, slowed by the emulator (latency on every DELETE), is
//    cancelled once it is under way; measured from the cancel to the last item that started.
// Budget: ≥ 100 users per second with 0 errors; the cancel takes effect within 1 s.
// Run with `tsx --conditions=react-server` (the package script does) so `server-only` loads.
import path from "node:path";
import { ADMIN_HEADERS, machineLine, numArg, seedEmulatorDb, startEmulator } from "./stack";
import { log, makeTmp, runBench } from "./servers";
import { PROJECT } from "../e2e/env";

const USERS = numArg("users", 1_000);
const BUDGET = { perSecond: 100, cancelMs: 1_000 };
const tmp = makeTmp("bench-bulk");

async function userIds(emulator: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  while (ids.length < n) {
    const res = await fetch(`${emulator}/api/v1/users?limit=1000${cursor ? `&cursor=${cursor}` : ""}`, { headers: ADMIN_HEADERS });
    const body = (await res.json()) as { items: { id: string }[]; pagination?: { next_cursor?: string | null } };
    ids.push(...body.items.map((u) => u.id));
    cursor = body.pagination?.next_cursor ?? undefined;
    if (!cursor) break;
  }
  return ids.slice(0, n);
}

async function main() {
  const emulator = await startEmulator(tmp, seedEmulatorDb(tmp, USERS * 4));
  Object.assign(process.env, {
    STACK_API_URL: emulator,
    STACK_PROJECT_ID: PROJECT.id,
    STACK_SUPER_SECRET_ADMIN_KEY: PROJECT.superSecretAdminKey,
    NEXTAUTH_SECRET: "bench-".repeat(8),
    STACK_ADMIN_DB: path.join(tmp, "console.db"),
    OPERATORS_FILE: path.join(tmp, "operators.json"),
  });
  delete process.env.DATABASE_URL;
  delete process.env.STACK_PROJECTS_FILE;
  const { startJob, getJob, cancelJob } = await import("@/lib/server/jobs");
  const { JOB_CONCURRENCY, stopRunner } = await import("@/lib/server/jobs/runner");
  const { getDb, closeDb } = await import("@/lib/server/db");
  const project = (await import("@/lib/stack/projects")).getDefaultProject();
  const client = (await import("@/lib/stack/get-client")).getStackClient(project.slug);
  const ctx = (count: number) => ({ operator: { email: "bench@example.com", role: "admin" as const }, project, client, confirm: (expected: string) => {
    if (expected !== String(count)) throw new Error(`confirmation ${count} ≠ ${expected}`);
  } });
  const all = await userIds(emulator, USERS * 3);
  if (all.length < USERS * 3) throw new Error(`the emulator lists ${all.length} users; ${USERS * 3} needed`);
  const [first, second, direct] = [all.slice(0, USERS), all.slice(USERS, USERS * 2), all.slice(USERS * 2)];

  // The same Stack calls the job makes per user (read it, delete it), sent directly with the same
  // concurrency: what the emulator itself allows on this machine, side by side with the job.
  log(`deleting ${direct.length} users directly (GET + DELETE, ${JOB_CONCURRENCY} at a time)…`);
  const d0 = performance.now();
  const queue = [...direct];
  await Promise.all(
    Array.from({ length: JOB_CONCURRENCY }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        await (await fetch(`${emulator}/api/v1/users/${id}`, { headers: ADMIN_HEADERS })).text();
        await (await fetch(`${emulator}/api/v1/users/${id}`, { method: "DELETE", headers: ADMIN_HEADERS })).text();
      }
    }),
  );
  const directRate = direct.length / ((performance.now() - d0) / 1000);
  const finished = async (jobId: string) => {
    for (;;) {
      const job = (await getJob(jobId, project))!;
      if (job.state !== "running") return job;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  log(`deleting ${first.length} users in one job (concurrency ${JOB_CONCURRENCY})…`);
  const t0 = performance.now();
  const { jobId } = await startJob(ctx(first.length), { operation: "deleteUsers", params: {}, items: first.map((userId) => ({ userId })) });
  const del = await finished(jobId);
  const seconds = (performance.now() - t0) / 1000;
  const remaining = (await userIds(emulator, USERS * 2)).filter((id) => first.includes(id)).length;

  log(`cancelling a slowed job over ${second.length} users…`);
  await fetch(`${emulator}/__emulator/faults`, { method: "POST", body: JSON.stringify({ faults: [{ delay_ms: 50, method: "DELETE", path: "/users", count: second.length }] }) });
  const slow = await startJob(ctx(second.length), { operation: "deleteUsers", params: {}, items: second.map((userId) => ({ userId })) });
  for (;;) {
    const job = (await getJob(slow.jobId, project))!;
    if (job.counts.done >= 40) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const cancelAt = Date.now();
  await cancelJob(slow.jobId, { operator: { role: "admin" }, project });
  const cancelled = await finished(slow.jobId);
  const lastStart = await (await getDb()).selectFrom("job_items").select((eb) => eb.fn.max("started_at_millis").as("t")).where("job_id", "=", slow.jobId).executeTakeFirstOrThrow();
  const cancelMs = Math.max(0, Number(lastStart.t) - cancelAt);
  await fetch(`${emulator}/__emulator/faults`, { method: "DELETE" });
  await stopRunner();
  await closeDb();

  const rate = first.length / seconds;
  const rows = [
    ["Direct REST", `${direct.length} × GET + DELETE`, "", `${directRate.toFixed(0)} /s`, "(baseline)", ""],
    ["Bulk delete", `${first.length} users`, `${seconds.toFixed(1)} s`, `${rate.toFixed(0)} /s`, `≥ ${BUDGET.perSecond} /s`, rate >= BUDGET.perSecond ? "ok" : "OVER"],
    ["  vs direct", "", "", `${((rate / directRate) * 100).toFixed(0)} %`, "", ""],
    ["  errors", `${del.counts.failed} failed, ${remaining} left in Stack`, "", "", "0", del.counts.failed === 0 && remaining === 0 ? "ok" : "OVER"],
    ["Cancel", `after ${cancelled.counts.done} of ${second.length}`, "", `${cancelMs} ms`, `≤ ${BUDGET.cancelMs} ms`, cancelMs <= BUDGET.cancelMs && cancelled.state === "cancelled" ? "ok" : "OVER"],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...[["Measure", "Work", "Time", "Result", "Budget", ""], ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log([line(["Measure", "Work", "Time", "Result", "Budget", ""]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n"));
  console.log(`\nCancel: from the cancel call to the last item started (items in flight then finish). Job concurrency ${JOB_CONCURRENCY}; console database SQLite.`);
  console.log(await machineLine());
}

runBench(tmp, main);
