import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;
const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

type U = { signedUp: number; lastActive?: number; anon?: boolean; country?: string; password?: boolean; otp?: boolean; email?: string; verified?: boolean };
function insertUser(u: U) {
  const id = crypto.randomUUID();
  emu.db
    .prepare(
      "INSERT INTO users (id, project_id, signed_up_at_millis, last_active_at_millis, is_anonymous, country_code, password_hash, otp_auth_enabled, display_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .run(id, DEMO.projectId, u.signedUp, u.lastActive ?? u.signedUp, u.anon ? 1 : 0, u.country ?? null, u.password ? "hash" : null, u.otp ? 1 : 0, `User ${id.slice(0, 4)}`);
  if (u.email) {
    emu.db
      .prepare("INSERT INTO contact_channels (id, project_id, user_id, type, value, value_lower, is_primary, is_verified, used_for_auth, created_at_millis) VALUES (?, ?, ?, 'email', ?, ?, 1, ?, 1, ?)")
      .run(crypto.randomUUID(), DEMO.projectId, id, u.email, u.email.toLowerCase(), u.verified ? 1 : 0, u.signedUp);
  }
  return id;
}

let ids: Record<string, string> = {};
beforeAll(async () => {
  emu = await startTestEmulator();
  ids = {
    old: insertUser({ signedUp: today - 40 * DAY, lastActive: today + 1000, country: "DE", password: true, email: "old@example.com", verified: true }),
    a: insertUser({ signedUp: today - 2 * DAY + 5000, country: "DE", password: true, email: "a@example.com" }),
    b: insertUser({ signedUp: today + 2000, lastActive: today + 3000, country: "US", otp: true, email: "b@example.com", verified: true }),
    anon: insertUser({ signedUp: today + 4000, anon: true }),
  };
  const oauthUser = insertUser({ signedUp: today - 5 * DAY, email: "gh@example.com" });
  ids.gh = oauthUser;
  emu.db
    .prepare("INSERT INTO oauth_accounts (id, project_id, user_id, provider_config_id, type, account_id, created_at_millis) VALUES (?, ?, ?, 'github', 'github', '42', ?)")
    .run(crypto.randomUUID(), DEMO.projectId, oauthUser, today);
  emu.db.prepare("INSERT INTO teams (id, project_id, display_name, created_at_millis) VALUES (?, ?, 'T', ?)").run(crypto.randomUUID(), DEMO.projectId, today);
});
afterAll(() => emu.stop());

describe("GET /internal/metrics", () => {
  it("has every key of the real sample", async () => {
    const res = await emu.fetch("/internal/metrics");
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual([
      "total_users", "daily_users", "daily_active_users", "users_by_country", "recently_registered", "recently_active",
      "login_methods", "auth_overview", "payments_overview", "email_overview", "analytics_overview",
    ]);
    expect(Object.keys(res.body.auth_overview)).toEqual([
      "verified_users", "unverified_users", "anonymous_users", "total_teams", "mau", "daily_active_users_split", "daily_active_teams_split", "total_users_filtered",
    ]);
    expect(Object.keys(res.body.payments_overview)).toEqual(["subscriptions_by_status", "active_subscription_count", "total_one_time_purchases", "daily_subscriptions", "revenue_cents", "mrr_cents", "total_orders", "checkout_conversion_rate"]);
    expect(Object.keys(res.body.email_overview)).toEqual(["emails_by_status", "total_emails", "daily_emails", "daily_emails_by_status", "emails_sent", "recent_emails", "deliverability_status", "deliverability_rate", "bounce_rate", "click_rate"]);
    expect(Object.keys(res.body.analytics_overview)).toEqual([
      "daily_page_views", "daily_clicks", "daily_visitors", "daily_revenue", "total_revenue_cents", "total_replays", "recent_replays", "visitors",
      "avg_session_seconds", "online_live", "revenue_per_visitor", "top_referrers", "top_region",
    ]);
    expect(res.body.analytics_overview.top_region).toBeNull();
  });

  it("computes totals, 31 daily points (UTC) and breakdowns from the store", async () => {
    const m = (await emu.fetch("/internal/metrics")).body;
    expect(m.total_users).toBe(4); // anonymous excluded
    expect(m.daily_users).toHaveLength(31);
    expect(m.daily_users[0].date).toBe(iso(today - 30 * DAY));
    expect(m.daily_users[30]).toEqual({ date: iso(today), activity: 1 });
    expect(m.daily_users[28]).toEqual({ date: iso(today - 2 * DAY), activity: 1 });
    expect(m.daily_users[25]).toEqual({ date: iso(today - 5 * DAY), activity: 1 });
    expect(m.daily_users.reduce((n: number, p: { activity: number }) => n + p.activity, 0)).toBe(3); // "old" is outside the window
    expect(m.daily_active_users[30]).toEqual({ date: iso(today), activity: 2 }); // old + b
    expect(m.users_by_country).toEqual({ DE: 2, US: 1 });
    expect(m.login_methods).toEqual(expect.arrayContaining([{ method: "password", count: 2 }, { method: "otp", count: 1 }, { method: "github", count: 1 }]));
    expect(m.login_methods).toHaveLength(3);
    expect(m.auth_overview).toMatchObject({ verified_users: 2, unverified_users: 2, anonymous_users: 1, total_teams: 1, total_users_filtered: 4 });
    expect(m.auth_overview.daily_active_users_split.total[30].activity).toBe(2);
    expect(m.auth_overview.daily_active_users_split.new[30].activity).toBe(1); // b signed up today
  });

  it("recently_registered / recently_active are full user objects, newest first, at most 5", async () => {
    const m = (await emu.fetch("/internal/metrics")).body;
    expect(m.recently_registered.map((u: { id: string }) => u.id)).toEqual([ids.b, ids.a, ids.gh, ids.old]);
    expect(m.recently_active[0].id).toBe(ids.b);
    const u = m.recently_registered[0];
    for (const k of ["id", "display_name", "primary_email", "profile_image_url", "signed_up_at_millis", "last_active_at_millis", "risk_scores", "oauth_providers"]) {
      expect(u).toHaveProperty(k);
    }
    expect(u.primary_email).toBe("b@example.com");
  });

  it("include_anonymous=true counts anonymous users; only true/false accepted", async () => {
    const m = (await emu.fetch("/internal/metrics?include_anonymous=true")).body;
    expect(m.total_users).toBe(5);
    expect(m.daily_users[30].activity).toBe(2);
    expect(m.recently_registered[0].id).toBe(ids.anon);
    expectKnownError(await emu.fetch("/internal/metrics?include_anonymous=yes"), "SCHEMA_ERROR", 400);
    expectKnownError(await emu.fetch("/internal/metrics?foo=1"), "SCHEMA_ERROR", 400);
    expectKnownError(await emu.fetch("/internal/metrics", { accessType: "server" }), "INSUFFICIENT_ACCESS_TYPE", 401);
  });

  it("user-counts and user-activity", async () => {
    expect((await emu.fetch("/internal/metrics/user-counts")).body).toEqual({ total_users: 5, anonymous_users: 1 });
    const act = await emu.fetch(`/internal/user-activity?user_id=${ids.a}`);
    expect(act.status).toBe(200);
    expect(act.body.data_points).toHaveLength(31);
    expect(act.body.data_points[28]).toEqual({ date: iso(today - 2 * DAY), activity: 1 });
    expectKnownError(await emu.fetch(`/internal/user-activity?user_id=${crypto.randomUUID()}`), "USER_NOT_FOUND", 404);
    expectKnownError(await emu.fetch("/internal/user-activity"), "SCHEMA_ERROR", 400);
  });

  // Its speed is measured by `npm run bench:emulator` (metrics row), not asserted here: timings on
  // a shared 2-core machine are noise, correctness at this size is not.
  it("aggregates 100k users", async () => {
    const projectId = DEMO.projectId;
    const ins = emu.db.prepare(
      "INSERT INTO users (id, project_id, signed_up_at_millis, last_active_at_millis, is_anonymous, country_code, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    const countries = ["US", "DE", "FR", "GB", "JP", null];
    emu.db.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        const t = today - (i % 400) * DAY - (i % 1000);
        ins.run(crypto.randomUUID(), projectId, t, t + (i % 7) * DAY, i % 50 === 0 ? 1 : 0, countries[i % countries.length], i % 3 ? "h" : null);
      }
    })();
    emu.db.exec("ANALYZE");
    // The insert blocks the event loop for seconds (longer than the server's 5 s keep-alive under
    // load): let the server drop idle sockets first, or the first fetch reuses one and gets ECONNRESET.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const res = await emu.fetch("/internal/metrics");
    expect(res.status).toBe(200);
    expect(res.body.total_users).toBeGreaterThan(98_000);
    expect(res.body.daily_users).toHaveLength(31);
    expect(res.body.users_by_country.US).toBeGreaterThan(16_000);
  }, 60_000);
});
