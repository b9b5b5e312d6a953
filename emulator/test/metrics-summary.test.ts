import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../src/app";
import { readEmulatorConfig } from "../src/config";
import type { DB } from "../src/db";
import { computeMetrics } from "../src/resources/metrics";
import { seedDemoData } from "../src/seed";
import { DEMO, startTestEmulator, type TestEmulator } from "./helpers";

// The metrics come from summary tables kept by triggers. Each test checks them against the full
// aggregation over the users, e-mails, OAuth accounts and teams (the SQL they replaced), after
// writes through the API and through SQL, after a seed, and on a database made before them.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const today = Math.floor(Date.now() / DAY) * DAY;

/** The metrics fields that aggregate over every user, computed from the tables themselves. */
function fullAggregate(db: DB, projectId: string, now: number, includeAnonymous: boolean) {
  const inc = includeAnonymous ? 1 : 0;
  const start = Math.floor(now / DAY) * DAY - 30 * DAY;
  const end = start + 31 * DAY;
  const dates = Array.from({ length: 31 }, (_, i) => new Date(start + i * DAY).toISOString().slice(0, 10));
  const series = (rows: { d: number; n: number }[]) => dates.map((date, i) => ({ date, activity: rows.find((r) => r.d === i)?.n ?? 0 }));
  // Bound numbers are REAL in SQLite (better-sqlite3), hence the CASTs to whole days.
  const one = (sql: string, ...p: unknown[]) => db.prepare(sql).pluck().get(...p) as number;
  const total = one("SELECT COUNT(*) FROM users WHERE project_id = ? AND (? = 1 OR is_anonymous = 0)", projectId, inc);
  const anonymous = one("SELECT COUNT(*) FROM users WHERE project_id = ? AND is_anonymous <> 0", projectId);
  const byCountry = db
    .prepare("SELECT country_code AS c, COUNT(*) AS n FROM users WHERE project_id = ? AND (? = 1 OR is_anonymous = 0) AND country_code IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1")
    .all(projectId, inc) as { c: string; n: number }[];
  const methods = (db.prepare("SELECT provider_config_id AS m, COUNT(*) AS n FROM oauth_accounts WHERE project_id = ? AND allow_sign_in = 1 GROUP BY 1 ORDER BY 1").all(projectId) as { m: string; n: number }[]).map((r) => ({ method: r.m, count: r.n }));
  for (const [method, expr] of [["password", "password_hash IS NOT NULL"], ["passkey", "passkey_auth_enabled"], ["otp", "otp_auth_enabled"]] as const) {
    const n = one(`SELECT COALESCE(SUM(${expr}), 0) FROM users WHERE project_id = ?`, projectId);
    if (n) methods.push({ method, count: n });
  }
  const signups = db
    .prepare(`SELECT CAST((signed_up_at_millis - @start) / ${DAY} AS INTEGER) AS d, COUNT(*) AS n FROM users WHERE project_id = @projectId
      AND signed_up_at_millis >= @start AND signed_up_at_millis < @end AND (@inc = 1 OR is_anonymous = 0) GROUP BY d`)
    .all({ projectId, start, end, inc }) as { d: number; n: number }[];
  const active = db
    .prepare(`SELECT CAST((last_active_at_millis - @start) / ${DAY} AS INTEGER) AS d, COUNT(*) AS n,
        SUM(signed_up_at_millis >= @start AND CAST((signed_up_at_millis - @start) / ${DAY} AS INTEGER) = CAST((last_active_at_millis - @start) / ${DAY} AS INTEGER)) AS fresh
      FROM users WHERE project_id = @projectId AND last_active_at_millis >= @start AND last_active_at_millis < @end AND (@inc = 1 OR is_anonymous = 0) GROUP BY d`)
    .all({ projectId, start, end, inc }) as { d: number; n: number; fresh: number }[];
  const dailyActive = series(active);
  const dailyNew = series(active.map((r) => ({ d: r.d, n: r.fresh })));
  const verified = one("SELECT COUNT(*) FROM contact_channels WHERE project_id = ? AND type = 'email' AND is_primary = 1 AND is_verified = 1", projectId);
  return {
    total_users: total,
    daily_users: series(signups),
    daily_active_users: dailyActive,
    users_by_country: Object.fromEntries(byCountry.map((r) => [r.c, r.n])),
    login_methods: methods,
    auth_overview: {
      verified_users: verified,
      unverified_users: Math.max(0, total - (includeAnonymous ? anonymous : 0) - verified),
      anonymous_users: anonymous,
      total_teams: one("SELECT COUNT(*) FROM teams WHERE project_id = ?", projectId),
      mau: one("SELECT COUNT(*) FROM users WHERE project_id = ? AND last_active_at_millis >= ? AND (? = 1 OR is_anonymous = 0)", projectId, now - 30 * DAY, inc),
      daily_active_users_split: {
        total: dailyActive,
        new: dailyNew,
        retained: dailyActive.map((p, i) => ({ date: p.date, activity: p.activity - dailyNew[i]!.activity })),
      },
      total_users_filtered: total,
    },
  };
}

