import "server-only";

import crypto from "node:crypto";
import { getDb, type ConsoleDb } from "@/lib/server/db";
import { IMPORT_CHUNK_BYTES, IMPORT_MAX_BYTES, IMPORT_MAX_CHUNKS } from "@/lib/schemas/import";
import { ActionRefusal } from "@/lib/server/failure";

// A users CSV arrives in pieces below the console's request body limit and waits here, in the
// console's database, for the preview and the start of the import: one owner (project and
// operator) per upload, purged after a day or once the import job has its rows.

const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export type UploadOwner = { projectSlug: string; operatorEmail: string };
export type StoredUpload = { id: string; fileName: string; bytes: number; data: Buffer };

const tooLarge = () => new ActionRefusal("FILE_TOO_LARGE", `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it and import the parts one after another.`);

export function importStore(db: ConsoleDb) {
  const owned = (id: string, owner: UploadOwner) =>
    db.selectFrom("import_uploads").selectAll().where("id", "=", id).where("project_slug", "=", owner.projectSlug).where("operator_email", "=", owner.operatorEmail).executeTakeFirst();

  return {
    /** Starts an upload with its first piece; older uploads of anyone are purged on the way. */
    async create(owner: UploadOwner, fileName: string, first: Buffer): Promise<string> {
      if (first.length > IMPORT_CHUNK_BYTES) throw tooLarge();
      await this.purge(Date.now() - MAX_AGE_MS);
      const id = crypto.randomUUID();
      await db.transaction().execute(async (tx) => {
        await tx.insertInto("import_uploads").values({ id, project_slug: owner.projectSlug, operator_email: owner.operatorEmail, file_name: fileName.slice(0, 200), created_millis: Date.now(), bytes: first.length, chunks: 1 }).execute();
        await tx.insertInto("import_upload_chunks").values({ upload_id: id, seq: 0, data_base64: first.toString("base64") }).execute();
      });
      return id;
    },

    /** Appends piece `seq` (they arrive in order); false when the upload is not the owner's. */
    async append(id: string, owner: UploadOwner, seq: number, piece: Buffer): Promise<boolean> {
      const up = await owned(id, owner);
      if (!up) return false;
      if (seq !== up.chunks) throw new ActionRefusal("OUT_OF_ORDER", `Expected piece ${up.chunks + 1} of the file, got ${seq + 1}. Upload the file again.`);
      if (piece.length > IMPORT_CHUNK_BYTES || up.chunks >= IMPORT_MAX_CHUNKS || up.bytes + piece.length > IMPORT_MAX_BYTES) throw tooLarge();
      await db.transaction().execute(async (tx) => {
        // The count moves only if no other request appended this piece meanwhile.
        const moved = await tx.updateTable("import_uploads").set({ chunks: seq + 1, bytes: up.bytes + piece.length }).where("id", "=", id).where("chunks", "=", seq).executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new ActionRefusal("OUT_OF_ORDER", "Another piece of this file arrived at the same time. Upload the file again.");
        await tx.insertInto("import_upload_chunks").values({ upload_id: id, seq, data_base64: piece.toString("base64") }).execute();
      });
      return true;
    },

    /** The whole file, or null when it is not the owner's (or gone). */
    async read(id: string, owner: UploadOwner): Promise<StoredUpload | null> {
      const up = await owned(id, owner);
      if (!up) return null;
      const chunks = await db.selectFrom("import_upload_chunks").select(["seq", "data_base64"]).where("upload_id", "=", id).orderBy("seq").execute();
      return { id, fileName: up.file_name, bytes: up.bytes, data: Buffer.concat(chunks.map((c) => Buffer.from(c.data_base64, "base64"))) };
    },

    async remove(id: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom("import_upload_chunks").where("upload_id", "=", id).execute();
        await tx.deleteFrom("import_uploads").where("id", "=", id).execute();
      });
    },

    async purge(olderThanMillis: number): Promise<void> {
      const old = await db.selectFrom("import_uploads").select("id").where("created_millis", "<", olderThanMillis).execute();
      for (const { id } of old) await this.remove(id);
    },
  };
}

export const uploads = async () => importStore(await getDb());
