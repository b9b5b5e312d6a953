// Table types of the console's own database (SQLite or PostgreSQL; lib/server/db/index.ts).
// One interface per table; add yours here with its migration in ./migrations.
import type { Generated } from "kysely";

/** Append-only and hash-chained (lib/server/audit-chain.ts); triggers refuse UPDATE and DELETE. */
export interface AuditRecordsTable {
  id: Generated<number>;
  at_millis: number;
  actor_email: string;
  actor_role: string;
  action: string;
  project_slug: string | null;
  project_id: string | null;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  /** intent: written before the upstream call; result: its outcome (intent_id); event: one-shot (refusals). */
  phase: "intent" | "result" | "event";
  intent_id: number | null;
  status: "pending" | "success" | "failure" | "refused";
  error_code: string | null;
  message: string | null;
  changes_json: string | null;
  request_id: string;
  prev_hash: string;
  hash: string;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  key: string;
  at_millis: number;
}

export interface SignInBackoffTable {
  account: string;
  address: string;
  failures: number;
  last_failure_millis: number;
}

export interface OperatorSessionsNotBeforeTable {
  email: string;
  not_before_millis: number;
}

/** One version of a project's settings (a secrets-free SettingsDTO as JSON). */
export interface ConfigHistoryTable {
  id: string;
  project_slug: string;
  project_id: string;
  at_millis: number;
  kind: "console" | "elsewhere" | "baseline";
  actor_email: string | null;
  /** What the console applied: "import", "copy from <slug>", "restore", "settings". */
  source: string | null;
  fields_json: string;
  before_json: string | null;
  after_json: string;
}

export type JobStateColumn = "running" | "done" | "cancelled" | "failed";
export type JobItemStateColumn = "pending" | "running" | "done" | "failed" | "skipped" | "cancelled";

/** A bulk job (lib/server/jobs): its operation, parameters and who started it; progress is counted from job_items. */
export interface JobsTable {
  id: string;
  project_slug: string;
  project_id: string;
  operation: string;
  params_json: string;
  state: JobStateColumn;
  cancel_requested: number;
  total: number;
  actor_email: string;
  actor_role: string;
  audit_intent_id: number | null;
  created_at_millis: number;
  finished_at_millis: number | null;
  error: string | null;
  lease_owner: string | null;
  lease_until_millis: number;
}

/** One item of a job: its validated input and, once run, its outcome (Stack's error code on failure). */
export interface JobItemsTable {
  job_id: string;
  seq: number;
  input_json: string;
  target_type: string;
  target_id: string;
  target_label: string | null;
  state: JobItemStateColumn;
  error_code: string | null;
  message: string | null;
  started_at_millis: number | null;
  finished_at_millis: number | null;
}

export interface Database {
  audit_records: AuditRecordsTable;
  sign_in_attempts: SignInAttemptsTable;
  sign_in_backoff: SignInBackoffTable;
  operator_sessions_not_before: OperatorSessionsNotBeforeTable;
  config_history: ConfigHistoryTable;
  jobs: JobsTable;
  job_items: JobItemsTable;
}
