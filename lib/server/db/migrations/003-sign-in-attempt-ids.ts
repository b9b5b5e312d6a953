import type { Kysely } from "kysely";
import type { Engine } from "@/lib/server/db/engine";

/** Sign-in attempts get an id, so a successful sign-in takes back exactly its own attempt on both engines (no rowid on PostgreSQL). */
export function signInAttemptIds(engine: Engine) {
  return {
    async up(db: Kysely<unknown>) {
      const pg = engine === "postgres";
      // Attempts only matter for a 15-minute window: starting the window over loses nothing.
      await db.schema.dropTable("sign_in_attempts").execute();
      await db.schema
        .createTable("sign_in_attempts")
        .addColumn("id", pg ? "bigserial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("at_millis", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sign_in_attempts_key").on("sign_in_attempts").columns(["key", "at_millis"]).execute();
    },
  };
}
