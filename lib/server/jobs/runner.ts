import "server-only";

import crypto from "node:crypto";
import type { ProjectSummary } from "@/lib/projects-dto";
import type { AuditTarget, ChangeRecorder } from "@/lib/server/action";
import { recordIntent, recordResult } from "@/lib/server/audit";
import { describeFailure } from "@/lib/server/failure";
import { getJobOperation, onJobOperationRegistered, type JobOperation } from "@/lib/server/jobs/registry";
import * as store from "@/lib/server/jobs/store";
import { log } from "@/lib/server/log";
import { isShuttingDown, onShutdown } from "@/lib/server/shutdown";
import { getStackClient } from "@/lib/stack/get-client";
import { StackHttpError, StackKnownError } from "@/lib/stack/errors";
import { getProject } from "@/lib/stack/projects";
import type { StackClient } from "@/lib/stack/client";

// The job runner: one per process, inside the server. It runs the jobs whose lease it holds with
// bounded concurrency; a 429 pauses the whole job for Retry-After; a cancel (or a shutdown) lets
// the items in flight finish and starts no new one. Jobs nobody holds (a restart, a dead
// replica) are picked up by the scan that starts on the first use of the jobs module.

export const JOB_CONCURRENCY = Math.max(1, Math.min(16, Number(process.env.STACK_ADMIN_JOB_CONCURRENCY) || 4));
const LEASE_MS = 15_000;
const RENEW_EVERY_MS = 3_000;
/** How often a job looks at its cancel flag (a cancel from another replica arrives this way). */
const CANCEL_POLL_MS = 200;
const SCAN_EVERY_MS = 5_000;
const BATCH = 200;
/** Without a Retry-After, waits double from this, up to the cap (and a sent one is capped too). */
const BACKOFF_START_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

type ActiveJob = { id: string; cancel: boolean; stop: boolean; done: Promise<void> };
type RunnerState = { owner: string; active: Map<string, ActiveJob>; scanning: boolean; timer: NodeJS.Timeout | null; unhook: (() => void) | null };

// One per process, shared by every route bundle that imports this module.
const KEY = Symbol.for("stack-admin.job-runner");
const holder = globalThis as { [KEY]?: RunnerState };

function runner(): RunnerState {
  let s = holder[KEY];
  if (!s) {
    s = holder[KEY] = { owner: crypto.randomUUID(), active: new Map(), scanning: false, timer: null, unhook: null };
    const state = s;
    state.unhook = onShutdown("bulk jobs", () => stopRunner());
    // An operation registered later (another area's module loaded) may have jobs waiting.
    onJobOperationRegistered(() => void scan());
    state.timer = setInterval(() => void scan(), SCAN_EVERY_MS);
    state.timer.unref();
  }
  return s;
}

/** Starts the runner if this process has none yet and resumes the jobs nobody holds. */
export function ensureRunner(): Promise<void> {
  runner();
  return scan();
}

async function scan(): Promise<void> {
  const s = runner();
  if (s.scanning || isShuttingDown()) return;
  s.scanning = true;
  try {
    for (const { id, operation } of await store.unleasedJobIds(Date.now())) {
      // A job of an operation this process has not loaded waits for one that has (registerJobOperation rescans).
      if (!s.active.has(id) && getJobOperation(operation)) await claimAndRun(id);
    }
  } catch (err) {
    log("error", "job scan failed", { error: err instanceof Error ? err.message : String(err) });
  } finally {
    s.scanning = false;
  }
}

/** Claims the job's lease and runs it in the background; false when another process holds it. */
export async function claimAndRun(id: string): Promise<boolean> {
  const s = runner();
  if (s.active.has(id) || isShuttingDown()) return s.active.has(id);
  if (!(await store.claimLease(id, s.owner, LEASE_MS))) return false;
  if (s.active.has(id)) return true;
  const job: ActiveJob = { id, cancel: false, stop: false, done: Promise.resolve() };
  s.active.set(id, job);
  job.done = runJob(job)
    .catch((err) => log("error", "job failed", { jobId: id, error: err instanceof Error ? err.message : String(err) }))
    .finally(() => s.active.delete(id));
  return true;
}

/** A cancel asked for in this process takes effect at once (others see the flag within CANCEL_POLL_MS). */
export function cancelLocally(id: string): boolean {
  const job = runner().active.get(id);
  if (job) job.cancel = true;
  return Boolean(job);
}

