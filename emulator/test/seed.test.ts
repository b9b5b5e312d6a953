import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../src/app";
import { readEmulatorConfig } from "../src/config";
import { resetDemoData, seedAnchor, seedDemoData } from "../src/seed";
import { LARGE_TEAM } from "../src/seed-teams";
import { DEMO, startTestEmulator, type TestEmulator } from "./helpers";

const ANCHOR = Date.UTC(2026, 0, 15);
const config = { ...readEmulatorConfig({} as NodeJS.ProcessEnv), dbPath: ":memory:", seedUsers: 0 };

function fresh(): Emulator {
  return createEmulator(config);
}
const snapshot = (e: Emulator) => ({
  users: e.db.prepare("SELECT id, display_name, signed_up_at_millis, is_anonymous, restricted_by_admin FROM users ORDER BY id").all(),
  emails: e.db.prepare("SELECT user_id, value, is_verified FROM contact_channels ORDER BY user_id").all(),
  teams: e.db.prepare("SELECT id, display_name FROM teams ORDER BY id").all(),
  members: e.db.prepare("SELECT team_id, user_id FROM team_members ORDER BY team_id, user_id").all(),
});

/**
 * A digest of every row (with its rowid: the trigram index and some reads order by it) of the
 * tables the seed fills. The project's and its bootstrapped definitions' creation times are the
 * clock's, so they are left out.
 */
function fingerprint(e: Emulator) {
  const tables = ["users", "contact_channels", "oauth_accounts", "sessions", "teams", "team_members", "team_permissions", "project_permissions", "permission_definitions", "projects"];
  return Object.fromEntries(
    tables.map((t) => {
      const cols = (e.db.prepare("SELECT name FROM pragma_table_info(?)").pluck().all(t) as string[]).filter(
        (c) => !(c === "created_at_millis" && (t === "projects" || t === "permission_definitions")),
      );
      const rows = e.db.prepare(`SELECT rowid, ${cols.join(", ")} FROM ${t} ORDER BY rowid`).raw().all();
      return [t, `${createHash("sha256").update(JSON.stringify(rows)).digest("hex").slice(0, 16)} (${rows.length})`];
    }),
  );
}

