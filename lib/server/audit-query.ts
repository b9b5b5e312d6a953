import "server-only";

import type { Selectable, SelectQueryBuilder } from "kysely";
import type { AuditRecordStatus } from "@/lib/server/audit-chain";
import { getDb } from "@/lib/server/db";
import type { AuditRecordsTable, Database } from "@/lib/server/db/schema";

export type AuditRow = {
  id: number;
  atMillis: number;
  actorEmail: string;
  actorRole: string;
  action: string;
  projectSlug: string | null;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  /** pending: the intent was recorded but no result followed (the process stopped mid-call). */
  status: AuditRecordStatus;
  errorCode: string | null;
  message: string | null;
  changes: unknown;
  requestId: string;
};

export type AuditFilter = {
  projectSlug?: string;
  actorEmail?: string;
  action?: string;
  targetId?: string;
  status?: AuditRecordStatus;
  fromMillis?: number;
  toMillis?: number;
};

type Q = SelectQueryBuilder<Database & { a: AuditRecordsTable }, "a", object>;

/**
 * What the log shows: results and one-shot events, plus intents that never got a result. An
 * intent with a result is the same action twice, so it is left out.
 */
function filtered(q: Q, f: AuditFilter): Q {
  q = q.where((eb) =>
    eb.or([eb("a.phase", "<>", "intent"), eb.not(eb.exists(eb.selectFrom("audit_records as r").select("r.id").whereRef("r.intent_id", "=", "a.id")))]),
  );
  if (f.projectSlug) q = q.where("a.project_slug", "=", f.projectSlug);
  if (f.actorEmail) q = q.where("a.actor_email", "=", f.actorEmail);
  if (f.action) q = q.where("a.action", "=", f.action);
  if (f.targetId) q = q.where("a.target_id", "=", f.targetId);
  if (f.status) q = q.where("a.status", "=", f.status);
  if (f.fromMillis !== undefined) q = q.where("a.at_millis", ">=", f.fromMillis);
  if (f.toMillis !== undefined) q = q.where("a.at_millis", "<", f.toMillis);
  return q;
}

function toRow(r: Selectable<AuditRecordsTable>): AuditRow {
  return {
    id: Number(r.id),
    atMillis: Number(r.at_millis),
    actorEmail: r.actor_email,
    actorRole: r.actor_role,
    action: r.action,
    projectSlug: r.project_slug,
    targetType: r.target_type,
    targetId: r.target_id,
    targetLabel: r.target_label,
    status: r.status,
    errorCode: r.error_code,
    message: r.message,
    changes: r.changes_json ? (JSON.parse(r.changes_json) as unknown) : null,
    requestId: r.request_id,
  };
}

/** Newest first; `before` is the id of the last row of the previous page (cursor paging). */
export async function listAudit(filter: AuditFilter & { limit: number; before?: number }): Promise<AuditRow[]> {
  const db = await getDb();
  let q = filtered(db.selectFrom("audit_records as a"), filter);
  if (filter.before !== undefined) q = q.where("a.id", "<", filter.before);
  const rows = await q.selectAll("a").orderBy("a.id", "desc").limit(filter.limit).execute();
  return rows.map(toRow);
}

/** Every matching row, newest first, fetched in bounded batches (for the streamed CSV export). */
export async function* iterateAudit(filter: AuditFilter, batch = 500): AsyncGenerator<AuditRow> {
  let before: number | undefined;
  for (;;) {
    const rows = await listAudit({ ...filter, limit: batch, before });
    for (const r of rows) yield r;
    if (rows.length < batch) return;
    before = rows.at(-1)!.id;
  }
}

/** The distinct operators and actions seen in this project's log, for the filter menus. */
export async function auditFacets(projectSlug: string): Promise<{ actors: string[]; actions: string[] }> {
  const db = await getDb();
  const [actors, actions] = await Promise.all([
    db.selectFrom("audit_records").select("actor_email").distinct().where("project_slug", "=", projectSlug).orderBy("actor_email").limit(500).execute(),
    db.selectFrom("audit_records").select("action").distinct().where("project_slug", "=", projectSlug).orderBy("action").limit(500).execute(),
  ]);
  return { actors: actors.map((r) => r.actor_email), actions: actions.map((r) => r.action) };
}
