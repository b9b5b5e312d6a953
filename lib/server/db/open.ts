import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Engine } from "@/lib/server/db/engine";
import { migrations } from "@/lib/server/db/migrations";
import type { Database as Schema } from "@/lib/server/db/schema";

export type DbTarget = { engine: "sqlite"; file: string } | { engine: "postgres"; url: string };
export type OpenDb = { db: Kysely<Schema>; engine: Engine; close: () => Promise<void> };

// int8 (bigint) columns hold millisecond timestamps and ids: well inside Number's exact range.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/** Opens the console's database and applies pending migrations. No `server-only`: scripts and tests use it too. */
export async function openDb(target: DbTarget): Promise<OpenDb> {
  let db: Kysely<Schema>;
  if (target.engine === "sqlite") {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const file = new Database(target.file);
    file.pragma("journal_mode = WAL");
    file.pragma("busy_timeout = 5000");
    db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: file }) });
  } else {
    const pool = new pg.Pool({ connectionString: target.url, max: 10, types: pgTypes });
    db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  }
  // Unordered: branches add migrations in parallel; each still runs once, under the Migrator's lock.
  const migrator = new Migrator({ db, allowUnorderedMigrations: true, provider: { getMigrations: async () => migrations(target.engine) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`The console's database could not be migrated${failed ? ` (${failed})` : ""}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { db, engine: target.engine, close: () => db.destroy() };
}
