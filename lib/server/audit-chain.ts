// The audit log's hash chain. No `server-only`: `npm run audit:verify` and the migration use it.
// Each record's hash covers every stored field plus the previous record's hash, so editing,
// removing or reordering any record breaks every link after it.
import crypto from "node:crypto";
import type { AuditRecordsTable } from "@/lib/server/db/schema";

export type AuditPhase = AuditRecordsTable["phase"];
export type AuditRecordStatus = AuditRecordsTable["status"];

/** The stored fields of one record that its hash covers: all but the id and the hash itself. */
export type ChainFields = Omit<AuditRecordsTable, "id" | "hash">;

const ORDER: (keyof ChainFields)[] = [
  "at_millis", "actor_email", "actor_role", "action", "project_slug", "project_id", "target_type", "target_id", "target_label",
  "phase", "intent_id", "status", "error_code", "message", "changes_json", "request_id", "prev_hash",
];

export function chainHash(f: ChainFields): string {
  const values = ORDER.map((k) => (f[k] === undefined ? null : k === "at_millis" || k === "intent_id" ? (f[k] === null ? null : Number(f[k])) : f[k]));
  return crypto.createHash("sha256").update(JSON.stringify(values)).digest("hex");
}

export type ChainBreak = { id: number; reason: "hash" | "link" };

/** Walks records in id order; the first record whose link or hash does not hold, or null. */
export function findBreak(rows: Iterable<ChainFields & { id: number; hash: string }>, previousHash = ""): { checked: number; broken: ChainBreak | null; lastHash: string } {
  let prev = previousHash;
  let checked = 0;
  for (const r of rows) {
    if (r.prev_hash !== prev) return { checked, broken: { id: r.id, reason: "link" }, lastHash: prev };
    if (chainHash(r) !== r.hash) return { checked, broken: { id: r.id, reason: "hash" }, lastHash: prev };
    prev = r.hash;
    checked++;
  }
  return { checked, broken: null, lastHash: prev };
}
