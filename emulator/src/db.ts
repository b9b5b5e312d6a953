import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";

export type DB = Database.Database;
/** A prepared statement taking positional parameters (the default `prepare()` typing is too narrow). */
export type Stmt = Database.Statement<unknown[], unknown>;

/**
 * Migrations run in order at start; each runs once (recorded in _migrations).
 * Resource modules may append their own with `registerMigration` before `openDatabase`
 * is called; ids must be unique and never change once landed.
 */
type Migration = { id: string; sql: string };

const coreMigrations: Migration[] = [
  {
    id: "0001-core-schema",
    sql: `
CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at_millis INTEGER NOT NULL,
  is_production_mode INTEGER NOT NULL DEFAULT 0,
  is_development_environment INTEGER NOT NULL DEFAULT 1,
  owner_team_id TEXT,
  onboarding_status TEXT NOT NULL DEFAULT 'completed',
  onboarding_state_json TEXT,
  logo_url TEXT, logo_full_url TEXT, logo_dark_mode_url TEXT, logo_full_dark_mode_url TEXT,
  -- The rendered config (config keys of stack-shared's environmentConfigSchema, nested JSON).
  config_json TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE api_key_sets (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  description TEXT NOT NULL,
  created_at_millis INTEGER NOT NULL,
  expires_at_millis INTEGER NOT NULL,
  manually_revoked_at_millis INTEGER,
  publishable_client_key TEXT UNIQUE,
  secret_server_key TEXT UNIQUE,
  super_secret_admin_key TEXT UNIQUE
);
CREATE INDEX api_key_sets_project ON api_key_sets(project_id, created_at_millis);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  display_name TEXT,
  profile_image_url TEXT,
  signed_up_at_millis INTEGER NOT NULL,
  last_active_at_millis INTEGER NOT NULL,
  client_metadata TEXT,            -- JSON text or NULL
  client_read_only_metadata TEXT,
  server_metadata TEXT,
  password_hash TEXT,
  otp_auth_enabled INTEGER NOT NULL DEFAULT 0,
  passkey_auth_enabled INTEGER NOT NULL DEFAULT 0,
  totp_secret_base64 TEXT,
  selected_team_id TEXT,
  is_anonymous INTEGER NOT NULL DEFAULT 0,
  restricted_by_admin INTEGER NOT NULL DEFAULT 0,
  restricted_by_admin_reason TEXT,
  restricted_by_admin_private_details TEXT,
  country_code TEXT,
  risk_bot INTEGER NOT NULL DEFAULT 0,
  risk_free_trial_abuse INTEGER NOT NULL DEFAULT 0,
  -- lower-cased display name + every contact channel value, kept in sync by the users module
  search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX users_signed_up ON users(project_id, signed_up_at_millis, id);
CREATE INDEX users_last_active ON users(project_id, last_active_at_millis, id);

CREATE TABLE contact_channels (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  type TEXT NOT NULL DEFAULT 'email',
  value TEXT NOT NULL,
  value_lower TEXT NOT NULL,
  is_primary INTEGER NOT NULL DEFAULT 0,
  is_verified INTEGER NOT NULL DEFAULT 0,
  used_for_auth INTEGER NOT NULL DEFAULT 0,
  created_at_millis INTEGER NOT NULL
);
CREATE INDEX contact_channels_user ON contact_channels(user_id, created_at_millis);
CREATE UNIQUE INDEX contact_channels_user_value ON contact_channels(user_id, type, value_lower);
-- One sign-in owner per address and project: makes the 409 race-free.
CREATE UNIQUE INDEX contact_channels_auth_unique ON contact_channels(project_id, type, value_lower) WHERE used_for_auth = 1;
CREATE UNIQUE INDEX contact_channels_one_primary ON contact_channels(user_id, type) WHERE is_primary = 1;

CREATE TABLE oauth_accounts (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  provider_config_id TEXT NOT NULL,
  type TEXT NOT NULL,
  account_id TEXT NOT NULL,
  email TEXT,
  allow_sign_in INTEGER NOT NULL DEFAULT 1,
  allow_connected_accounts INTEGER NOT NULL DEFAULT 1,
  created_at_millis INTEGER NOT NULL
);
CREATE INDEX oauth_accounts_user ON oauth_accounts(user_id, created_at_millis);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  refresh_token TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  expires_at INTEGER NOT NULL,
  is_impersonation INTEGER NOT NULL DEFAULT 0,
  ip_info_json TEXT
);
CREATE INDEX sessions_user ON sessions(user_id, created_at);

CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  profile_image_url TEXT,
  client_metadata TEXT,
  client_read_only_metadata TEXT,
  server_metadata TEXT,
  created_at_millis INTEGER NOT NULL
);
CREATE INDEX teams_created ON teams(project_id, created_at_millis, id);

CREATE TABLE team_members (
  project_id TEXT NOT NULL,
  team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  display_name TEXT,
  profile_image_url TEXT,
  created_at_millis INTEGER NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members(user_id);

CREATE TABLE team_invitations (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  recipient_email TEXT NOT NULL,
  callback_url TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  created_at_millis INTEGER NOT NULL,
  expires_at_millis INTEGER NOT NULL,
  used_at_millis INTEGER
);
CREATE INDEX team_invitations_team ON team_invitations(team_id);

-- Custom permission definitions; team system permissions ($…) are built in, not stored.
CREATE TABLE permission_definitions (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  scope TEXT NOT NULL CHECK (scope IN ('team', 'project')),
  id TEXT NOT NULL,
  description TEXT,
  contained_json TEXT NOT NULL DEFAULT '[]',
  created_at_millis INTEGER NOT NULL,
  PRIMARY KEY (project_id, id)
);

CREATE TABLE team_permissions (
  project_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  permission_id TEXT NOT NULL,
  PRIMARY KEY (team_id, user_id, permission_id),
  FOREIGN KEY (team_id, user_id) REFERENCES team_members(team_id, user_id) ON DELETE CASCADE
);
CREATE INDEX team_permissions_project ON team_permissions(project_id, permission_id);

CREATE TABLE project_permissions (
  project_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  permission_id TEXT NOT NULL,
  PRIMARY KEY (user_id, permission_id)
);
CREATE INDEX project_permissions_project ON project_permissions(project_id, permission_id);

-- End-user API keys (user and team API keys).
CREATE TABLE user_api_keys (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('user', 'team')),
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  team_id TEXT REFERENCES teams(id) ON DELETE CASCADE,
  description TEXT NOT NULL,
  is_public INTEGER NOT NULL DEFAULT 0,
  secret TEXT NOT NULL UNIQUE,
  created_at_millis INTEGER NOT NULL,
  expires_at_millis INTEGER,
  manually_revoked_at_millis INTEGER
);
CREATE INDEX user_api_keys_user ON user_api_keys(user_id, created_at_millis);
CREATE INDEX user_api_keys_team ON user_api_keys(team_id, created_at_millis);

-- Side effects that a real server would send out (e-mails, invitations, webhooks):
-- recorded here and exposed at /__emulator/outbox for tests.
CREATE TABLE emulator_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  created_at_millis INTEGER NOT NULL
);
CREATE INDEX emulator_outbox_project ON emulator_outbox(project_id, kind, seq);
`,
  },
  {
    // The per-user reads filter on project and user. Without statistics (no ANALYZE), SQLite
    // weighs a one-column match on the project index, which also gives the ORDER BY, as good as
    // one on the user index, and walks every channel of the project: 0.4 s a read at 100,000
    // users. An index that matches both columns is the plan it picks every time.
    // https://www.sqlite.org/queryplanner.html
    id: "0002-per-user-read-indexes",
    sql: `
CREATE INDEX IF NOT EXISTS contact_channels_project_user ON contact_channels(project_id, user_id, created_at_millis);
CREATE INDEX IF NOT EXISTS oauth_accounts_project_user ON oauth_accounts(project_id, user_id, created_at_millis);
CREATE INDEX IF NOT EXISTS project_permissions_project_user ON project_permissions(project_id, user_id);
`,
  },
];