/** computeMetrics agrees with the full aggregation, with and without anonymous users, at several times. */
function expectSummariesRight(db: DB, projectId: string, nows: number[]) {
  for (const now of nows) {
    for (const inc of [false, true]) {
      const m = computeMetrics(db, projectId, now, inc);
      const want = fullAggregate(db, projectId, now, inc);
      expect(m).toMatchObject(want);
      expect(Object.entries(m.users_by_country)).toEqual(Object.entries(want.users_by_country));
    }
  }
}

/** A few "now"s: this moment, mid-hour, and ones whose 30-day MAU window starts on an hour boundary. */
const nows = () => [Date.now(), today + 17 * HOUR + 1234, today + 5 * HOUR, today - 2 * DAY + 30 * 60_000];

describe("metrics summaries", () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.stop());

  it("stay equal to the full aggregation through creates, updates and deletes (API and SQL)", async () => {
    let rng = 42;
    const rand = (n: number) => {
      rng = (rng * 1103515245 + 12345) & 0x7fffffff;
      return rng % n;
    };
    const countries = ["DE", "US", "FR", null];
    const time = () => today - 40 * DAY + rand(42 * 24) * HOUR + (rand(3) === 0 ? 0 : rand(HOUR));
    const ids: string[] = [];
    const teams: string[] = [];
    for (let i = 0; i < 60; i++) {
      const op = rand(10);
      if (op < 4 || ids.length < 5) {
        const res = await emu.fetch("/users", {
          method: "POST",
          body: {
            primary_email: `m${i}@example.com`,
            primary_email_verified: rand(2) === 0,
            ...(rand(2) ? { password: "pw-123456" } : {}),
            ...(countries[rand(4)] ? { country_code: countries[rand(4)] } : {}),
            ...(rand(5) === 0 ? { is_anonymous: true } : {}),
          },
        });
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      } else if (op === 4) {
        const id = ids[rand(ids.length)]!;
        const body = [
          { country_code: countries[rand(4)] },
          { password: null },
          { password: "another-pw" },
          { primary_email: `new${i}@example.com`, primary_email_verified: rand(2) === 0 },
          { primary_email_verified: rand(2) === 0 },
          { is_anonymous: false },
          { display_name: `Renamed ${i}` },
        ][rand(7)];
        const res = await emu.fetch(`/users/${id}`, { method: "PATCH", body });
        expect([200, 400]).toContain(res.status);
      } else if (op === 5) {
        const id = ids.splice(rand(ids.length), 1)[0]!;
        expect((await emu.fetch(`/users/${id}`, { method: "DELETE", body: {} })).status).toBe(200);
      } else if (op === 6) {
        // Times the API does not write: sign-up and last activity anywhere in the last 40 days.
        const id = ids[rand(ids.length)]!;
        const signedUp = time();
        emu.db.prepare("UPDATE users SET signed_up_at_millis = ?, last_active_at_millis = ? WHERE id = ?").run(signedUp, Math.max(signedUp, time()), id);
      } else if (op === 7) {
        const id = ids[rand(ids.length)]!;
        emu.db
          .prepare("INSERT INTO oauth_accounts (id, project_id, user_id, provider_config_id, type, account_id, allow_sign_in, created_at_millis) VALUES (?, ?, ?, ?, 'oauth', ?, ?, ?)")
          .run(`oa-${i}`, DEMO.projectId, id, rand(2) ? "github" : "google", `acc-${i}`, rand(3) ? 1 : 0, today);
        if (rand(2)) emu.db.prepare("UPDATE oauth_accounts SET allow_sign_in = 1 - allow_sign_in WHERE id = ?").run(`oa-${rand(i + 1)}`);
      } else if (op === 8) {
        const res = await emu.fetch("/teams", { method: "POST", body: { display_name: `Team ${i}` } });
        expect(res.status).toBe(201);
        teams.push(res.body.id);
      } else if (teams.length) {
        expect((await emu.fetch(`/teams/${teams.splice(rand(teams.length), 1)[0]}`, { method: "DELETE", body: {} })).status).toBe(200);
      } else {
        emu.db.prepare("UPDATE users SET otp_auth_enabled = 1 - otp_auth_enabled, passkey_auth_enabled = ? WHERE id = ?").run(rand(2), ids[rand(ids.length)]);
      }
      if (i % 10 === 9) expectSummariesRight(emu.db, DEMO.projectId, nows());
    }
    expectSummariesRight(emu.db, DEMO.projectId, nows());
    // The HTTP answer is the same object, and the user counts agree.
    const res = await emu.fetch("/internal/metrics");
    expect(res.body).toMatchObject({ total_users: fullAggregate(emu.db, DEMO.projectId, Date.now(), false).total_users });
    const counts = (await emu.fetch("/internal/metrics/user-counts")).body;
    expect(counts).toEqual({ total_users: ids.length, anonymous_users: fullAggregate(emu.db, DEMO.projectId, Date.now(), true).auth_overview.anonymous_users });
  });
});

