import "server-only";

import { getAdminDb } from "@/lib/server/admin-db";

export type AuditStatus = "success" | "failure" | "refused";

export type AuditEntry = {
  actor: { email: string; role: string };
  action: string;
  project?: { slug: string; projectId: string } | null;
  target?: { type: string; id: string; label?: string | null } | null;
  status: AuditStatus;
  errorCode?: string | null;
  message?: string | null;
  /** Before/after of what changed; secrets must already be redacted by the caller. */
  changes?: unknown;
  requestId: string;
};

const SECRET_KEYS = /password|secret|token|key$|_key|private/i;

/** Redacts secret-looking fields anywhere in a change record. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) && v !== null && v !== undefined ? "[redacted]" : redact(v)]),
    );
  }
  return value;
}

export function writeAudit(e: AuditEntry): void {
  getAdminDb()
    .prepare(
      `INSERT INTO audit_log (at_millis, actor_email, actor_role, action, project_slug, project_id, target_type, target_id, target_label, status, error_code, message, changes_json, request_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      Date.now(),
      e.actor.email,
      e.actor.role,
      e.action,
      e.project?.slug ?? null,
      e.project?.projectId ?? null,
      e.target?.type ?? null,
      e.target?.id ?? null,
      e.target?.label ?? null,
      e.status,
      e.errorCode ?? null,
      e.message ?? null,
      e.changes === undefined ? null : JSON.stringify(redact(e.changes)),
      e.requestId,
    );
}


/** For refusals and failures: a failed audit write is logged, never thrown over the real answer. */
export function safeAudit(e: AuditEntry): void {
  try {
    writeAudit(e);
  } catch (err) {
    console.error(`[audit] could not record ${e.action} (${e.status})`, err);
  }
}

/** An action or route handler called without a valid session (missing, forged or expired): actor "anonymous". */
export function auditAnonymousRefusal(action: string, requestId: string = crypto.randomUUID()): void {
  safeAudit({ actor: { email: "anonymous", role: "none" }, action, status: "refused", errorCode: "UNAUTHENTICATED", requestId });
}

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
  status: AuditStatus;
  errorCode: string | null;
  message: string | null;
  changes: unknown;
  requestId: string;
};

/** Newest first; `before` is the id of the last row of the previous page. */
export function listAudit(opts: { limit: number; before?: number; targetId?: string; projectSlug?: string }): AuditRow[] {
  const rows = getAdminDb()
    .prepare(
      `SELECT * FROM audit_log
       WHERE (@before IS NULL OR id < @before) AND (@target IS NULL OR target_id = @target) AND (@project IS NULL OR project_slug = @project)
       ORDER BY id DESC LIMIT @limit`,
    )
    .all({ before: opts.before ?? null, target: opts.targetId ?? null, project: opts.projectSlug ?? null, limit: opts.limit }) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: r.id as number,
    atMillis: r.at_millis as number,
    actorEmail: r.actor_email as string,
    actorRole: r.actor_role as string,
    action: r.action as string,
    projectSlug: r.project_slug as string | null,
    targetType: r.target_type as string | null,
    targetId: r.target_id as string | null,
    targetLabel: r.target_label as string | null,
    status: r.status as AuditStatus,
    errorCode: r.error_code as string | null,
    message: r.message as string | null,
    changes: r.changes_json ? JSON.parse(r.changes_json as string) : null,
    requestId: r.request_id as string,
  }));
}
