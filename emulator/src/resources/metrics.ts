import { z } from "zod";
import { statements, type DB } from "../db";
import { Errors } from "../errors";
import { route, type EmulatorModule } from "../router";
import { s } from "../validation";
import { getUserJson } from "./users";

// Dashboard metrics (GET /internal/metrics, with every key a real 2.8.86 server sends).
// Everything the emulator knows is read from summary tables that triggers keep up to date in the
// same transaction as every write (so any writer, API or SQL, keeps them right); payments/e-mail
// delivery/analytics series are zeros with every key present.
// Daily active users: the emulator keeps only `last_active_at_millis` per user, so a user
// counts as active on the day of their last activity.

const DAY = 86_400_000;
const HOUR = 3_600_000;

// floor(x / unit) for SQL's integer division, which truncates toward zero.
const floorDiv = (x: string, unit: number) => `(${x} / ${unit} - (${x} < 0 AND ${x} % ${unit} <> 0))`;

/**
 * What a user row adds to the summaries (sign 1) or takes away (sign -1): its group (anonymous,
 * country; sign-in methods), its sign-up hour and its last-active hour, where `fresh` says that
 * both fall on one UTC day (a new user that day, not a retained one). Hours, not days: the MAU
 * window starts at "now minus 30 days", so only its first partial hour needs the users table.
 */
const userSummary = (r: "new" | "old", sign: 1 | -1) => {
  const fresh = `(${floorDiv(`${r}.signed_up_at_millis`, DAY)} = ${floorDiv(`${r}.last_active_at_millis`, DAY)})`;
  return `
  INSERT INTO metrics_user_groups VALUES (${r}.project_id, ${r}.is_anonymous, coalesce(${r}.country_code, ''), ${sign},
      ${sign} * (${r}.password_hash IS NOT NULL), ${sign} * ${r}.otp_auth_enabled, ${sign} * ${r}.passkey_auth_enabled)
    ON CONFLICT (project_id, is_anonymous, country) DO UPDATE SET n = n + excluded.n, pw = pw + excluded.pw, otp = otp + excluded.otp, pk = pk + excluded.pk;
  INSERT INTO metrics_user_hours VALUES (${r}.project_id, 0, ${floorDiv(`${r}.signed_up_at_millis`, HOUR)}, ${r}.is_anonymous, ${sign}, 0)
    ON CONFLICT (project_id, kind, hour, is_anonymous) DO UPDATE SET n = n + excluded.n;
  INSERT INTO metrics_user_hours VALUES (${r}.project_id, 1, ${floorDiv(`${r}.last_active_at_millis`, HOUR)}, ${r}.is_anonymous, ${sign}, ${sign} * ${fresh})
    ON CONFLICT (project_id, kind, hour, is_anonymous) DO UPDATE SET n = n + excluded.n, fresh = fresh + excluded.fresh;`;
};
const count = (project: string, name: string, delta: string) =>
  `INSERT INTO metrics_counts VALUES (${project}, ${name}, ${delta}) ON CONFLICT (project_id, name) DO UPDATE SET n = n + excluded.n;`;
const verifiedPrimary = (r: string) => `(${r}.type = 'email' AND ${r}.is_primary = 1 AND ${r}.is_verified = 1)`;
const signIn = (r: string) => `'sign_in:' || ${r}.provider_config_id`;

/**
 * Recomputes every summary row from the tables (after a bulk load without the triggers). Each
 * is one table scan that adds every row into its (small) summary with an upsert: a GROUP BY
 * would sort all the rows first, which cost twice as much at 1,000,000 users; NOT INDEXED keeps
 * the planner from walking an index on project_id and reading the rows in random order.
 */
