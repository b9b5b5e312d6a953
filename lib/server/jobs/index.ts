import "server-only";

import crypto from "node:crypto";
import { JOB_ITEM_PAGE, type JobDto, type JobSummary } from "@/lib/jobs-dto";
import type { ProjectSummary } from "@/lib/projects-dto";
import { hasRole, minRoleOf, type Role } from "@/lib/roles";
import { ActionRefusal } from "@/lib/server/failure";
import { recordIntent } from "@/lib/server/audit";
import { maskLabel } from "@/lib/server/mask";
import { getJobOperation } from "@/lib/server/jobs/registry";
import { cancelLocally, claimAndRun, ensureRunner } from "@/lib/server/jobs/runner";
import * as store from "@/lib/server/jobs/store";
import type { StackClient } from "@/lib/stack/client";

export { registerJobOperation, type JobOperation } from "@/lib/server/jobs/registry";

/** More items than this are refused (the job's rows stay small enough to page through). */
export const MAX_JOB_ITEMS = 100_000;

export type JobContext = {
  operator: { email: string; role: Role };
  project: ProjectSummary;
  client: StackClient;
  /** The action's typed-confirmation check (defineAction's ctx.confirm): a dangerous job is confirmed by its exact item count. */
  confirm?: (expected: string, hint?: string) => void;
  requestId?: string;
};

export type JobSpec = { operation: string; params: unknown; items: unknown[] };

/**
 * Validates the job (operation, the operator's role for one item, parameters, every item), records
 * its audit intent, stores it with its items and starts it in this process. Refusals are
 * ActionRefusals: nothing is stored and nothing is sent to Stack.
 */
