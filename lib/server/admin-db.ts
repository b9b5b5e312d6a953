import "server-only";

import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { getServerEnv } from "@/lib/env";

/**
 * The dashboard's own SQLite file (STACK_ADMIN_DB): the audit log, sign-in attempts and backoff,
 * and when each operator's sessions were last ended.
 * Nothing from Stack is stored here. One connection per process.
 */
let db: Database.Database | null = null;
let openedPath: string | null = null;

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at_millis INTEGER NOT NULL,
     actor_email TEXT NOT NULL,
     actor_role TEXT NOT NULL,
     action TEXT NOT NULL,
     project_slug TEXT,
     project_id TEXT,
     target_type TEXT,
     target_id TEXT,
     target_label TEXT,
     status TEXT NOT NULL CHECK (status IN ('success', 'failure', 'refused')),
     error_code TEXT,
     message TEXT,
     changes_json TEXT,
     request_id TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at_millis DESC, id DESC)`,
  `CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log(target_type, target_id)`,
  `CREATE TABLE IF NOT EXISTS sign_in_attempts (
     key TEXT NOT NULL,
     at_millis INTEGER NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS sign_in_attempts_key ON sign_in_attempts(key, at_millis)`,
  // Failed sign-ins per (account, address) pair, for exponential backoff.
  `CREATE TABLE IF NOT EXISTS sign_in_backoff (
     account TEXT NOT NULL,
     address TEXT NOT NULL,
     failures INTEGER NOT NULL,
     last_failure_millis INTEGER NOT NULL,
     PRIMARY KEY (account, address)
   )`,
  `CREATE INDEX IF NOT EXISTS sign_in_backoff_last ON sign_in_backoff(last_failure_millis)`,
  // Sessions of this operator (password or SSO) signed in before this instant are over.
  `CREATE TABLE IF NOT EXISTS operator_sessions_not_before (
     email TEXT PRIMARY KEY,
     not_before_millis INTEGER NOT NULL
   )`,
];

export function getAdminDb(): Database.Database {
  const file = getServerEnv().adminDbPath;
  if (db && openedPath === file) return db;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  for (const sql of MIGRATIONS) db.exec(sql);
  openedPath = file;
  return db;
}
