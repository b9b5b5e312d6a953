import { sql, type Kysely } from "kysely";
import type { Engine } from "@/lib/server/db/engine";
import { chainHash, type ChainFields } from "@/lib/server/audit-chain";

/**
 * The audit log becomes `audit_records`: append-only (triggers refuse UPDATE and DELETE on both
 * engines) and hash-chained (each row carries the hash of the previous one), with write-ahead
 * intents (`phase` intent → result). Rows of the old `audit_log` are copied over, in order,
 * into the chain, then the old table is dropped.
 */
export function auditChain(engine: Engine) {
  return {
    async up(db: Kysely<unknown>) {
      const pg = engine === "postgres";
      await db.schema
        .createTable("audit_records")
        .addColumn("id", pg ? "bigserial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("at_millis", "bigint", (c) => c.notNull())
        .addColumn("actor_email", "text", (c) => c.notNull())
        .addColumn("actor_role", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("project_slug", "text")
        .addColumn("project_id", "text")
        .addColumn("target_type", "text")
        .addColumn("target_id", "text")
        .addColumn("target_label", "text")
        .addColumn("phase", "text", (c) => c.notNull().check(sql`phase IN ('intent', 'result', 'event')`))
        .addColumn("intent_id", "bigint")
        .addColumn("status", "text", (c) => c.notNull().check(sql`status IN ('pending', 'success', 'failure', 'refused')`))
        .addColumn("error_code", "text")
        .addColumn("message", "text")
        .addColumn("changes_json", "text")
        .addColumn("request_id", "text", (c) => c.notNull())
        .addColumn("prev_hash", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_records_target").on("audit_records").columns(["target_type", "target_id", "id"]).execute();
      await db.schema.createIndex("audit_records_project").on("audit_records").columns(["project_slug", "id"]).execute();
      await db.schema.createIndex("audit_records_intent").on("audit_records").column("intent_id").execute();

      // Carry the old log over, oldest first, into the chain.
      const old = (await sql<Record<string, unknown>>`SELECT * FROM audit_log ORDER BY id`.execute(db)).rows;
      let prev = "";
      for (const r of old) {
        const row: ChainFields = {
          at_millis: Number(r.at_millis),
          actor_email: String(r.actor_email),
          actor_role: String(r.actor_role),
          action: String(r.action),
          project_slug: (r.project_slug as string | null) ?? null,
          project_id: (r.project_id as string | null) ?? null,
          target_type: (r.target_type as string | null) ?? null,
          target_id: (r.target_id as string | null) ?? null,
          target_label: (r.target_label as string | null) ?? null,
          phase: "event",
          intent_id: null,
          status: r.status as ChainFields["status"],
          error_code: (r.error_code as string | null) ?? null,
          message: (r.message as string | null) ?? null,
          changes_json: (r.changes_json as string | null) ?? null,
          request_id: String(r.request_id),
          prev_hash: prev,
        };
        const hash = chainHash(row);
        await (db as Kysely<{ audit_records: ChainFields & { hash: string } }>).insertInto("audit_records").values({ ...row, hash }).execute();
        prev = hash;
      }
      await db.schema.dropTable("audit_log").execute();

      if (pg) {
        await sql`CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'audit records are append-only'; END $$`.execute(db);
        await sql`CREATE TRIGGER audit_records_no_change BEFORE UPDATE OR DELETE ON audit_records
          FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()`.execute(db);
        await sql`CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
          FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only()`.execute(db);
      } else {
        await sql`CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
          BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END`.execute(db);
        await sql`CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
          BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END`.execute(db);
      }
    },
  };
}
