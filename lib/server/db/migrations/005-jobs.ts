import type { Kysely } from "kysely";
import type { Engine } from "@/lib/server/db/engine";

/**
 * Bulk jobs (lib/server/jobs): one row per job and one per item, so a job's progress and
 * per-item results survive a page reload and a restart. Portable SQL on both engines.
 */
export function jobs(_engine: Engine) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("project_slug", "text", (c) => c.notNull())
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("operation", "text", (c) => c.notNull())
        .addColumn("params_json", "text", (c) => c.notNull())
        // running | done | cancelled | failed
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("cancel_requested", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("total", "integer", (c) => c.notNull())
        .addColumn("actor_email", "text", (c) => c.notNull())
        .addColumn("actor_role", "text", (c) => c.notNull())
        // The job's own audit intent; its result is written when the job ends.
        .addColumn("audit_intent_id", "bigint")
        .addColumn("created_at_millis", "bigint", (c) => c.notNull())
        .addColumn("finished_at_millis", "bigint")
        .addColumn("error", "text")
        // Which process runs it, until when: claimed and renewed under withWriteLock.
        .addColumn("lease_owner", "text")
        .addColumn("lease_until_millis", "bigint", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex("jobs_project_created").on("jobs").columns(["project_slug", "created_at_millis desc"]).execute();
      await db.schema.createIndex("jobs_state").on("jobs").columns(["state"]).execute();
      await db.schema
        .createTable("job_items")
        .addColumn("job_id", "text", (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("input_json", "text", (c) => c.notNull())
        // The item's audit target (named again by the operation when it runs).
        .addColumn("target_type", "text", (c) => c.notNull())
        .addColumn("target_id", "text", (c) => c.notNull())
        .addColumn("target_label", "text")
        // pending | running | done | failed | skipped | cancelled
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("error_code", "text")
        .addColumn("message", "text")
        .addColumn("started_at_millis", "bigint")
        .addColumn("finished_at_millis", "bigint")
        .addPrimaryKeyConstraint("job_items_pk", ["job_id", "seq"])
        .execute();
      await db.schema.createIndex("job_items_state").on("job_items").columns(["job_id", "state", "seq"]).execute();
    },
  };
}
