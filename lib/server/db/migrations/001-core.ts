import { sql, type Kysely } from "kysely";
import type { Engine } from "@/lib/server/db/engine";

/** The tables the console had before Kysely; `if not exists` so existing SQLite files upgrade in place. */
export function core(engine: Engine) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("audit_log")
        .ifNotExists()
        .addColumn("id", engine === "postgres" ? "bigserial" : "integer", (c) => (engine === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("at_millis", "bigint", (c) => c.notNull())
        .addColumn("actor_email", "text", (c) => c.notNull())
        .addColumn("actor_role", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("project_slug", "text")
        .addColumn("project_id", "text")
        .addColumn("target_type", "text")
        .addColumn("target_id", "text")
        .addColumn("target_label", "text")
        .addColumn("status", "text", (c) => c.notNull().check(sql`status IN ('success', 'failure', 'refused')`))
        .addColumn("error_code", "text")
        .addColumn("message", "text")
        .addColumn("changes_json", "text")
        .addColumn("request_id", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_log_at").ifNotExists().on("audit_log").columns(["at_millis desc", "id desc"]).execute();
      await db.schema.createIndex("audit_log_target").ifNotExists().on("audit_log").columns(["target_type", "target_id"]).execute();

      await db.schema
        .createTable("sign_in_attempts")
        .ifNotExists()
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("at_millis", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sign_in_attempts_key").ifNotExists().on("sign_in_attempts").columns(["key", "at_millis"]).execute();

      // Failed sign-ins per (account, address) pair, for exponential backoff.
      await db.schema
        .createTable("sign_in_backoff")
        .ifNotExists()
        .addColumn("account", "text", (c) => c.notNull())
        .addColumn("address", "text", (c) => c.notNull())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("last_failure_millis", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("sign_in_backoff_pk", ["account", "address"])
        .execute();
      await db.schema.createIndex("sign_in_backoff_last").ifNotExists().on("sign_in_backoff").column("last_failure_millis").execute();

      // Sessions of this operator (password or SSO) signed in before this instant are over.
      await db.schema
        .createTable("operator_sessions_not_before")
        .ifNotExists()
        .addColumn("email", "text", (c) => c.primaryKey())
        .addColumn("not_before_millis", "bigint", (c) => c.notNull())
        .execute();
    },
  };
}