export const REBUILD_METRICS_SQL = `
DELETE FROM metrics_user_groups;
DELETE FROM metrics_user_hours;
DELETE FROM metrics_counts;
INSERT INTO metrics_user_groups SELECT project_id, is_anonymous, coalesce(country_code, ''), 1,
    password_hash IS NOT NULL, otp_auth_enabled, passkey_auth_enabled FROM users NOT INDEXED WHERE true
  ON CONFLICT (project_id, is_anonymous, country) DO UPDATE SET n = n + 1, pw = pw + excluded.pw, otp = otp + excluded.otp, pk = pk + excluded.pk;
INSERT INTO metrics_user_hours SELECT project_id, 0, ${floorDiv("signed_up_at_millis", HOUR)}, is_anonymous, 1, 0 FROM users NOT INDEXED WHERE true
  ON CONFLICT (project_id, kind, hour, is_anonymous) DO UPDATE SET n = n + 1;
INSERT INTO metrics_user_hours SELECT project_id, 1, ${floorDiv("last_active_at_millis", HOUR)}, is_anonymous, 1,
    ${floorDiv("signed_up_at_millis", DAY)} = ${floorDiv("last_active_at_millis", DAY)} FROM users NOT INDEXED WHERE true
  ON CONFLICT (project_id, kind, hour, is_anonymous) DO UPDATE SET n = n + 1, fresh = fresh + excluded.fresh;
INSERT INTO metrics_counts SELECT project_id, 'verified_emails', 1 FROM contact_channels c NOT INDEXED WHERE ${verifiedPrimary("c")}
  ON CONFLICT (project_id, name) DO UPDATE SET n = n + 1;
INSERT INTO metrics_counts SELECT project_id, ${signIn("o")}, 1 FROM oauth_accounts o NOT INDEXED WHERE allow_sign_in = 1
  ON CONFLICT (project_id, name) DO UPDATE SET n = n + 1;
INSERT INTO metrics_counts SELECT project_id, 'teams', COUNT(*) FROM teams GROUP BY 1;`;

/** The summaries of a database written without the triggers (the seed drops them while loading). */
export function rebuildMetricsSummary(db: DB) {
  db.exec(REBUILD_METRICS_SQL);
}

