import { z } from "zod";
import { statements, type DB } from "../db";
import { Errors } from "../errors";
import { route, type EmulatorModule } from "../router";
import { s } from "../validation";
import { getUserJson } from "./users";

// Dashboard metrics (GET /internal/metrics, with every key a real 2.8.86 server sends).
// Everything the emulator knows is aggregated with indexed SQL (one pass per series);
// payments/e-mail delivery/analytics series are zeros with every key present.
// Daily active users: the emulator keeps only `last_active_at_millis` per user, so a user
// counts as active on the day of their last activity.

const DAY = 86_400_000;

const migrations = [
  {
    id: "metrics-0001-indexes",
    sql: `
CREATE INDEX metrics_users_breakdown ON users(project_id, is_anonymous, country_code, otp_auth_enabled, passkey_auth_enabled, (password_hash IS NOT NULL));
CREATE INDEX metrics_contact_channels_primary ON contact_channels(project_id, type, is_verified) WHERE is_primary = 1;
CREATE INDEX metrics_oauth_accounts_project ON oauth_accounts(project_id, allow_sign_in, provider_config_id);`,
  },
];

function makeStatements(db: DB) {
  return {
    breakdown: db.prepare(
      `SELECT is_anonymous AS anon, country_code AS country, COUNT(*) AS n,
              SUM(password_hash IS NOT NULL) AS pw, SUM(otp_auth_enabled) AS otp, SUM(passkey_auth_enabled) AS pk
       FROM users INDEXED BY metrics_users_breakdown WHERE project_id = ? GROUP BY is_anonymous, country_code`,
    ),
    verified: db
      .prepare("SELECT COUNT(*) FROM contact_channels WHERE project_id = ? AND type = 'email' AND is_primary = 1 AND is_verified = 1")
      .pluck(),
    oauth: db.prepare(
      "SELECT provider_config_id AS method, COUNT(*) AS n FROM oauth_accounts WHERE project_id = ? AND allow_sign_in = 1 GROUP BY provider_config_id",
    ),
    teams: db.prepare("SELECT COUNT(*) FROM teams WHERE project_id = ?").pluck(),
    signups: db.prepare(
      `SELECT CAST((signed_up_at_millis - @start) / ${DAY} AS INTEGER) AS d, COUNT(*) AS n FROM users
       WHERE project_id = @projectId AND signed_up_at_millis >= @start AND signed_up_at_millis < @end AND (@inc = 1 OR is_anonymous = 0) GROUP BY d`,
    ),
    active: db.prepare(
      `SELECT CAST((last_active_at_millis - @start) / ${DAY} AS INTEGER) AS d, COUNT(*) AS n,
              SUM(CAST((signed_up_at_millis - @start) / ${DAY} AS INTEGER) = CAST((last_active_at_millis - @start) / ${DAY} AS INTEGER) AND signed_up_at_millis >= @start) AS fresh
       FROM users WHERE project_id = @projectId AND last_active_at_millis >= @start AND last_active_at_millis < @end AND (@inc = 1 OR is_anonymous = 0) GROUP BY d`,
    ),
    mau: db.prepare(
      "SELECT COUNT(*) FROM users WHERE project_id = @projectId AND last_active_at_millis >= @since AND (@inc = 1 OR is_anonymous = 0)",
    ).pluck(),
    recentlyRegistered: db
      .prepare("SELECT id FROM users WHERE project_id = @projectId AND (@inc = 1 OR is_anonymous = 0) ORDER BY signed_up_at_millis DESC, id DESC LIMIT 5")
      .pluck(),
    recentlyActive: db
      .prepare("SELECT id FROM users WHERE project_id = @projectId AND (@inc = 1 OR is_anonymous = 0) ORDER BY last_active_at_millis DESC, id DESC LIMIT 5")
      .pluck(),
    userTimes: db.prepare("SELECT signed_up_at_millis, last_active_at_millis FROM users WHERE project_id = ? AND id = ?"),
    userCounts: db.prepare("SELECT COUNT(*) AS total, COALESCE(SUM(is_anonymous), 0) AS anon FROM users INDEXED BY metrics_users_breakdown WHERE project_id = ?"),
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
const series = (dates: string[], rows: { d: number; n: number }[]) => {
  const counts = new Array<number>(dates.length).fill(0);
  for (const r of rows) if (r.d >= 0 && r.d < dates.length) counts[r.d] = r.n;
  return dates.map((date, i) => ({ date, activity: counts[i]! }));
};

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
  for (const r of st.breakdown.all(projectId) as { anon: number; country: string | null; n: number; pw: number; otp: number; pk: number }[]) {
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
  for (const r of st.oauth.all(projectId) as { method: string; n: number }[]) loginMethods.push({ method: r.method.toLowerCase(), count: r.n });
  if (password) loginMethods.push({ method: "password", count: password });
  if (passkey) loginMethods.push({ method: "passkey", count: passkey });
  if (otp) loginMethods.push({ method: "otp", count: otp });

  const dailyUsers = series(dates, st.signups.all({ projectId, start, end, inc }) as { d: number; n: number }[]);
  const activeRows = st.active.all({ projectId, start, end, inc }) as { d: number; n: number; fresh: number }[];
  const dailyActive = series(dates, activeRows);
  const dailyNew = series(dates, activeRows.map((r) => ({ d: r.d, n: r.fresh })));
  const dailyRetained = dailyActive.map((p, i) => ({ date: p.date, activity: p.activity - dailyNew[i]!.activity }));

  const verified = st.verified.get(projectId) as number;
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
      total_teams: st.teams.get(projectId) as number,
      mau: st.mau.get({ projectId, since: now - 30 * DAY, inc }) as number,
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
