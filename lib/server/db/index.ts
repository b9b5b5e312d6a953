import "server-only";

import { sql, type Kysely } from "kysely";
import { getServerEnv } from "@/lib/env";
import type { Engine } from "@/lib/server/db/engine";
import { openDb, type DbTarget, type OpenDb } from "@/lib/server/db/open";
import type { Database } from "@/lib/server/db/schema";

export type { Engine } from "@/lib/server/db/engine";
export type ConsoleDb = Kysely<Database>;

/**
 * The console's own database: audit log, sign-in limits, ended sessions (and what later areas
 * add). SQLite at STACK_ADMIN_DB by default; PostgreSQL when DATABASE_URL is set, so several
 * replicas share one store. Nothing from Stack is kept here except what an area says it keeps.
 * One connection (pool) per process, opened and migrated on first use.
 */
let opening: { key: string; promise: Promise<OpenDb> } | null = null;

export function dbTarget(): DbTarget {
  const env = getServerEnv();
  return env.databaseUrl ? { engine: "postgres", url: env.databaseUrl } : { engine: "sqlite", file: env.adminDbPath };
}

async function current(): Promise<OpenDb> {
  const target = dbTarget();
  const key = target.engine === "sqlite" ? `sqlite:${target.file}` : `postgres:${target.url}`;
  if (!opening || opening.key !== key) {
    const promise = openDb(target);
    opening = { key, promise };
    // A failed open is retried on the next call rather than cached forever.
    promise.catch(() => {
      if (opening?.promise === promise) opening = null;
    });
  }
  return opening.promise;
}

export async function getDb(): Promise<ConsoleDb> {
  return (await current()).db;
}

export async function getDbEngine(): Promise<Engine> {
  return (await current()).engine;
}

/** For a graceful stop: closes the pool or file; the next getDb() opens it again. */
export async function closeDb(): Promise<void> {
  const o = opening;
  opening = null;
  if (o) await (await o.promise.catch(() => null))?.close();
}

/**
 * Runs `fn` as one transaction that no other writer interleaves with: a PostgreSQL advisory lock
 * (`lock` names it, across replicas), or an immediate transaction on SQLite (write-locked from
 * its first statement, so a read-then-write cannot race another process on the same file).
 */
export async function withWriteLock<T>(lock: number, fn: (db: ConsoleDb) => Promise<T>): Promise<T> {
  const { db, engine } = await current();
  if (engine === "postgres") {
    return db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${lock})`.execute(trx);
      return fn(trx);
    });
  }
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const out = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return out;
    } catch (err) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

/** Lock names for withWriteLock (any distinct integers). */
export const LOCKS = { auditChain: 7_274_001, signIn: 7_274_002, jobLease: 7_274_003 } as const;
