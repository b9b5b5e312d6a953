import type { Kysely } from "kysely";
import type { Engine } from "@/lib/server/db/engine";

/** Config history (lib/server/config-history.ts): each version of a project's settings, secrets-free. */
export function configHistory(_engine: Engine) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("config_history")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("project_slug", "text", (c) => c.notNull())
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("at_millis", "bigint", (c) => c.notNull())
        // console: a change made here; elsewhere: seen on a read, made outside; baseline: first read.
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("actor_email", "text")
        .addColumn("source", "text")
        .addColumn("fields_json", "text", (c) => c.notNull())
        .addColumn("before_json", "text")
        .addColumn("after_json", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("config_history_project_at").on("config_history").columns(["project_slug", "at_millis desc"]).execute();
    },
  };
}