/** The shutdown hook: no new items; the ones in flight finish; the leases are given back. */
export async function stopRunner(): Promise<void> {
  const s = holder[KEY];
  if (!s) return;
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
  for (const job of s.active.values()) job.stop = true;
  await Promise.all([...s.active.values()].map((j) => j.done));
}

/** For tests: forgets the runner (after stopRunner) as a restarted process would. */
export async function resetRunnerForTests(): Promise<void> {
  await stopRunner();
  holder[KEY]?.unhook?.();
  delete holder[KEY];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function retryAfter(err: unknown): number | null | undefined {
  const status = err instanceof StackHttpError || err instanceof StackKnownError ? err.status : null;
  if (status !== 429) return undefined;
  return err instanceof StackHttpError ? err.retryAfterMs : null;
}

type Item = Awaited<ReturnType<typeof store.pendingItems>>[number];

async function runJob(job: ActiveJob): Promise<void> {
  const s = runner();
  const row = await store.getJobRow(job.id);
  if (!row) return;
  const op = getJobOperation(row.operation);
  const project = getProject(row.project_slug);
  if (!op || !project || project.projectId !== row.project_id) {
    await store.finishJob(job.id, "failed", !op ? `The operation ${row.operation} is not available.` : `The project ${row.project_slug} is no longer configured.`);
    await endAudit(row, project, op);
    return;
  }
  job.cancel ||= Number(row.cancel_requested) === 1;
  const client = getStackClient(project.slug);
  const params = op.params.parse(JSON.parse(row.params_json));

  // The lease and the cancel flag, watched while the job runs.
  let lastRenew = Date.now();
  const watch = setInterval(() => {
    void (async () => {
      if (await store.isCancelRequested(job.id).catch(() => false)) job.cancel = true;
      if (Date.now() - lastRenew >= RENEW_EVERY_MS) {
        lastRenew = Date.now();
        if (!(await store.renewLease(job.id, s.owner, LEASE_MS).catch(() => true))) job.stop = true;
      }
    })();
  }, CANCEL_POLL_MS);
  watch.unref();

  const buffer: Item[] = [];
  let lastSeq = -1;
  let exhausted = false;
  let refill: Promise<void> | null = null;
  let pauseUntil = 0;
  let backoff = BACKOFF_START_MS;
  const halted = () => job.cancel || job.stop || isShuttingDown();

  async function next(): Promise<Item | null> {
    while (buffer.length === 0 && !exhausted) {
      refill ??= store.pendingItems(job.id, lastSeq, BATCH).then((rows) => {
        buffer.push(...rows);
        if (rows.length > 0) lastSeq = rows[rows.length - 1]!.seq;
        else exhausted = true;
        refill = null;
      });
      await refill;
    }
    return buffer.shift() ?? null;
  }

  async function worker(): Promise<void> {
    for (;;) {
      while (Date.now() < pauseUntil && !halted()) await sleep(Math.min(100, pauseUntil - Date.now()));
      if (halted()) return;
      const item = await next();
      if (!item || halted()) {
        if (item) buffer.unshift(item);
        return;
      }
      const limited = await runItem(row!, project!, op!, client, params, item, { pause, paused });
      if (limited) buffer.unshift(item);
      else backoff = BACKOFF_START_MS;
    }
  }
  /** Waits out a pause; false when the job must stop instead (shutdown, lost lease). */
  async function paused(): Promise<boolean> {
    while (Date.now() < pauseUntil) {
      if (job.stop || isShuttingDown()) return false;
      await sleep(Math.min(100, pauseUntil - Date.now()));
    }
    return !(job.stop || isShuttingDown());
  }
  // Stack is rate-limiting: every worker waits (set at once, before the item's audit is written).
  function pause(wait: number | null) {
    pauseUntil = Math.max(pauseUntil, Date.now() + Math.min(BACKOFF_MAX_MS, wait ?? backoff));
    backoff = Math.min(BACKOFF_MAX_MS, backoff * 2);
  }

  try {
    await Promise.all(Array.from({ length: JOB_CONCURRENCY }, worker));
  } finally {
    clearInterval(watch);
  }
  if (job.cancel && !(job.stop || isShuttingDown())) {
    await store.finishJob(job.id, "cancelled");
  } else if (job.stop || isShuttingDown()) {
    // Shutdown or a lost lease: the rest stays pending for whoever holds the job next.
    await store.releaseLease(job.id, s.owner);
    return;
  } else {
    await store.finishJob(job.id, "done");
  }
  await endAudit(row, project, op);
}

/**
 * One item: its audit intent, the operation, its result. Returns true when Stack answered 429:
 * the item is pending again (after `pause` with the wait Stack asked for, null when none).
 */
async function runItem(
  row: store.JobRow,
  project: ProjectSummary,
  op: JobOperation,
  client: StackClient,
  params: unknown,
  item: Item,
  limit: { pause: (waitMs: number | null) => void; paused: () => Promise<boolean> },
): Promise<boolean> {
  const actor = { email: row.actor_email, role: row.actor_role };
  let target: AuditTarget = { type: item.target_type, id: item.target_id, label: item.target_label };
  let changes: unknown;
  const base = { actor, action: op.itemAction, project: { slug: project.slug, projectId: project.projectId }, requestId: row.id };
  await store.markItem(row.id, item.seq, { state: "running", started_at_millis: Date.now() });
  let intentId: number;
  try {
    intentId = await recordIntent({ ...base, target });
  } catch {
    await store.markItem(row.id, item.seq, { state: "failed", error_code: "AUDIT_FAILED", message: "Nothing was sent to Stack: the audit log could not be written.", finished_at_millis: Date.now() });
    return false;
  }
  const rec: ChangeRecorder = {
    operator: { email: row.actor_email },
    audit: (t, c) => {
      target = t;
      changes = c;
    },
    // A dangerous job was confirmed once, by its exact count, when it started (startJob).
    confirm: () => {
      if (!op.dangerous) throw new Error(`${op.name} is not registered as dangerous`);
    },
  };
  const finish = async (patch: Parameters<typeof store.markItem>[2], result: Parameters<typeof recordResult>[1]) => {
    await recordResult(intentId, result).catch((err) => log("error", "job item audit failed", { jobId: row.id, seq: item.seq, error: err instanceof Error ? err.message : String(err) }));
    await store.markItem(row.id, item.seq, { ...patch, target_label: target.label ?? null, finished_at_millis: Date.now() });
  };
  // A 429 may have come back to another worker while this intent was written: nothing is sent during the wait.
  if (!(await limit.paused())) {
    await recordResult(intentId, { ...base, target, status: "failure", errorCode: "JOB_INTERRUPTED", message: "Not sent: the job stopped first; the item runs when it resumes." }).catch(() => undefined);
    await store.markItem(row.id, item.seq, { state: "pending", started_at_millis: null });
    return false;
  }
  try {
    const input = op.item.parse(JSON.parse(item.input_json));
    const out = await op.run(client, input, params, rec);
    if (out && "skipped" in out) {
      await finish({ state: "skipped", message: out.skipped }, { ...base, target, status: "success", message: `skipped: ${out.skipped}`, changes });
    } else {
      await finish({ state: "done" }, { ...base, target, status: "success", changes });
    }
    return false;
  } catch (err) {
    const wait = retryAfter(err);
    if (wait !== undefined) limit.pause(wait);
    const { code, message } = describeFailure(err, row.id);
    if (wait !== undefined) {
      // Not applied: recorded as such, and run again after the wait.
      await recordResult(intentId, { ...base, target, status: "failure", errorCode: code, message: `${message} The item is retried.` }).catch(() => undefined);
      await store.markItem(row.id, item.seq, { state: "pending", started_at_millis: null });
      return true;
    }
    await finish({ state: "failed", error_code: code, message }, { ...base, target, status: "failure", errorCode: code, message });
    return false;
  }
}

/** The job's own audit result (its intent was written when it started). */
async function endAudit(row: store.JobRow, project: ProjectSummary | null, op: JobOperation | null): Promise<void> {
  if (row.audit_intent_id === null) return;
  const final = await store.getJobRow(row.id);
  const counts = await store.itemCounts(row.id, row.total);
  const ok = final?.state === "done" && counts.failed === 0;
  await recordResult(row.audit_intent_id, {
    actor: { email: row.actor_email, role: row.actor_role },
    action: op?.name ?? row.operation,
    project: { slug: project?.slug ?? row.project_slug, projectId: project?.projectId ?? row.project_id },
    target: { type: "job", id: row.id, label: op?.label ?? row.operation },
    status: ok ? "success" : "failure",
    errorCode: ok ? null : final?.state === "cancelled" ? "JOB_CANCELLED" : final?.state === "failed" ? "JOB_FAILED" : "ITEMS_FAILED",
    message: final?.error ?? null,
    changes: { state: final?.state, ...counts },
    requestId: row.id,
  }).catch((err) => log("error", "job audit failed", { jobId: row.id, error: err instanceof Error ? err.message : String(err) }));
}