export async function startJob(ctx: JobContext, spec: JobSpec): Promise<{ jobId: string }> {
  const op = getJobOperation(spec.operation);
  if (!op) throw new ActionRefusal("INVALID_INPUT", `Unknown job operation ${JSON.stringify(String(spec.operation).slice(0, 40))}.`);
  const minRole = minRoleOf(op.itemAction);
  if (!hasRole(ctx.operator.role, minRole)) throw new ActionRefusal("FORBIDDEN", `This needs the ${minRole} role; you are ${ctx.operator.role}.`);
  if (spec.items.length === 0) throw new ActionRefusal("INVALID_INPUT", "Nothing to do: the job has no items.");
  if (spec.items.length > MAX_JOB_ITEMS) throw new ActionRefusal("TOO_MANY_ITEMS", `A job takes at most ${MAX_JOB_ITEMS.toLocaleString("en")} items; this one has ${spec.items.length.toLocaleString("en")}.`);
  const params = op.params.safeParse(spec.params);
  if (!params.success) throw new ActionRefusal("INVALID_INPUT", `The job's parameters are invalid: ${params.error.issues[0]?.message ?? "invalid"}.`);
  const items: store.NewItem[] = [];
  for (const [i, raw] of spec.items.entries()) {
    const parsed = op.item.safeParse(raw);
    if (!parsed.success) throw new ActionRefusal("INVALID_INPUT", `Item ${i + 1} is invalid: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
    const target = op.target(parsed.data);
    items.push({ input_json: JSON.stringify(parsed.data), target_type: target.type, target_id: target.id, target_label: target.label ?? null });
  }
  if (op.dangerous) {
    if (!ctx.confirm) throw new Error(`${op.name} is dangerous: start it from an action registered as dangerous`);
    ctx.confirm(String(items.length), `the number of items, ${items.length}`);
  }

  const id = crypto.randomUUID();
  const now = Date.now();
  const intentId = await recordIntent({
    actor: { email: ctx.operator.email, role: ctx.operator.role },
    action: op.name,
    project: { slug: ctx.project.slug, projectId: ctx.project.projectId },
    target: { type: "job", id, label: `${op.label} (${items.length})` },
    requestId: ctx.requestId ?? id,
  });
  await store.insertJob(
    {
      id,
      project_slug: ctx.project.slug,
      project_id: ctx.project.projectId,
      operation: op.name,
      params_json: JSON.stringify(params.data),
      state: "running",
      cancel_requested: 0,
      total: items.length,
      actor_email: ctx.operator.email,
      actor_role: ctx.operator.role,
      audit_intent_id: intentId,
      created_at_millis: now,
      finished_at_millis: null,
      error: null,
      lease_owner: null,
      lease_until_millis: 0,
    },
    items,
  );
  await ensureRunner();
  await claimAndRun(id);
  return { jobId: id };
}

async function toSummary(row: store.JobRow): Promise<JobSummary> {
  const counts = await store.itemCounts(row.id, row.total);
  const first = await store.firstStartedAt(row.id);
  const end = row.finished_at_millis ?? Date.now();
  const finished = counts.done + counts.failed + counts.skipped;
  const secs = first === null ? 0 : Math.max(0.001, (end - first) / 1000);
  const rate = first === null || finished === 0 ? null : Math.round((finished / secs) * 10) / 10;
  const running = row.state === "running";
  return {
    id: row.id,
    operation: row.operation,
    label: getJobOperation(row.operation)?.label ?? row.operation,
    state: row.state,
    counts,
    rate,
    etaSeconds: running && rate ? Math.ceil(counts.remaining / rate) : null,
    startedAt: row.created_at_millis,
    finishedAt: row.finished_at_millis,
    operator: row.actor_email,
  };
}

/** The job with its progress and failed / skipped items; null for an unknown id or another project's job. */
export async function getJob(jobId: string, project: Pick<ProjectSummary, "slug" | "projectId">): Promise<JobDto | null> {
  // The first look at a job after a restart resumes the jobs nobody holds.
  void ensureRunner();
  const row = await store.getJobRow(jobId);
  if (!row || row.project_slug !== project.slug || row.project_id !== project.projectId) return null;
  const items = await store.notableItems(row.id, JOB_ITEM_PAGE);
  return {
    ...(await toSummary(row)),
    cancelRequested: Number(row.cancel_requested) === 1,
    error: row.error,
    items: items.map((i) => ({ seq: i.seq, target: { type: i.target_type, id: i.target_id, label: i.target_label }, state: i.state, errorCode: i.error_code, message: i.message })),
  };
}

/** The project's recent jobs, newest first. */
export async function listJobs(project: Pick<ProjectSummary, "slug" | "projectId">, limit = 50): Promise<JobSummary[]> {
  void ensureRunner();
  const rows = (await store.listJobRows(project.slug, limit)).filter((r) => r.project_id === project.projectId);
  return Promise.all(rows.map(toSummary));
}

/**
 * Asks the job to stop: the items in flight finish, no new one starts. A job no process holds
 * (its runner died) is ended here. Refused for another project's job, an unknown one, or one
 * whose items the operator's role may not run.
 */
export async function cancelJob(jobId: string, ctx: { operator: { role: Role }; project: Pick<ProjectSummary, "slug" | "projectId"> }): Promise<{ cancelled: boolean }> {
  const row = await store.getJobRow(jobId);
  if (!row || row.project_slug !== ctx.project.slug || row.project_id !== ctx.project.projectId) throw new ActionRefusal("NOT_FOUND", "No such job in this project.");
  const op = getJobOperation(row.operation);
  if (op && !hasRole(ctx.operator.role, minRoleOf(op.itemAction))) throw new ActionRefusal("FORBIDDEN", `Cancelling this job needs the ${minRoleOf(op.itemAction)} role.`);
  if (row.state !== "running") return { cancelled: false };
  await store.requestCancel(jobId, ctx.project.slug);
  if (!cancelLocally(jobId)) {
    // Held by another live process: it sees the flag within a fraction of a second. Else run it
    // here just to end it (claimAndRun sees the flag and starts nothing).
    await ensureRunner();
    await claimAndRun(jobId);
    cancelLocally(jobId);
  }
  return { cancelled: true };
}

/** The job with its items' user labels (names, e-mails) masked, for the roles that see masked data. */
export function maskJob(job: JobDto): JobDto {
  return { ...job, items: job.items.map((i) => (i.target.type === "user" && i.target.label ? { ...i, target: { ...i.target, label: maskLabel(i.target.label, i.target.id) } } : i)) };
}
