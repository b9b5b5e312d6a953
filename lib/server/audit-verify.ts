// Walks the audit chain in id order, in bounded batches. No `server-only`: `npm run audit:verify` uses it.
import type { Kysely } from "kysely";
import { findBreak, type ChainBreak } from "@/lib/server/audit-chain";
import type { Database } from "@/lib/server/db/schema";

export type VerifyReport = { checked: number; broken: ChainBreak | null };

export async function verifyAuditChain(db: Kysely<Database>, batch = 1000): Promise<VerifyReport> {
  let after = 0;
  let prev = "";
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom("audit_records").selectAll().where("id", ">", after).orderBy("id").limit(batch).execute();
    const r = findBreak(
      rows.map((row) => ({ ...row, id: Number(row.id), at_millis: Number(row.at_millis), intent_id: row.intent_id === null ? null : Number(row.intent_id) })),
      prev,
    );
    checked += r.checked;
    if (r.broken) return { checked, broken: r.broken };
    if (rows.length < batch) return { checked, broken: null };
    prev = r.lastHash;
    after = Number(rows.at(-1)!.id);
  }
}