const migrations = [
  {
    id: "metrics-0001-indexes",
    sql: `
CREATE INDEX metrics_users_breakdown ON users(project_id, is_anonymous, country_code, otp_auth_enabled, passkey_auth_enabled, (password_hash IS NOT NULL));
CREATE INDEX metrics_contact_channels_primary ON contact_channels(project_id, type, is_verified) WHERE is_primary = 1;
CREATE INDEX metrics_oauth_accounts_project ON oauth_accounts(project_id, allow_sign_in, provider_config_id);`,
  },
  {
    // Aggregating 1,000,000 users took seconds per request; the summaries make it a few small
    // reads. Built here from the existing rows, so a database seeded before opens right. The
    // indexes of 0001 only served the aggregates: every write paid for them.
    id: "metrics-0002-summary",
    sql: `
DROP INDEX IF EXISTS metrics_users_breakdown;
DROP INDEX IF EXISTS metrics_contact_channels_primary;
DROP INDEX IF EXISTS metrics_oauth_accounts_project;
CREATE TABLE metrics_user_groups (
  project_id TEXT NOT NULL, is_anonymous INTEGER NOT NULL, country TEXT NOT NULL,
  n INTEGER NOT NULL, pw INTEGER NOT NULL, otp INTEGER NOT NULL, pk INTEGER NOT NULL,
  PRIMARY KEY (project_id, is_anonymous, country)
) WITHOUT ROWID;
-- kind 0: sign-ups per hour; kind 1: last activity per hour.
CREATE TABLE metrics_user_hours (
  project_id TEXT NOT NULL, kind INTEGER NOT NULL, hour INTEGER NOT NULL, is_anonymous INTEGER NOT NULL,
  n INTEGER NOT NULL, fresh INTEGER NOT NULL,
  PRIMARY KEY (project_id, kind, hour, is_anonymous)
) WITHOUT ROWID;
-- 'verified_emails', 'teams', 'sign_in:<provider_config_id>'.
CREATE TABLE metrics_counts (project_id TEXT NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (project_id, name)) WITHOUT ROWID;

CREATE TRIGGER metrics_users_ai AFTER INSERT ON users BEGIN ${userSummary("new", 1)}
END;
CREATE TRIGGER metrics_users_ad AFTER DELETE ON users BEGIN ${userSummary("old", -1)}
END;
CREATE TRIGGER metrics_users_au AFTER UPDATE OF project_id, is_anonymous, country_code, password_hash, otp_auth_enabled, passkey_auth_enabled,
  signed_up_at_millis, last_active_at_millis ON users
  WHEN old.project_id IS NOT new.project_id OR old.is_anonymous IS NOT new.is_anonymous OR old.country_code IS NOT new.country_code
    OR (old.password_hash IS NULL) <> (new.password_hash IS NULL) OR old.otp_auth_enabled IS NOT new.otp_auth_enabled
    OR old.passkey_auth_enabled IS NOT new.passkey_auth_enabled OR old.signed_up_at_millis IS NOT new.signed_up_at_millis
    OR old.last_active_at_millis IS NOT new.last_active_at_millis
BEGIN ${userSummary("old", -1)} ${userSummary("new", 1)}
END;

CREATE TRIGGER metrics_channels_ai AFTER INSERT ON contact_channels WHEN ${verifiedPrimary("new")} BEGIN
  ${count("new.project_id", "'verified_emails'", "1")}
END;
CREATE TRIGGER metrics_channels_ad AFTER DELETE ON contact_channels WHEN ${verifiedPrimary("old")} BEGIN
  ${count("old.project_id", "'verified_emails'", "-1")}
END;
CREATE TRIGGER metrics_channels_au AFTER UPDATE OF project_id, type, is_primary, is_verified ON contact_channels
  WHEN ${verifiedPrimary("old")} <> ${verifiedPrimary("new")} OR old.project_id IS NOT new.project_id BEGIN
  ${count("old.project_id", "'verified_emails'", `-${verifiedPrimary("old")}`)}
  ${count("new.project_id", "'verified_emails'", verifiedPrimary("new"))}
END;

CREATE TRIGGER metrics_oauth_ai AFTER INSERT ON oauth_accounts WHEN new.allow_sign_in = 1 BEGIN
  ${count("new.project_id", signIn("new"), "1")}
END;
CREATE TRIGGER metrics_oauth_ad AFTER DELETE ON oauth_accounts WHEN old.allow_sign_in = 1 BEGIN
  ${count("old.project_id", signIn("old"), "-1")}
END;
CREATE TRIGGER metrics_oauth_au AFTER UPDATE OF project_id, provider_config_id, allow_sign_in ON oauth_accounts
  WHEN old.project_id IS NOT new.project_id OR old.provider_config_id IS NOT new.provider_config_id OR old.allow_sign_in IS NOT new.allow_sign_in BEGIN
  ${count("old.project_id", signIn("old"), "-(old.allow_sign_in = 1)")}
  ${count("new.project_id", signIn("new"), "(new.allow_sign_in = 1)")}
END;

CREATE TRIGGER metrics_teams_ai AFTER INSERT ON teams BEGIN ${count("new.project_id", "'teams'", "1")} END;
CREATE TRIGGER metrics_teams_ad AFTER DELETE ON teams BEGIN ${count("old.project_id", "'teams'", "-1")} END;
CREATE TRIGGER metrics_teams_au AFTER UPDATE OF project_id ON teams WHEN old.project_id IS NOT new.project_id BEGIN
  ${count("old.project_id", "'teams'", "-1")} ${count("new.project_id", "'teams'", "1")}
END;
${REBUILD_METRICS_SQL}`,
  },
];

