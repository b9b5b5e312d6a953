// What the job pages and <JobProgress> render (GET /api/jobs/[jobId]). Pure types.

export const JOB_STATES = ["running", "done", "cancelled", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JOB_ITEM_STATES = ["pending", "running", "done", "failed", "skipped", "cancelled"] as const;
export type JobItemState = (typeof JOB_ITEM_STATES)[number];

export type JobCounts = { total: number; done: number; failed: number; skipped: number; cancelled: number; remaining: number };

/** One item's outcome: what it was done to (the audit target) and, when it failed, Stack's error code. */
export type JobItemResult = {
  seq: number;
  target: { type: string; id: string; label: string | null };
  state: JobItemState;
  errorCode: string | null;
  message: string | null;
};

export type JobDto = {
  id: string;
  operation: string;
  /** The operation as the operator reads it, e.g. "Delete users". */
  label: string;
  state: JobState;
  /** Cancel was asked for and the job is still finishing its in-flight items. */
  cancelRequested: boolean;
  counts: JobCounts;
  /** Items finished per second since the job started; null before the first. */
  rate: number | null;
  /** Remaining items at the current rate; null when unknown or finished. */
  etaSeconds: number | null;
  startedAt: number;
  finishedAt: number | null;
  operator: string;
  /** Why the job itself stopped (not an item's failure): e.g. its project is no longer configured. */
  error: string | null;
  /** The failed and skipped items (newest first, at most `ITEM_PAGE`), with their error codes. */
  items: JobItemResult[];
};

/** A row of the Jobs page. */
export type JobSummary = Omit<JobDto, "items" | "error" | "cancelRequested">;

export const JOB_ITEM_PAGE = 100;
