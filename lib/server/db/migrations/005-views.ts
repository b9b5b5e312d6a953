import type { Kysely } from "kysely";
import type { Engine } from "@/lib/server/db/engine";

/** Saved views of the users table (lib/server/views.ts): a named filter + sort per project. */
export function views(_engine: Engine) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("saved_views")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("project_slug", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        // The name folded for uniqueness: "Churned" and "churned " are one view.
        .addColumn("name_key", "text", (c) => c.notNull())
        // The users table's URL state of the filter and sort ("?q=…&verified=yes"), re-parsed on every read.
        .addColumn("search", "text", (c) => c.notNull())
        .addColumn("owner_email", "text", (c) => c.notNull())
        .addColumn("created_at_millis", "bigint", (c) => c.notNull())
        .addColumn("updated_at_millis", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("saved_views_project_name").on("saved_views").columns(["project_slug", "name_key"]).unique().execute();
    },
  };
}