function makeStatements(db: DB) {
  return {
    groups: db.prepare(
      "SELECT is_anonymous AS anon, country, n, pw, otp, pk FROM metrics_user_groups WHERE project_id = ? AND n > 0",
    ),
    count: db.prepare("SELECT n FROM metrics_counts WHERE project_id = ? AND name = ?").pluck(),
    // Ordered as the GROUP BY provider_config_id it replaces.
    signIns: db.prepare(
      "SELECT substr(name, 9) AS method, n FROM metrics_counts WHERE project_id = ? AND name >= 'sign_in:' AND name < 'sign_in;' AND n > 0 ORDER BY name",
    ),
    hours: db.prepare(
      `SELECT hour, SUM(n) AS n, SUM(fresh) AS fresh FROM metrics_user_hours
       WHERE project_id = @projectId AND kind = @kind AND hour >= @from AND hour < @to AND (@inc = 1 OR is_anonymous = 0) GROUP BY hour`,
    ),
    activeAfterHour: db
      .prepare("SELECT COALESCE(SUM(n), 0) FROM metrics_user_hours WHERE project_id = @projectId AND kind = 1 AND hour > @hour AND (@inc = 1 OR is_anonymous = 0)")
      .pluck(),
    activeBetween: db
      .prepare(
        "SELECT COUNT(*) FROM users WHERE project_id = @projectId AND last_active_at_millis >= @since AND last_active_at_millis < @until AND (@inc = 1 OR is_anonymous = 0)",
      )
      .pluck(),
    recentlyRegistered: db
      .prepare("SELECT id FROM users WHERE project_id = @projectId AND (@inc = 1 OR is_anonymous = 0) ORDER BY signed_up_at_millis DESC, id DESC LIMIT 5")
      .pluck(),
    recentlyActive: db
      .prepare("SELECT id FROM users WHERE project_id = @projectId AND (@inc = 1 OR is_anonymous = 0) ORDER BY last_active_at_millis DESC, id DESC LIMIT 5")
      .pluck(),
    userTimes: db.prepare("SELECT signed_up_at_millis, last_active_at_millis FROM users WHERE project_id = ? AND id = ?"),
    userCounts: db.prepare("SELECT COALESCE(SUM(n), 0) AS total, COALESCE(SUM(n * is_anonymous), 0) AS anon FROM metrics_user_groups WHERE project_id = ?"),
  };
}
const S = statements(makeStatements);

/** The 31 UTC days from 30 days ago through today. */
function window(now: number) {
  const today = Math.floor(now / DAY) * DAY;
  const start = today - 30 * DAY;
  const dates = Array.from({ length: 31 }, (_, i) => new Date(start + i * DAY).toISOString().slice(0, 10));
  return { start, end: today + DAY, dates };
}

const zeros = (dates: string[]) => dates.map((date) => ({ date, activity: 0 }));

