import "server-only";

import { requestContext } from "@/lib/request-context";

// Structured logs: one JSON object per line on stdout (what container runtimes and log shippers
// collect). Callers pass named fields, never whole objects: a value under a key that can hold a
// secret or personal data is replaced, whatever the caller meant.

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type Field = string | number | boolean | null | undefined;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const REDACT_KEY_RE = /key|secret|token|password|cookie|authorization|email|query|body/i;

/** LOG_LEVEL, read on each call (cheap) so tests and operators can change it; unknown values mean info. */
export function logLevel(raw = process.env.LOG_LEVEL): LogLevel {
  const v = raw?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v ?? "") ? (v as LogLevel) : "info";
}

export function log(level: Exclude<LogLevel, "silent">, msg: string, fields: Record<string, Field> = {}): void {
  if (RANK[level] < RANK[logLevel()]) return;
  const line: Record<string, Field> = { time: new Date().toISOString(), level, msg };
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined) line[k] = REDACT_KEY_RE.test(k) ? "[redacted]" : v;
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** What the action wrapper learns while a call runs, for its log line. */
export type ActionLogNote = {
  requestId: string;
  started: number;
  operator?: { email: string; role: string } | null;
  project?: string;
};

/**
 * The action's line. The operator is named (the audit log names them too); the input, target
 * and message are not: they hold users' personal data.
 */
export function logAction(action: string, note: ActionLogNote, res: { ok: true } | { ok: false; code: string }): void {
  log(res.ok ? "info" : "warn", "action", {
    requestId: note.requestId,
    action,
    operator: note.operator ? note.operator.email : "anonymous",
    role: note.operator?.role,
    project: note.project,
    outcome: res.ok ? "success" : res.code,
    upstreamStatus: requestContext()?.upstreamStatus ?? null,
    durationMs: Math.round(performance.now() - note.started),
  });
}