describe("seedDemoData", () => {
  let a: Emulator;
  let b: Emulator;
  beforeAll(() => {
    a = fresh();
    b = fresh();
  });
  afterAll(() => {
    a.close();
    b.close();
  });

  it("is deterministic: same ids, e-mails, teams and memberships on every run", () => {
    const ra = seedDemoData(a.db, config, { users: 2000, anchorMillis: ANCHOR });
    const rb = seedDemoData(b.db, config, { users: 2000, anchorMillis: ANCHOR });
    expect(ra).toEqual(rb);
    expect(ra.users).toBe(2000);
    const sa = snapshot(a);
    expect(sa).toEqual(snapshot(b));
    expect(sa.users).toHaveLength(2000);
    // reset + reseed gives the same data again
    resetDemoData(b.db, config.projectId);
    expect(b.db.prepare("SELECT COUNT(*) FROM users").pluck().get()).toBe(0);
    seedDemoData(b.db, config, { users: 2000, anchorMillis: ANCHOR });
    expect(snapshot(b)).toEqual(sa);
  });

  it("seeds the same rows as before the bulk paths (digests taken from the per-row seed)", () => {
    // Any change here changes the demo data every bench and screenshot relies on: only on purpose.
    expect(fingerprint(a)).toEqual({
      users: "086dc66fb0a497fb (2000)", // since seeded passwords are scrypt at N = 2^4 (users/passwords.ts)
      contact_channels: "a423937bf3174de5 (1936)",
      oauth_accounts: "0c07d92147df72c2 (474)",
      sessions: "701be4404f91fa6b (1219)",
      teams: "3c8a91f98ed77d13 (134)",
      team_members: "8354daf876a0c16c (2635)",
      team_permissions: "06b14327bc4d040f (2853)",
      project_permissions: "872f05ca96b7f697 (231)",
      permission_definitions: "21d0babcbec2b389 (6)",
      projects: "20f3edc59f2814a8 (1)",
    });
  });

  it("has a realistic distribution", () => {
    const db = a.db;
    const q = (sql: string, ...p: unknown[]) => db.prepare(sql).pluck().get(...p) as number;
    const anon = q("SELECT COUNT(*) FROM users WHERE is_anonymous = 1");
    expect(anon).toBeGreaterThan(20);
    expect(anon).toBeLessThan(120);
    const restricted = q("SELECT COUNT(*) FROM users WHERE restricted_by_admin = 1");
    expect(restricted).toBeGreaterThan(10);
    expect(restricted).toBeLessThan(90);
    expect(q("SELECT COUNT(*) FROM users WHERE restricted_by_admin = 1 AND restricted_by_admin_reason IS NULL")).toBe(0);
    const unverified = q("SELECT COUNT(*) FROM contact_channels WHERE is_verified = 0");
    expect(unverified).toBeGreaterThan(80);
    expect(unverified).toBeLessThan(260);
    // anonymous users have no e-mail; everybody else has exactly one primary e-mail, unique per project
    expect(q("SELECT COUNT(*) FROM users u WHERE is_anonymous = 1 AND EXISTS (SELECT 1 FROM contact_channels c WHERE c.user_id = u.id)")).toBe(0);
    expect(q("SELECT COUNT(*) FROM contact_channels")).toBe(2000 - anon);
    expect(q("SELECT COUNT(DISTINCT value_lower) FROM contact_channels")).toBe(2000 - anon);
    expect(q("SELECT COUNT(*) FROM users WHERE password_hash IS NOT NULL")).toBeGreaterThan(800);
    expect(q("SELECT COUNT(DISTINCT provider_config_id) FROM oauth_accounts")).toBe(2);
    expect(q("SELECT COUNT(*) FROM sessions")).toBeGreaterThan(300);
    // teams: ~1 per 15 users, each with members and the default permissions
    const teams = q("SELECT COUNT(*) FROM teams");
    // …plus the one large team (seed-teams.ts), here with every non-anonymous user (fewer than 5,000)
    expect(teams).toBe(Math.round(2000 / 15) + 1);
    expect(q("SELECT COUNT(*) FROM team_members WHERE team_id = ?", LARGE_TEAM.id)).toBe(q("SELECT COUNT(*) FROM users WHERE is_anonymous = 0"));
    expect(q("SELECT COUNT(*) FROM teams t WHERE NOT EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id)")).toBe(0);
    expect(q("SELECT MIN(c) FROM (SELECT COUNT(*) c FROM team_members GROUP BY team_id)")).toBeGreaterThanOrEqual(2);
    expect(q("SELECT COUNT(*) FROM team_permissions WHERE permission_id = 'team_admin'")).toBe(teams);
    expect(q("SELECT COUNT(*) FROM team_members m WHERE NOT EXISTS (SELECT 1 FROM team_permissions p WHERE p.team_id = m.team_id AND p.user_id = m.user_id)")).toBe(0);
    expect(q("SELECT COUNT(*) FROM team_permissions WHERE permission_id LIKE 'billing:%'")).toBeGreaterThan(0);
    expect(q("SELECT COUNT(*) FROM project_permissions WHERE permission_id = 'admin:support'")).toBeGreaterThan(0);
    expect(q("SELECT contained_json FROM permission_definitions WHERE id = 'billing:write'") as unknown).toBe('["billing:read"]');
    // selected teams are memberships
    expect(q("SELECT COUNT(*) FROM users u WHERE selected_team_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = u.selected_team_id AND m.user_id = u.id)")).toBe(0);
    // times: 9 months before the anchor, never after it, a good share in the last 30 days
    expect(q("SELECT MAX(signed_up_at_millis) FROM users")).toBeLessThan(ANCHOR);
    expect(q("SELECT MAX(last_active_at_millis) FROM users")).toBeLessThan(ANCHOR);
    expect(q("SELECT MIN(signed_up_at_millis) FROM users")).toBeGreaterThanOrEqual(ANCHOR - 271 * 86_400_000);
    expect(q("SELECT COUNT(*) FROM users WHERE last_active_at_millis < signed_up_at_millis")).toBe(0);
    expect(q("SELECT COUNT(*) FROM users WHERE signed_up_at_millis >= ?", ANCHOR - 30 * 86_400_000)).toBeGreaterThan(200);
    // the providers used by the data exist in the project config as shared providers
    const cfg = JSON.parse(db.prepare("SELECT config_json FROM projects WHERE id = ?").pluck().get(config.projectId) as string);
    expect(cfg.auth.oauth.providers.google).toMatchObject({ type: "google", isShared: true });
    expect(cfg.auth.oauth.providers.github).toMatchObject({ type: "github", isShared: true });
  });

  it("anchors on the start of the current UTC day by default", () => {
    expect(seedAnchor(Date.UTC(2026, 4, 3, 17, 45))).toBe(Date.UTC(2026, 4, 3));
  });
});