export function computeMetrics(db: DB, projectId: string, now: number, includeAnonymous: boolean) {
  const st = S(db);
  const inc = includeAnonymous ? 1 : 0;
  const { start, end, dates } = window(now);

  let totalUsers = 0;
  let anonymousUsers = 0;
  let password = 0;
  let otp = 0;
  let passkey = 0;
  const byCountry: Record<string, number> = {};
  for (const r of st.groups.all(projectId) as { anon: number; country: string; n: number; pw: number; otp: number; pk: number }[]) {
    if (r.anon) anonymousUsers += r.n;
    password += r.pw;
    otp += r.otp;
    passkey += r.pk;
    if (r.anon && !includeAnonymous) continue;
    totalUsers += r.n;
    if (r.country) byCountry[r.country] = (byCountry[r.country] ?? 0) + r.n;
  }
  const usersByCountry = Object.fromEntries(Object.entries(byCountry).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));

  const loginMethods: { method: string; count: number }[] = [];
  for (const r of st.signIns.all(projectId) as { method: string; n: number }[]) loginMethods.push({ method: r.method.toLowerCase(), count: r.n });
  if (password) loginMethods.push({ method: "password", count: password });
  if (passkey) loginMethods.push({ method: "passkey", count: passkey });
  if (otp) loginMethods.push({ method: "otp", count: otp });

  // Hourly buckets of the window, summed per UTC day.
  const perDay = (kind: 0 | 1) => {
    const n = new Array<number>(dates.length).fill(0);
    const fresh = new Array<number>(dates.length).fill(0);
    for (const r of st.hours.all({ projectId, kind, from: start / HOUR, to: end / HOUR, inc }) as { hour: number; n: number; fresh: number }[]) {
      const d = Math.floor((r.hour * HOUR - start) / DAY);
      n[d]! += r.n;
      fresh[d]! += r.fresh;
    }
    return { n, fresh };
  };
  const points = (counts: number[]) => dates.map((date, i) => ({ date, activity: counts[i]! }));
  const signups = perDay(0);
  const active = perDay(1);
  const dailyUsers = points(signups.n);
  const dailyActive = points(active.n);
  const dailyNew = points(active.fresh);
  const dailyRetained = dailyActive.map((p, i) => ({ date: p.date, activity: p.activity - dailyNew[i]!.activity }));

  // Active in the last 30 days: whole hours from the summary, the first partial hour from the users.
  const since = now - 30 * DAY;
  const sinceHour = Math.floor(since / HOUR);
  const mau =
    (st.activeAfterHour.get({ projectId, hour: sinceHour, inc }) as number) +
    (st.activeBetween.get({ projectId, since, until: (sinceHour + 1) * HOUR, inc }) as number);

  const verified = (st.count.get(projectId, "verified_emails") as number | undefined) ?? 0;
  const nonAnonymous = totalUsers - (includeAnonymous ? anonymousUsers : 0);
  const users = (ids: string[]) => ids.map((id) => getUserJson(db, projectId, id, "admin")).filter((u) => u !== undefined);

  return {
    total_users: totalUsers,
    daily_users: dailyUsers,
    daily_active_users: dailyActive,
    users_by_country: usersByCountry,
    recently_registered: users(st.recentlyRegistered.all({ projectId, inc }) as string[]),
    recently_active: users(st.recentlyActive.all({ projectId, inc }) as string[]),
    login_methods: loginMethods,
    auth_overview: {
      verified_users: verified,
      unverified_users: Math.max(0, nonAnonymous - verified),
      anonymous_users: anonymousUsers,
      total_teams: (st.count.get(projectId, "teams") as number | undefined) ?? 0,
      mau,
      daily_active_users_split: { total: dailyActive, new: dailyNew, retained: dailyRetained, reactivated: zeros(dates) },
      daily_active_teams_split: { total: zeros(dates), new: zeros(dates), retained: zeros(dates), reactivated: zeros(dates) },
      total_users_filtered: totalUsers,
    },
    payments_overview: {
      subscriptions_by_status: {},
      active_subscription_count: 0,
      total_one_time_purchases: 0,
      daily_subscriptions: zeros(dates),
      revenue_cents: 0,
      mrr_cents: 0,
      total_orders: 0,
      checkout_conversion_rate: 0,
    },
    email_overview: {
      emails_by_status: {},
      total_emails: 0,
      daily_emails: zeros(dates),
      daily_emails_by_status: dates.map((date) => ({ date, ok: 0, error: 0, in_progress: 0 })),
      emails_sent: 0,
      recent_emails: [],
      deliverability_status: { delivered: 0, bounced: 0, error: 0, in_progress: 0 },
      deliverability_rate: 0,
      bounce_rate: 0,
      click_rate: 0,
    },
    analytics_overview: {
      daily_page_views: zeros(dates),
      daily_clicks: zeros(dates),
      daily_visitors: zeros(dates),
      daily_revenue: dates.map((date) => ({ date, new_cents: 0, refund_cents: 0 })),
      total_revenue_cents: 0,
      total_replays: 0,
      recent_replays: 0,
      visitors: 0,
      avg_session_seconds: 0,
      online_live: 0,
      revenue_per_visitor: 0,
      top_referrers: [],
      top_region: null,
    },
  };
}

export const metricsModule: EmulatorModule = {
  name: "metrics",
  migrations,
  routes: [
    route({
      method: "GET",
      path: "/internal/metrics",
      access: ["admin"],
      query: z.strictObject({ include_anonymous: s.queryBool().optional() }),
      handler: ({ auth, query, services }) => computeMetrics(services.db, auth.projectId, services.now(), query.include_anonymous === true),
    }),
    route({
      method: "GET",
      path: "/internal/metrics/user-counts",
      access: ["admin"],
      handler: ({ auth, services }) => {
        const r = S(services.db).userCounts.get(auth.projectId) as { total: number; anon: number };
        return { total_users: r.total, anonymous_users: r.anon };
      },
    }),
    route({
      method: "GET",
      path: "/internal/user-activity",
      access: ["admin"],
      query: z.strictObject({ user_id: s.uuid() }),
      handler: ({ auth, query, services }) => {
        const u = S(services.db).userTimes.get(auth.projectId, query.user_id) as { signed_up_at_millis: number; last_active_at_millis: number } | undefined;
        if (!u) throw Errors.userNotFound();
        const { start, dates } = window(services.now());
        const counts = new Array<number>(dates.length).fill(0);
        for (const t of new Set([Math.floor((u.signed_up_at_millis - start) / DAY), Math.floor((u.last_active_at_millis - start) / DAY)])) {
          if (t >= 0 && t < dates.length) counts[t] = 1;
        }
        return { data_points: dates.map((date, i) => ({ date, activity: counts[i]! })) };
      },
    }),
  ],
};
