import "server-only";

import type { Kysely } from "kysely";
import { chainHash, type AuditPhase, type AuditRecordStatus, type ChainFields } from "@/lib/server/audit-chain";
import { LOCKS, withWriteLock } from "@/lib/server/db";
import type { Database } from "@/lib/server/db/schema";

export type AuditStatus = "success" | "failure" | "refused";

export type AuditEntry = {
  actor: { email: string; role: string };
  action: string;
  project?: { slug: string; projectId: string } | null;
  target?: { type: string; id: string; label?: string | null } | null;
  status: AuditStatus;
  errorCode?: string | null;
  message?: string | null;
  /** Before/after of what changed; redacted again on write (by field name and by value). */
  changes?: unknown;
  requestId: string;
};

export type AuditIntent = Omit<AuditEntry, "status" | "errorCode" | "message" | "changes">;

const SECRET_KEYS = /password|secret|token|key$|_key|private|hash$/i;
// Values shaped like Stack keys (publishable client, secret server, super secret admin), JWTs
// and bcrypt hashes are redacted whatever field they sit in.
const SECRET_VALUES = [/\b(?:pck|ssk|sak)_[A-Za-z0-9_-]{6,}/g, /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g];

export function redactText(text: string): string {
  return SECRET_VALUES.reduce((t, re) => t.replace(re, "[redacted]"), text);
}

/** Redacts secret-looking fields and secret-shaped values anywhere in a change record. */
export function redact(value: unknown): unknown {
  if (typeof value === "string") return redactText(value);
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) && v !== null && v !== undefined ? "[redacted]" : redact(v)]),
    );
  }
  return value;
}

const text = (v: string | null | undefined) => (v === null || v === undefined ? null : redactText(v));

function fields(e: AuditIntent & Partial<AuditEntry>, phase: AuditPhase, status: AuditRecordStatus, intentId: number | null): Omit<ChainFields, "prev_hash"> {
  return {
    at_millis: Date.now(),
    actor_email: e.actor.email,
    actor_role: e.actor.role,
    action: e.action,
    project_slug: e.project?.slug ?? null,
    project_id: e.project?.projectId ?? null,
    target_type: e.target?.type ?? null,
    target_id: e.target?.id ?? null,
    target_label: text(e.target?.label),
    phase,
    intent_id: intentId,
    status,
    error_code: e.errorCode ?? null,
    message: text(e.message),
    changes_json: e.changes === undefined ? null : JSON.stringify(redact(e.changes)),
    request_id: e.requestId,
  };
}

async function appendInto(db: Kysely<Database>, row: Omit<ChainFields, "prev_hash">): Promise<number> {
  const last = await db.selectFrom("audit_records").select("hash").orderBy("id", "desc").limit(1).executeTakeFirst();
  const full: ChainFields = { ...row, prev_hash: last?.hash ?? "" };
  const inserted = await db.insertInto("audit_records").values({ ...full, hash: chainHash(full) }).returning("id").executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** One writer at a time extends the chain (across replicas and processes). */
const append = (row: Omit<ChainFields, "prev_hash">) => withWriteLock(LOCKS.auditChain, (db) => appendInto(db, row));

/** A one-shot record (refusals, reads that failed, command-line changes). Throws if it cannot be written. */
export async function writeAudit(e: AuditEntry): Promise<number> {
  return append(fields(e, "event", e.status, null));
}

/** Write-ahead: recorded before the upstream call; if this throws, the action must not call Stack. */
export async function recordIntent(e: AuditIntent): Promise<number> {
  return append(fields(e, "intent", "pending", null));
}

/** The outcome of an intent, with the target as the handler named it. */
export async function recordResult(intentId: number, e: AuditEntry): Promise<number> {
  return append(fields(e, "result", e.status, intentId));
}

/** For refusals and failures: a failed audit write is logged, never thrown over the real answer. */
export async function safeAudit(e: AuditEntry): Promise<void> {
  try {
    await writeAudit(e);
  } catch (err) {
    console.error(`[audit] could not record ${e.action} (${e.status})`, err);
  }
}

/** An action or route handler called without a valid session (missing, forged or expired): actor "anonymous". */
export function auditAnonymousRefusal(action: string, requestId: string = crypto.randomUUID()): Promise<void> {
  return safeAudit({ actor: { email: "anonymous", role: "none" }, action, status: "refused", errorCode: "UNAUTHENTICATED", requestId });
}
