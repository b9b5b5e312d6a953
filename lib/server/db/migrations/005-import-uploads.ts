import type { Kysely } from "kysely";
import type { Engine } from "@/lib/server/db/engine";

/**
 * Users CSV uploads (lib/server/import-store.ts): kept between the upload, the preview and the
 * start of the import job, then deleted; anything older than a day is purged.
 */
export function importUploads(_engine: Engine) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("import_uploads")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("project_slug", "text", (c) => c.notNull())
        .addColumn("operator_email", "text", (c) => c.notNull())
        .addColumn("file_name", "text", (c) => c.notNull())
        .addColumn("created_millis", "bigint", (c) => c.notNull())
        .addColumn("bytes", "integer", (c) => c.notNull())
        .addColumn("chunks", "integer", (c) => c.notNull())
        .execute();
      // Chunks as base64 text: portable across both engines, and a chunk boundary may split a character.
      await db.schema
        .createTable("import_upload_chunks")
        .addColumn("upload_id", "text", (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("data_base64", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("import_upload_chunks_pk", ["upload_id", "seq"])
        .execute();
    },
  };
}
