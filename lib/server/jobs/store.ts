import "server-only";

import { sql } from "kysely";
import { getDb, LOCKS, withWriteLock } from "@/lib/server/db";
import type { JobItemsTable, JobsTable } from "@/lib/server/db/schema";
import type { JobCounts, JobItemState } from "@/lib/jobs-dto";

// The jobs' rows in the console's database. Only the process holding a job's lease writes its
// items; the lease itself is claimed and renewed under withWriteLock so two replicas on one
// PostgreSQL (or two processes on one SQLite file) never both run a job.

export type JobRow = JobsTable;
export type NewItem = Pick<JobItemsTable, "input_json" | "target_type" | "target_id" | "target_label">;

const INSERT_BATCH = 500;

export async function insertJob(job: JobRow, items: NewItem[]): Promise<void> {
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("jobs").values(job).execute();
    for (let i = 0; i < items.length; i += INSERT_BATCH) {
      const rows = items.slice(i, i + INSERT_BATCH).map((it, j) => ({ ...it, job_id: job.id, seq: i + j, state: "pending" as const, error_code: null, message: null, started_at_millis: null, finished_at_millis: null }));
      await trx.insertInto("job_items").values(rows).execute();
    }
  });
}

export async function getJobRow(id: string): Promise<JobRow | null> {
  const db = await getDb();
  return (await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function listJobRows(projectSlug: string, limit: number): Promise<JobRow[]> {
  const db = await getDb();
  return db.selectFrom("jobs").selectAll().where("project_slug", "=", projectSlug).orderBy("created_at_millis", "desc").limit(limit).execute();
}

/** Running jobs no live process holds (never claimed, released at shutdown, or its process died). */
export async function unleasedJobIds(now: number): Promise<{ id: string; operation: string }[]> {
  const db = await getDb();
  return db.selectFrom("jobs").select(["id", "operation"]).where("state", "=", "running").where("lease_until_millis", "<", now).orderBy("created_at_millis").execute();
}

/**
 * Takes (or renews) the job's lease for `owner` when it is free, expired or already its own.
 * A fresh claim puts items a dead process left `running` back to `pending`: their intent is in
 * the audit log without a result, and they run again.
 */
export async function claimLease(id: string, owner: string, leaseMs: number): Promise<boolean> {
  return withWriteLock(LOCKS.jobLease, async (db) => {
    const now = Date.now();
    const row = await db.selectFrom("jobs").select(["state", "lease_owner", "lease_until_millis"]).where("id", "=", id).executeTakeFirst();
    if (!row || row.state !== "running") return false;
    if (row.lease_owner !== owner && row.lease_until_millis >= now) return false;
    await db.updateTable("jobs").set({ lease_owner: owner, lease_until_millis: now + leaseMs }).where("id", "=", id).execute();
    if (row.lease_owner !== owner) await db.updateTable("job_items").set({ state: "pending", started_at_millis: null }).where("job_id", "=", id).where("state", "=", "running").execute();
    return true;
  });
}

/** Extends a lease this owner holds; false when another process has taken it (stop at once). */
export async function renewLease(id: string, owner: string, leaseMs: number): Promise<boolean> {
  return withWriteLock(LOCKS.jobLease, async (db) => {
    const res = await db
      .updateTable("jobs")
      .set({ lease_until_millis: Date.now() + leaseMs })
      .where("id", "=", id)
      .where("lease_owner", "=", owner)
      .where("state", "=", "running")
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  });
}

/** Gives the job back (graceful stop): the next process to look resumes it at once. */
export async function releaseLease(id: string, owner: string): Promise<void> {
  await withWriteLock(LOCKS.jobLease, (db) => db.updateTable("jobs").set({ lease_owner: null, lease_until_millis: 0 }).where("id", "=", id).where("lease_owner", "=", owner).execute());
}

export async function requestCancel(id: string, projectSlug: string): Promise<boolean> {
  const db = await getDb();
  const res = await db.updateTable("jobs").set({ cancel_requested: 1 }).where("id", "=", id).where("project_slug", "=", projectSlug).where("state", "=", "running").executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function isCancelRequested(id: string): Promise<boolean> {
  const db = await getDb();
  const row = await db.selectFrom("jobs").select("cancel_requested").where("id", "=", id).executeTakeFirst();
  return Number(row?.cancel_requested ?? 0) === 1;
}

export async function pendingItems(jobId: string, afterSeq: number, limit: number): Promise<Pick<JobItemsTable, "seq" | "input_json" | "target_type" | "target_id" | "target_label">[]> {
  const db = await getDb();
  return db
    .selectFrom("job_items")
    .select(["seq", "input_json", "target_type", "target_id", "target_label"])
    .where("job_id", "=", jobId)
    .where("state", "=", "pending")
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

export async function markItem(jobId: string, seq: number, patch: Partial<Pick<JobItemsTable, "state" | "error_code" | "message" | "started_at_millis" | "finished_at_millis" | "target_label">>): Promise<void> {
  const db = await getDb();
  // An item's input is needed only until it has run, and may hold a secret (an import's bcrypt
  // password hash): a finished item keeps its target and result, not its input.
  const finished = patch.state === "done" || patch.state === "failed" || patch.state === "skipped";
  await db.updateTable("job_items").set(finished ? { ...patch, input_json: SPENT_INPUT } : patch).where("job_id", "=", jobId).where("seq", "=", seq).execute();
}

/** What a finished item's input becomes. */
export const SPENT_INPUT = "{}";

/** Ends the job (items never started become `cancelled` when it was cancelled) and drops its lease. */
export async function finishJob(id: string, state: "done" | "cancelled" | "failed", error: string | null = null): Promise<void> {
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    if (state !== "done") await trx.updateTable("job_items").set({ state: "cancelled", input_json: SPENT_INPUT }).where("job_id", "=", id).where("state", "in", ["pending", "running"]).execute();
    await trx.updateTable("jobs").set({ state, error, finished_at_millis: Date.now(), lease_owner: null, lease_until_millis: 0 }).where("id", "=", id).execute();
  });
}

export async function itemCounts(jobId: string, total: number): Promise<JobCounts> {
  const db = await getDb();
  const rows = await db.selectFrom("job_items").select(["state", sql<number>`count(*)`.as("n")]).where("job_id", "=", jobId).groupBy("state").execute();
  const by = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])) as Partial<Record<JobItemState, number>>;
  const counts = { total, done: by.done ?? 0, failed: by.failed ?? 0, skipped: by.skipped ?? 0, cancelled: by.cancelled ?? 0 };
  return { ...counts, remaining: Math.max(0, total - counts.done - counts.failed - counts.skipped - counts.cancelled) };
}

/** When the first item started (the rate's clock), or null before any. */
export async function firstStartedAt(jobId: string): Promise<number | null> {
  const db = await getDb();
  const row = await db.selectFrom("job_items").select(sql<number | null>`min(started_at_millis)`.as("t")).where("job_id", "=", jobId).executeTakeFirst();
  return row?.t === null || row?.t === undefined ? null : Number(row.t);
}

/** The failed and skipped items, newest first. */
export async function notableItems(jobId: string, limit: number): Promise<JobItemsTable[]> {
  const db = await getDb();
  return db.selectFrom("job_items").selectAll().where("job_id", "=", jobId).where("state", "in", ["failed", "skipped"]).orderBy("seq", "desc").limit(limit).execute();
}
