// Both engines of the console's database for tests: a temporary SQLite file, and a fresh
// PostgreSQL database on the server `npm test` starts (TEST_DATABASE_URL, scripts/postgres.mjs).
// Under CI a missing PostgreSQL fails the run instead of silently testing one engine.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DbTarget } from "@/lib/server/db/open";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? null;

export function engineNames(): ("sqlite" | "postgres")[] {
  if (!TEST_DATABASE_URL && process.env.CI) throw new Error("TEST_DATABASE_URL is not set: `npm test` starts PostgreSQL for the tests (scripts/postgres.mjs).");
  return TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

/** A fresh, empty database of the engine. */
export async function freshTarget(engine: "sqlite" | "postgres"): Promise<DbTarget> {
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  if (engine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-admin-db-"));
    return { engine, file: path.join(dir, `${name}.db`) };
  }
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL! });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(TEST_DATABASE_URL!);
  u.pathname = `/${name}`;
  return { engine, url: u.toString() };
}