describe("seeded data through the API", () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
    seedDemoData(emu.db, { projectId: DEMO.projectId }, { users: 300 });
  });
  afterAll(() => emu.stop());

  it("lists, reads and searches seeded users with consistent shapes", async () => {
    const page = await emu.fetch("/users?limit=50&desc=true");
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(50);
    expect(page.body.items.every((u: any) => !u.is_anonymous && !u.is_restricted)).toBe(true);
    const withOAuth = (await emu.fetch("/users?limit=1000&include_anonymous=true")).body.items.filter((u: any) => u.oauth_providers.length > 0);
    expect(withOAuth.length).toBeGreaterThan(0);
    expect(Object.keys(withOAuth[0].oauth_providers[0])).toEqual(["id", "account_id", "email"]);
    const someone = page.body.items.find((u: any) => u.primary_email);
    const fragment = someone.primary_email.split("@")[0].slice(0, 6);
    const found = await emu.fetch(`/users?limit=100&query=${encodeURIComponent(fragment.toUpperCase())}`);
    expect(found.body.items.map((u: any) => u.id)).toContain(someone.id);
    const selected = (await emu.fetch("/users?limit=1000")).body.items.find((u: any) => u.selected_team);
    expect(selected.selected_team.id).toBe(selected.selected_team_id);
    const members = await emu.fetch(`/users?limit=100&team_id=${selected.selected_team_id}&include_anonymous=true`);
    expect(members.body.items.map((u: any) => u.id)).toContain(selected.id);
  });
});

describe("seed and the project configuration", () => {
  it("keeps the seeded OAuth providers after a config update re-renders the project config", async () => {
    const emu = await startTestEmulator();
    try {
      // update the config first so its layers exist, then seed, then update the config again
      expect((await emu.fetch("/internal/projects/current", { method: "PATCH", body: { config: { sign_up_enabled: true } } })).status).toBe(200);
      seedDemoData(emu.db, { projectId: DEMO.projectId }, { users: 50 });
      const patch = await emu.fetch("/internal/projects/current", { method: "PATCH", body: { config: { sign_up_enabled: true } } });
      expect(patch.status, patch.text).toBe(200);
      const ids = patch.body.config.oauth_providers.map((p: any) => p.id).sort();
      expect(ids).toEqual(["github", "google"]);
    } finally {
      await emu.stop();
    }
  });
});

describe("seeding a file database", () => {
  it("makes a new file with 8 KB pages and opens a file made before with its own page size", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-emulator-pages-"));
    try {
      const fresh = createEmulator({ ...config, dbPath: path.join(dir, "new.db") });
      expect(fresh.db.pragma("page_size", { simple: true })).toBe(8192);
      fresh.close();
      // A database of an earlier emulator: SQLite's default 4 KB pages, in WAL mode.
      const oldPath = path.join(dir, "old.db");
      const old = new Database(oldPath);
      old.pragma("journal_mode = WAL");
      old.exec("CREATE TABLE kept (x)");
      old.close();
      const emu = createEmulator({ ...config, dbPath: oldPath });
      try {
        expect(emu.db.pragma("page_size", { simple: true })).toBe(4096);
        expect(seedDemoData(emu.db, config, { users: 100, anchorMillis: ANCHOR }).users).toBe(100);
        expect(emu.db.pragma("integrity_check", { simple: true })).toBe("ok");
      } finally {
        emu.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps every index and trigger, rebuilds the trigram index, and leaves the file in WAL mode with its pragmas", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-emulator-seed-"));
    const emu = createEmulator({ ...config, dbPath: path.join(dir, "emulator.db") });
    try {
      const schema = () => emu.db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").all();
      const pragmas = () => ["foreign_keys", "synchronous", "cache_size", "temp_store"].map((p) => emu.db.pragma(p, { simple: true }));
      const before = schema();
      const pragmasBefore = pragmas();
      seedDemoData(emu.db, config, { users: 200, anchorMillis: ANCHOR });
      expect(schema()).toEqual(before);
      expect(emu.db.pragma("journal_mode", { simple: true })).toBe("wal");
      // Foreign keys, fsync, the page cache and the sorter's temporary storage are changed for the seed only.
      expect(pragmas()).toEqual(pragmasBefore);
      expect(emu.db.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(emu.db.pragma("foreign_key_check")).toEqual([]);
      // The trigram index was rebuilt once: it finds exactly the rows a scan of search_text finds.
      const fragment = "ada";
      const byIndex = emu.db.prepare("SELECT rowid FROM users_search WHERE users_search MATCH ? ORDER BY rowid").pluck().all(`"${fragment}"`);
      const byScan = emu.db.prepare("SELECT rowid FROM users WHERE instr(search_text, ?) > 0 ORDER BY rowid").pluck().all(fragment);
      expect(byIndex.length).toBeGreaterThan(0);
      expect(byIndex).toEqual(byScan);
      // Writes after the seed keep the index in step (the triggers are back).
      const id = emu.db.prepare("SELECT id FROM users WHERE display_name IS NOT NULL LIMIT 1").pluck().get() as string;
      emu.db.prepare("UPDATE users SET search_text = 'zzqx renamed' WHERE id = ?").run(id);
      expect(emu.db.prepare("SELECT count(*) FROM users_search WHERE users_search MATCH '\"zzqx\"'").pluck().get()).toBe(1);
    } finally {
      emu.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
