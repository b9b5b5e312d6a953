// What the audit log page renders of an audit record (pure type: the client table imports it).
// Request ids, free-text messages and the project stay on the server.

export type AuditLogRow = {
  id: number;
  atMillis: number;
  actorEmail: string;
  actorRole: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  status: "success" | "failure" | "refused" | "pending";
  errorCode: string | null;
  /** Redacted before/after, as recorded. */
  changes: unknown;
};