describe("metrics summaries on file databases", () => {
  const config = { ...readEmulatorConfig({} as NodeJS.ProcessEnv), seedUsers: 0 };
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-emulator-metrics-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("are right after a seed (which loads without the triggers) and after deletes that cascade", () => {
    const emu = createEmulator({ ...config, dbPath: path.join(dir, "seeded.db") });
    try {
      seedDemoData(emu.db, config, { users: 400, anchorMillis: today });
      expectSummariesRight(emu.db, config.projectId, nows());
      emu.db.prepare("DELETE FROM users WHERE rowid % 7 = 0").run();
      emu.db.prepare("DELETE FROM teams WHERE rowid % 5 = 0").run();
      expectSummariesRight(emu.db, config.projectId, nows());
    } finally {
      emu.close();
    }
  });

  it("are built when a database made before them opens", () => {
    const file = path.join(dir, "old.db");
    const first = createEmulator({ ...config, dbPath: file });
    seedDemoData(first.db, config, { users: 300, anchorMillis: today });
    // Back to the schema before the summaries: no tables, no triggers, the migration not applied.
    const objects = first.db.prepare("SELECT type, name FROM sqlite_master WHERE name LIKE 'metrics_%' AND type IN ('table', 'trigger')").all() as { type: string; name: string }[];
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects.filter((x) => x.type === "trigger")) first.db.exec(`DROP TRIGGER ${o.name}`);
    for (const o of objects.filter((x) => x.type === "table")) first.db.exec(`DROP TABLE ${o.name}`);
    first.db.prepare("DELETE FROM _migrations WHERE id = 'metrics-0002-summary'").run();
    first.db.prepare("DELETE FROM users WHERE rowid % 3 = 0").run();
    first.close();

    const reopened = createEmulator({ ...config, dbPath: file });
    try {
      expectSummariesRight(reopened.db, config.projectId, nows());
    } finally {
      reopened.close();
    }
  });
});