const extraMigrations: Migration[] = [];

export function registerMigration(m: Migration) {
  if ([...coreMigrations, ...extraMigrations].some((x) => x.id === m.id)) return;
  extraMigrations.push(m);
}

export function openDatabase(dbPath: string): DB {
  if (dbPath !== ":memory:") fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  // A new file gets 8 KB pages: a tenth fewer pages and B-tree splits for the random-UUID keys,
  // about a quarter less CPU to load 1,000,000 users. Only a new file takes it (an existing one
  // keeps the page size it was made with; https://www.sqlite.org/pragma.html#pragma_page_size),
  // so databases made before open as they are.
  db.pragma("page_size = 8192");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("cache_size = -65536");
  db.pragma("temp_store = MEMORY");
  // Reads through a memory map instead of a read() system call per page outside the cache: at
  // 1,000,000 users (2 GB) a search, a page of users or an export's walk touches far more pages
  // than the 64 MB cache holds; mapped, that costs a quarter to a third less CPU. SQLite clamps
  // the size to its build's maximum (2 GB for better-sqlite3's); the rest of a bigger file is
  // read as before. https://www.sqlite.org/mmap.html
  db.pragma("mmap_size = 2147418112");
  runMigrations(db);
  return db;
}

function runMigrations(db: DB) {
  db.exec("CREATE TABLE IF NOT EXISTS _migrations (id TEXT PRIMARY KEY, applied_at_millis INTEGER NOT NULL)");
  const applied = new Set(db.prepare("SELECT id FROM _migrations").pluck().all() as string[]);
  const all = [...coreMigrations, ...extraMigrations.sort((a, b) => a.id.localeCompare(b.id))];
  for (const m of all) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO _migrations (id, applied_at_millis) VALUES (?, ?)").run(m.id, Date.now());
    })();
  }
}

/** JSON column helpers: metadata is stored as JSON text, NULL for JSON null/absent. */
export const json = {
  write: (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v)),
  read: (s: string | null): unknown => (s === null ? null : JSON.parse(s)),
};

const statementCache = new WeakMap<DB, Map<string, Stmt>>();

/** A prepared statement cached per database (prepared once, reused by every request). */
export function prep(db: DB, sql: string): Stmt {
  let m = statementCache.get(db);
  if (!m) statementCache.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare<unknown[]>(sql)));
  return st;
}

/**
 * Wraps a module's statement factory so it runs once per database:
 *   const S = statements((db) => ({ byId: db.prepare("…") }));  …  S(db).byId.get(id)
 */
export function statements<T>(build: (db: DB) => T): (db: DB) => T {
  const cache = new WeakMap<DB, T>();
  return (db) => {
    let s = cache.get(db);
    if (s === undefined) cache.set(db, (s = build(db)));
    return s;
  };
}
