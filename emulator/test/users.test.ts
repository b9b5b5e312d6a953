import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessTokenFor } from "./fixtures";
import { DEMO, expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const SERVER_FIELDS = [
  "id", "display_name", "primary_email", "primary_email_verified", "primary_email_auth_enabled", "profile_image_url",
  "signed_up_at_millis", "client_metadata", "client_read_only_metadata", "server_metadata", "has_password", "otp_auth_enabled",
  "auth_with_email", "requires_totp_mfa", "passkey_auth_enabled", "oauth_providers", "selected_team_id", "selected_team",
  "last_active_at_millis", "is_anonymous", "is_restricted", "restricted_reason", "restricted_by_admin", "restricted_by_admin_reason",
  "restricted_by_admin_private_details", "country_code", "risk_scores",
];
const CLIENT_FIELDS = [
  "id", "primary_email", "primary_email_verified", "display_name", "client_metadata", "client_read_only_metadata", "profile_image_url",
  "signed_up_at_millis", "has_password", "auth_with_email", "oauth_providers", "selected_team_id", "requires_totp_mfa", "otp_auth_enabled",
  "passkey_auth_enabled", "is_anonymous", "is_restricted", "restricted_reason", "restricted_by_admin", "restricted_by_admin_reason",
  "selected_team",
];

let n = 0;
const uniqueEmail = (p = "user") => `${p}-${Date.now()}-${n++}@example.com`;

function setConfig(mutate: (cfg: any) => void) {
  const raw = emu.db.prepare("SELECT config_json FROM projects WHERE id = ?").pluck().get(DEMO.projectId) as string;
  const cfg = JSON.parse(raw);
  mutate(cfg);
  emu.db.prepare("UPDATE projects SET config_json = ? WHERE id = ?").run(JSON.stringify(cfg), DEMO.projectId);
}

async function createUser(body: Record<string, unknown> = {}) {
  const res = await emu.fetch("/users", { method: "POST", body });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function outbox(kind = "webhook") {
  const r = await fetch(`${emu.url}/__emulator/outbox?kind=${kind}`);
  return ((await r.json()) as { items: { payload: any }[] }).items.map((i) => i.payload);
}

describe("POST /users", () => {
  it("creates a user with the exact server read shape, field order included (real sample)", async () => {
    const email = uniqueEmail("Sample");
    const res = await emu.fetch("/users", {
      method: "POST",
      body: { primary_email: email, primary_email_auth_enabled: true, password: "hunter22", display_name: "Sample user" },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(SERVER_FIELDS);
    expect(res.body).toMatchObject({
      display_name: "Sample user",
      primary_email: email.toLowerCase(),
      primary_email_verified: false,
      primary_email_auth_enabled: true,
      has_password: true,
      otp_auth_enabled: false,
      auth_with_email: true,
      requires_totp_mfa: false,
      oauth_providers: [],
      selected_team_id: null,
      selected_team: null,
      is_anonymous: false,
      is_restricted: false,
      restricted_reason: null,
      country_code: null,
      risk_scores: { sign_up: { bot: 0, free_trial_abuse: 0 } },
      client_metadata: null,
      server_metadata: null,
    });
    expect(res.body.last_active_at_millis).toBe(res.body.signed_up_at_millis);
    // compact JSON
    expect(res.text.startsWith('{"id":')).toBe(true);
    const get = await emu.fetch(`/users/${res.body.id}`);
    expect(get.status).toBe(200);
    expect(get.body).toEqual(res.body);
    // contact channel stored (visible in the DB the contact-channel endpoints read)
    const ch = emu.db.prepare("SELECT is_primary, used_for_auth, value FROM contact_channels WHERE user_id = ?").all(res.body.id);
    expect(ch).toEqual([{ is_primary: 1, used_for_auth: 1, value: email.toLowerCase() }]);
  });

  it("works with server access too and hashes the password (never stored in clear)", async () => {
    const res = await emu.fetch("/users", { method: "POST", accessType: "server", body: { primary_email: uniqueEmail(), password: "secret-pw" } });
    expect(res.status).toBe(201);
    const hash = emu.db.prepare("SELECT password_hash FROM users WHERE id = ?").pluck().get(res.body.id) as string;
    expect(hash).toMatch(/^\$scrypt\$/);
    expect(hash).not.toContain("secret-pw");
  });

  it("rejects client access with INSUFFICIENT_ACCESS_TYPE", async () => {
    const res = await emu.fetch("/users", { method: "POST", accessType: "client", body: {} });
    const err = expectKnownError(res, "INSUFFICIENT_ACCESS_TYPE", 401);
    expect(err.details).toEqual({ actual_access_type: "client", allowed_access_types: ["server", "admin"] });
  });

  it("accepts an empty body and stores empty display_name as null", async () => {
    const u = await createUser({ display_name: "" });
    expect(u.display_name).toBeNull();
    expect(u.primary_email).toBeNull();
    expect(u.auth_with_email).toBe(false);
  });

  it("stores metadata of any JSON type, country code normalised, risk scores, totp", async () => {
    const u = await createUser({
      client_metadata: [1, "two"],
      client_read_only_metadata: "plain",
      server_metadata: { nested: { a: 1 } },
      country_code: " us ",
      risk_scores: { sign_up: { bot: 12, free_trial_abuse: 100 } },
      totp_secret_base64: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    });
    expect(u.client_metadata).toEqual([1, "two"]);
    expect(u.client_read_only_metadata).toBe("plain");
    expect(u.server_metadata).toEqual({ nested: { a: 1 } });
    expect(u.country_code).toBe("US");
    expect(u.risk_scores).toEqual({ sign_up: { bot: 12, free_trial_abuse: 100 } });
    expect(u.requires_totp_mfa).toBe(true);
  });

  it("validates fields with SCHEMA_ERROR texts", async () => {
    const res = await emu.fetch("/users", {
      method: "POST",
      body: { primary_email: "not-an-email", country_code: "usa", risk_scores: { sign_up: { bot: 101, free_trial_abuse: 0 } }, selected_team_id: crypto.randomUUID() },
    });
    const err = expectKnownError(res, "SCHEMA_ERROR", 400);
    expect(err.error).toContain("Request validation failed on POST /api/v1/users:");
    expect(err.error).toContain("body.primary_email must be a valid email");
    expect(err.error).toContain("body.country_code must be a 2-letter country code");
    expect(err.error).toContain("body.risk_scores.sign_up.bot must be less than or equal to 100");
    expect(err.error).toContain("body contains unknown properties: selected_team_id");
    expect(err.details).toEqual({ message: err.error });
    expectKnownError(await emu.fetch("/users", { method: "POST", body: { display_name: "x".repeat(257) } }), "SCHEMA_ERROR", 400);
    expectKnownError(await emu.fetch("/users", { method: "POST", body: { password: "x".repeat(71) } }), "SCHEMA_ERROR", 400);
    expectKnownError(await emu.fetch("/users", { method: "POST", body: { password_hash: "" } }), "SCHEMA_ERROR", 400);
    expectKnownError(await emu.fetch("/users", { method: "POST", body: { totp_secret_base64: "not base64!" } }), "SCHEMA_ERROR", 400);
    expectKnownError(await emu.fetch("/users", { method: "POST", body: { risk_scores: { sign_up: { bot: 1 } } } }), "SCHEMA_ERROR", 400);
  });

  it("answers 400 text for the business rules of user creation", async () => {
    const cases: Record<string, unknown>[] = [
      { primary_email_verified: true },
      { primary_email_auth_enabled: true },
      { primary_email: uniqueEmail(), password: "a", password_hash: "$2a$10$VIhIOofSMqGdGlL4wzE//e.77dAQGqNtF/1dT7bqCrVtQuInWy2qi" },
      { password_hash: "plain-not-mcf" },
      { otp_auth_enabled: true }, // magic link disabled by default
      { oauth_providers: [{ id: "nope", account_id: "1" }] },
      { restricted_by_admin_reason: "why" },
      { restricted_by_admin: false, restricted_by_admin_private_details: "x" },
    ];
    const before = emu.db.prepare("SELECT COUNT(*) FROM users").pluck().get();
    for (const body of cases) {
      const res = await emu.fetch("/users", { method: "POST", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(res.headers.get("x-stack-known-error")).toBeNull();
    }
    expect(emu.db.prepare("SELECT COUNT(*) FROM users").pluck().get()).toBe(before);
  });

  it("password needs credential sign-in; otp needs magic link", async () => {
    setConfig((c) => (c.auth.password.allowSignIn = false));
    try {
      const res = await emu.fetch("/users", { method: "POST", body: { primary_email: uniqueEmail(), password: "pw" } });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    } finally {
      setConfig((c) => (c.auth.password.allowSignIn = true));
    }
    setConfig((c) => (c.auth.otp.allowSignIn = true));
    try {
      const u = await createUser({ primary_email: uniqueEmail(), otp_auth_enabled: true });
      expect(u.otp_auth_enabled).toBe(true);
      expect(u.auth_with_email).toBe(true);
      expect(u.has_password).toBe(false);
    } finally {
      setConfig((c) => (c.auth.otp.allowSignIn = false));
    }
  });

  it("imports a bcrypt hash", async () => {
    const u = await createUser({ primary_email: uniqueEmail(), password_hash: "$2a$10$VIhIOofSMqGdGlL4wzE//e.77dAQGqNtF/1dT7bqCrVtQuInWy2qi" });
    expect(u.has_password).toBe(true);
  });

  it("returns 409 CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE for a taken sign-in e-mail", async () => {
    const email = uniqueEmail();
    await createUser({ primary_email: email, primary_email_auth_enabled: true });
    const res = await emu.fetch("/users", { method: "POST", body: { primary_email: email.toUpperCase(), primary_email_auth_enabled: true } });
    const err = expectKnownError(res, "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE", 409);
    expect(err.details).toEqual({ type: "email", contact_channel_value: email.toLowerCase(), would_work_if_email_was_verified: false });
    // without auth the same address is fine
    const other = await createUser({ primary_email: email });
    expect(other.primary_email_auth_enabled).toBe(false);
  });

  it("links OAuth providers that exist in the project config", async () => {
    setConfig((c) => (c.auth.oauth.providers = { github: { type: "github", isShared: true, allowSignIn: true, allowConnectedAccounts: true } }));
    const u = await createUser({ oauth_providers: [{ id: "github", account_id: "583231", email: "g@example.com" }, { id: "github", account_id: "9" }] });
    expect(u.oauth_providers).toEqual([
      { id: "github", account_id: "583231", email: "g@example.com" },
      { id: "github", account_id: "9", email: null },
    ]);
    const dup = await emu.fetch("/users", { method: "POST", body: { oauth_providers: [{ id: "github", account_id: "583231" }] } });
    expectKnownError(dup, "OAUTH_PROVIDER_ACCOUNT_ID_ALREADY_USED_FOR_SIGN_IN", 400);
  });

  it("creates anonymous and admin-restricted users with the right restricted_reason", async () => {
    const anon = await createUser({ is_anonymous: true });
    expect(anon).toMatchObject({ is_anonymous: true, is_restricted: true, restricted_reason: { type: "anonymous" } });
    const r = await createUser({ restricted_by_admin: true, restricted_by_admin_reason: "Payment overdue", restricted_by_admin_private_details: "ticket 7" });
    expect(r).toMatchObject({
      is_restricted: true,
      restricted_reason: { type: "restricted_by_administrator" },
      restricted_by_admin: true,
      restricted_by_admin_reason: "Payment overdue",
      restricted_by_admin_private_details: "ticket 7",
    });
    // anonymous takes precedence over admin restriction
    const both = await createUser({ is_anonymous: true, restricted_by_admin: true });
    expect(both.restricted_reason).toEqual({ type: "anonymous" });
  });

  it("email_not_verified restriction only when the project requires verification", async () => {
    const u = await createUser({ primary_email: uniqueEmail() });
    expect(u.is_restricted).toBe(false);
    setConfig((c) => (c.onboarding.requireEmailVerification = true));
    try {
      const again = (await emu.fetch(`/users/${u.id}`)).body;
      expect(again.restricted_reason).toEqual({ type: "email_not_verified" });
      const verified = await createUser({ primary_email: uniqueEmail(), primary_email_verified: true });
      expect(verified.is_restricted).toBe(false);
    } finally {
      setConfig((c) => (c.onboarding.requireEmailVerification = false));
    }
  });

  it("creates and selects a personal team with creator permissions when enabled, and grants sign-up permissions", async () => {
    emu.db
      .prepare("INSERT OR IGNORE INTO permission_definitions (project_id, scope, id, description, contained_json, created_at_millis) VALUES (?, 'project', 'beta_tester', '', '[]', 0)")
      .run(DEMO.projectId);
    setConfig((c) => {
      c.teams.createPersonalTeamOnSignUp = true;
      c.rbac.defaultPermissions.signUp = { beta_tester: true };
    });
    try {
      const u = await createUser({ display_name: "Linus", primary_email: uniqueEmail() });
      expect(u.selected_team).toMatchObject({ display_name: "Linus's Team", profile_image_url: null, client_metadata: null, server_metadata: null });
      expect(Object.keys(u.selected_team)).toEqual(["id", "display_name", "profile_image_url", "created_at_millis", "client_metadata", "client_read_only_metadata", "server_metadata"]);
      expect(u.selected_team_id).toBe(u.selected_team.id);
      const perms = emu.db.prepare("SELECT permission_id FROM team_permissions WHERE user_id = ?").pluck().all(u.id);
      expect(perms).toEqual(["team_admin"]);
      const pp = emu.db.prepare("SELECT permission_id FROM project_permissions WHERE user_id = ?").pluck().all(u.id);
      expect(pp).toEqual(["beta_tester"]);
      const emailOnly = await createUser({ primary_email: "solo@example.com" });
      expect(emailOnly.selected_team.display_name).toBe("solo@example.com's Team");
      const none = await createUser({});
      expect(none.selected_team.display_name).toBe("Personal Team");
      // the personal team is made by the shared team creation: all its webhooks, after user.created
      const events = (await outbox()).filter((e) => JSON.stringify(e.data).includes(u.id) || e.data?.id === u.selected_team_id);
      expect(events.map((e) => e.type)).toEqual(["user.created", "team.created", "team_membership.created", "team_permission.created"]);
      expect(events[3].data).toEqual({ id: "team_admin", user_id: u.id, team_id: u.selected_team_id });
      // members listing through the users endpoint
      const members = await emu.fetch(`/users?team_id=${u.selected_team_id}`);
      expect(members.body.items.map((x: any) => x.id)).toEqual([u.id]);
    } finally {
      setConfig((c) => {
        c.teams.createPersonalTeamOnSignUp = false;
        c.rbac.defaultPermissions.signUp = {};
      });
    }
  });

  it("records user.created webhooks with the server shape", async () => {
    const u = await createUser({ display_name: "Hooked", server_metadata: { s: 1 } });
    const events = await outbox();
    const ev = events.find((e) => e.type === "user.created" && e.data.id === u.id);
    expect(ev.data).toEqual(u);
  });

  it("50 parallel creates with the same sign-in e-mail give exactly one user and 49 × 409", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      Array.from({ length: 50 }, () => emu.fetch("/users", { method: "POST", body: { primary_email: email, primary_email_auth_enabled: true, password: "pw" } })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const conflicts = results.filter((r) => r.status === 409);
    expect(conflicts).toHaveLength(49);
    for (const c of conflicts) expectKnownError(c, "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE", 409);
    const owners = emu.db.prepare("SELECT user_id FROM contact_channels WHERE value_lower = ?").pluck().all(email);
    expect(owners).toHaveLength(1);
    // nothing half-written: no user rows without the channel
    const orphans = emu.db
      .prepare("SELECT COUNT(*) FROM users u WHERE u.search_text LIKE ? AND NOT EXISTS (SELECT 1 FROM contact_channels c WHERE c.user_id = u.id)")
      .pluck()
      .get(`%${email}%`);
    expect(orphans).toBe(0);
  });
});

describe("GET /users/{id}", () => {
  it("404 USER_NOT_FOUND for an unknown id, SCHEMA_ERROR for a non-UUID", async () => {
    const res = await emu.fetch(`/users/${crypto.randomUUID()}`);
    expect(expectKnownError(res, "USER_NOT_FOUND", 404).details).toBeUndefined();
    expect(res.body).toEqual({ code: "USER_NOT_FOUND", error: "User not found." });
    const bad = await emu.fetch("/users/not-a-uuid");
    expect(expectKnownError(bad, "SCHEMA_ERROR", 400).error).toContain("params.user_id must be a valid UUID");
  });

  it("rejects unknown query params", async () => {
    const u = await createUser();
    const res = await emu.fetch(`/users/${u.id}?foo=1`);
    expect(expectKnownError(res, "SCHEMA_ERROR", 400).error).toContain("query contains unknown properties: foo");
  });

  it("does not see users of another project", async () => {
    const otherProject = crypto.randomUUID();
    emu.db.prepare("INSERT INTO projects (id, display_name, created_at_millis, config_json) VALUES (?, 'other', 0, '{}')").run(otherProject);
    const id = crypto.randomUUID();
    emu.db.prepare("INSERT INTO users (id, project_id, signed_up_at_millis, last_active_at_millis) VALUES (?, ?, 0, 0)").run(id, otherProject);
    expectKnownError(await emu.fetch(`/users/${id}`), "USER_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/users/${id}`, { method: "PATCH", body: {} }), "USER_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/users/${id}`, { method: "DELETE" }), "USER_NOT_FOUND", 404);
  });
});

describe("/users/me", () => {
  it("needs a user token (CANNOT_GET_OWN_USER_WITHOUT_USER)", async () => {
    expectKnownError(await emu.fetch("/users/me", { accessType: "client" }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
    expectKnownError(await emu.fetch("/users/me", { accessType: "admin" }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
  });

  it("client gets the client read shape; server the server shape", async () => {
    const u = await createUser({ primary_email: uniqueEmail(), server_metadata: { secret: 1 }, restricted_by_admin: false });
    const token = await accessTokenFor(emu, u.id);
    const c = await emu.fetch("/users/me", { accessType: "client", headers: { "x-stack-access-token": token } });
    expect(c.status).toBe(200);
    expect(Object.keys(c.body)).toEqual(CLIENT_FIELDS);
    expect(c.body).not.toHaveProperty("server_metadata");
    const s = await emu.fetch("/users/me", { accessType: "server", headers: { "x-stack-access-token": token } });
    expect(Object.keys(s.body)).toEqual(SERVER_FIELDS);
    expect(s.body.server_metadata).toEqual({ secret: 1 });
  });

  it("client PATCH accepts only the client subset", async () => {
    const u = await createUser({ primary_email: uniqueEmail() });
    const token = await accessTokenFor(emu, u.id);
    const h = { "x-stack-access-token": token };
    const ok = await emu.fetch("/users/me", { method: "PATCH", accessType: "client", headers: h, body: { display_name: "Me", client_metadata: { theme: "dark" } } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ display_name: "Me", client_metadata: { theme: "dark" } });
    expect(Object.keys(ok.body)).toEqual(CLIENT_FIELDS);
    const bad = await emu.fetch("/users/me", { method: "PATCH", accessType: "client", headers: h, body: { server_metadata: {}, client_read_only_metadata: {} } });
    expect(expectKnownError(bad, "SCHEMA_ERROR", 400).error).toContain("body contains unknown properties: server_metadata, client_read_only_metadata");
    const img = await emu.fetch("/users/me", { method: "PATCH", accessType: "client", headers: h, body: { profile_image_url: "https://example.com/a.png" } });
    expectKnownError(img, "SCHEMA_ERROR", 400);
    // server with a token can PATCH everything
    const srv = await emu.fetch("/users/me", { method: "PATCH", accessType: "server", headers: h, body: { server_metadata: { x: 1 } } });
    expect(srv.body.server_metadata).toEqual({ x: 1 });
  });

  it("client DELETE needs users.allowClientUserDeletion", async () => {
    const u = await createUser();
    const token = await accessTokenFor(emu, u.id);
    const h = { "x-stack-access-token": token };
    const denied = await emu.fetch("/users/me", { method: "DELETE", accessType: "client", headers: h });
    expect(denied.status).toBe(400);
    expect(denied.headers.get("content-type")).toMatch(/^text\/plain/);
    setConfig((c) => (c.users.allowClientUserDeletion = true));
    try {
      const ok = await emu.fetch("/users/me", { method: "DELETE", accessType: "client", headers: h, body: {} });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ success: true });
      expectKnownError(await emu.fetch(`/users/${u.id}`), "USER_NOT_FOUND", 404);
    } finally {
      setConfig((c) => (c.users.allowClientUserDeletion = false));
    }
  });

  it("client cannot use /users/{id} (S,A only)", async () => {
    const u = await createUser();
    const token = await accessTokenFor(emu, u.id);
    expectKnownError(await emu.fetch(`/users/${u.id}`, { accessType: "client", headers: { "x-stack-access-token": token } }), "INSUFFICIENT_ACCESS_TYPE", 401);
  });
});

describe("PATCH /users/{id}", () => {
  it("replaces fields, null clears, omitted stays", async () => {
    const u = await createUser({ display_name: "A", client_metadata: { a: 1 }, server_metadata: { keep: true }, profile_image_url: "https://example.com/p.png" });
    const res = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { display_name: "B", client_metadata: { b: 2 }, profile_image_url: null } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(SERVER_FIELDS);
    expect(res.body).toMatchObject({ display_name: "B", client_metadata: { b: 2 }, server_metadata: { keep: true }, profile_image_url: null });
    const cleared = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { display_name: null, server_metadata: null } });
    expect(cleared.body).toMatchObject({ display_name: null, server_metadata: null, client_metadata: { b: 2 } });
    expect((await emu.fetch(`/users/${u.id}`)).body).toEqual(cleared.body);
  });

  it("changing primary_email demotes the old channel (kept) and creates a new primary", async () => {
    const old = uniqueEmail("linus");
    const u = await createUser({ primary_email: old, primary_email_verified: true, primary_email_auth_enabled: true, password: "pw" });
    const next = uniqueEmail("linus-new");
    const res = await emu.fetch(`/users/${u.id}`, {
      method: "PATCH",
      body: { display_name: "Linus T.", client_read_only_metadata: { plan: "team" }, primary_email: next, primary_email_verified: false, restricted_by_admin: true, restricted_by_admin_reason: "Payment overdue" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      primary_email: next,
      primary_email_verified: false,
      primary_email_auth_enabled: true,
      display_name: "Linus T.",
      client_read_only_metadata: { plan: "team" },
      is_restricted: true,
      restricted_reason: { type: "restricted_by_administrator" },
      restricted_by_admin: true,
      restricted_by_admin_reason: "Payment overdue",
      restricted_by_admin_private_details: null,
    });
    const channels = emu.db.prepare("SELECT value, is_primary, is_verified FROM contact_channels WHERE user_id = ? ORDER BY created_at_millis, is_primary").all(u.id);
    expect(channels).toEqual(
      expect.arrayContaining([
        { value: old, is_primary: 0, is_verified: 1 },
        { value: next, is_primary: 1, is_verified: 0 },
      ]),
    );
    // now hidden from the default list, visible with include_restricted
    const list = await emu.fetch(`/users?query=${encodeURIComponent(next)}`);
    expect(list.body.items).toEqual([]);
    const list2 = await emu.fetch(`/users?include_restricted=true&query=${encodeURIComponent(next)}`);
    expect(list2.body.items.map((x: any) => x.id)).toEqual([u.id]);
    // the old address is still searchable (any contact channel)
    const byOld = await emu.fetch(`/users?include_restricted=true&query=${encodeURIComponent(old)}`);
    expect(byOld.body.items.map((x: any) => x.id)).toEqual([u.id]);
    // switching back promotes the existing channel and keeps its verification
    const back = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { primary_email: old } });
    expect(back.body).toMatchObject({ primary_email: old, primary_email_verified: true });
    expect(emu.db.prepare("SELECT COUNT(*) FROM contact_channels WHERE user_id = ?").pluck().get(u.id)).toBe(2);
  });

  it("primary_email null demotes every channel without deleting", async () => {
    const u = await createUser({ primary_email: uniqueEmail(), primary_email_verified: true, primary_email_auth_enabled: true });
    const res = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { primary_email: null } });
    expect(res.body).toMatchObject({ primary_email: null, primary_email_verified: false, primary_email_auth_enabled: false });
    expect(emu.db.prepare("SELECT is_primary FROM contact_channels WHERE user_id = ?").pluck().all(u.id)).toEqual([0]);
  });

  it("primary_email_verified / auth_enabled toggle the primary channel; auth uniqueness → 409", async () => {
    const email = uniqueEmail();
    const a = await createUser({ primary_email: email, primary_email_auth_enabled: true });
    const b = await createUser({ primary_email: email });
    const conflict = await emu.fetch(`/users/${b.id}`, { method: "PATCH", body: { primary_email_auth_enabled: true } });
    expectKnownError(conflict, "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE", 409);
    const conflict2 = await emu.fetch(`/users/${b.id}`, { method: "PATCH", body: { primary_email: uniqueEmail(), display_name: "x" } });
    expect(conflict2.status).toBe(200);
    const takeover = await emu.fetch(`/users/${conflict2.body.id}`, { method: "PATCH", body: { primary_email: email, primary_email_auth_enabled: true, display_name: "should not stick" } });
    expectKnownError(takeover, "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE", 409);
    expect((await emu.fetch(`/users/${b.id}`)).body.display_name).toBe("x"); // transaction rolled back
    const v = await emu.fetch(`/users/${a.id}`, { method: "PATCH", body: { primary_email_verified: true, primary_email_auth_enabled: false } });
    expect(v.body).toMatchObject({ primary_email_verified: true, primary_email_auth_enabled: false });
  });

  it("password sets has_password and revokes every session; null removes it", async () => {
    const u = await createUser({ primary_email: uniqueEmail() });
    const token = await accessTokenFor(emu, u.id);
    await accessTokenFor(emu, u.id);
    expect(emu.db.prepare("SELECT COUNT(*) FROM sessions WHERE user_id = ?").pluck().get(u.id)).toBe(2);
    const res = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { password: "new-password" } });
    expect(res.body.has_password).toBe(true);
    expect(emu.db.prepare("SELECT COUNT(*) FROM sessions WHERE user_id = ?").pluck().get(u.id)).toBe(0);
    // the old access token no longer works
    const me = await emu.fetch("/users/me", { accessType: "client", headers: { "x-stack-access-token": token } });
    expect(me.status).toBe(401);
    const removed = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { password: null } });
    expect(removed.body).toMatchObject({ has_password: false, auth_with_email: false });
  });

  it("password without primary e-mail → 400 text (deviation: real server 500s); password + hash → 400 text", async () => {
    const u = await createUser();
    const res = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { password: "pw" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const both = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { primary_email: uniqueEmail(), password: "pw", password_hash: "$2a$10$VIhIOofSMqGdGlL4wzE//e.77dAQGqNtF/1dT7bqCrVtQuInWy2qi" } });
    expect(both.status).toBe(400);
    expect((await emu.fetch(`/users/${u.id}`)).body.primary_email).toBeNull();
    const withEmail = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { primary_email: uniqueEmail(), password_hash: "$2a$10$VIhIOofSMqGdGlL4wzE//e.77dAQGqNtF/1dT7bqCrVtQuInWy2qi" } });
    expect(withEmail.body.has_password).toBe(true);
  });

  it("totp null removes 2FA; passkey true → 400 text; otp needs magic link", async () => {
    const u = await createUser({ totp_secret_base64: "AAAA" });
    expect(u.requires_totp_mfa).toBe(true);
    const off = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { totp_secret_base64: null, passkey_auth_enabled: false } });
    expect(off.body).toMatchObject({ requires_totp_mfa: false, passkey_auth_enabled: false });
    expect((await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { passkey_auth_enabled: true } })).status).toBe(400);
    expect((await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { otp_auth_enabled: true } })).status).toBe(400);
    const otpOff = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { otp_auth_enabled: false } });
    expect(otpOff.status).toBe(200);
  });

  it("selected_team_id must be a membership (TEAM_MEMBERSHIP_NOT_FOUND); null deselects", async () => {
    const u = await createUser();
    const teamId = crypto.randomUUID();
    emu.db.prepare("INSERT INTO teams (id, project_id, display_name, created_at_millis, server_metadata) VALUES (?, ?, 'Acme', 5, '{\"k\":1}')").run(teamId, DEMO.projectId);
    const err = expectKnownError(await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { selected_team_id: teamId } }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
    expect(err.details).toEqual({ team_id: teamId, user_id: u.id });
    emu.db.prepare("INSERT INTO team_members (project_id, team_id, user_id, created_at_millis) VALUES (?, ?, ?, 0)").run(DEMO.projectId, teamId, u.id);
    const ok = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { selected_team_id: teamId } });
    expect(ok.body.selected_team_id).toBe(teamId);
    expect(ok.body.selected_team).toEqual({ id: teamId, display_name: "Acme", profile_image_url: null, created_at_millis: 5, client_metadata: null, client_read_only_metadata: null, server_metadata: { k: 1 } });
    const token = await accessTokenFor(emu, u.id);
    const asClient = await emu.fetch("/users/me", { accessType: "client", headers: { "x-stack-access-token": token } });
    expect(asClient.body.selected_team).toEqual({ id: teamId, display_name: "Acme", profile_image_url: null, client_metadata: null, client_read_only_metadata: null });
    const none = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { selected_team_id: null } });
    expect(none.body).toMatchObject({ selected_team_id: null, selected_team: null });
  });

  it("is_anonymous: only false; upgrades the user", async () => {
    const anon = await createUser({ is_anonymous: true });
    expectKnownError(await emu.fetch(`/users/${anon.id}`, { method: "PATCH", body: { is_anonymous: true } }), "SCHEMA_ERROR", 400);
    const up = await emu.fetch(`/users/${anon.id}`, { method: "PATCH", body: { is_anonymous: false } });
    expect(up.body).toMatchObject({ is_anonymous: false, is_restricted: false, restricted_reason: null });
    expect(up.body.signed_up_at_millis).toBeGreaterThanOrEqual(anon.signed_up_at_millis);
  });

  it("restricted_by_admin false clears reason/details; reason while not restricted → 400 text", async () => {
    const u = await createUser({ restricted_by_admin: true, restricted_by_admin_reason: "r", restricted_by_admin_private_details: "d" });
    const reasonOnly = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { restricted_by_admin_reason: "r2" } });
    expect(reasonOnly.body.restricted_by_admin_reason).toBe("r2");
    const cleared = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { restricted_by_admin: false } });
    expect(cleared.body).toMatchObject({ restricted_by_admin: false, restricted_by_admin_reason: null, restricted_by_admin_private_details: null, is_restricted: false });
    const bad = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { restricted_by_admin_reason: "nope" } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("country_code and risk_scores overwrite; unknown user → USER_NOT_FOUND; webhook user.updated", async () => {
    const u = await createUser({ country_code: "de" });
    const res = await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { country_code: "fr", risk_scores: { sign_up: { bot: 3, free_trial_abuse: 4 } } } });
    expect(res.body).toMatchObject({ country_code: "FR", risk_scores: { sign_up: { bot: 3, free_trial_abuse: 4 } } });
    const ev = (await outbox()).filter((e) => e.type === "user.updated" && e.data.id === u.id).pop();
    expect(ev.data).toEqual(res.body);
    expectKnownError(await emu.fetch(`/users/${crypto.randomUUID()}`, { method: "PATCH", body: {} }), "USER_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/users/${u.id}`, { method: "PATCH", body: { bogus: 1 } }), "SCHEMA_ERROR", 400);
  });
});

describe("DELETE /users/{id}", () => {
  it("deletes the user and everything it owns, with webhooks", async () => {
    const u = await createUser({ primary_email: uniqueEmail(), primary_email_auth_enabled: true });
    const teamId = crypto.randomUUID();
    emu.db.prepare("INSERT INTO teams (id, project_id, display_name, created_at_millis) VALUES (?, ?, 'T', 0)").run(teamId, DEMO.projectId);
    emu.db.prepare("INSERT INTO team_members (project_id, team_id, user_id, created_at_millis) VALUES (?, ?, ?, 0)").run(DEMO.projectId, teamId, u.id);
    emu.db.prepare("INSERT INTO team_permissions (project_id, team_id, user_id, permission_id) VALUES (?, ?, ?, 'team_member')").run(DEMO.projectId, teamId, u.id);
    await accessTokenFor(emu, u.id);
    const res = await emu.fetch(`/users/${u.id}`, { method: "DELETE", body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    expectKnownError(await emu.fetch(`/users/${u.id}`), "USER_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/users/${u.id}`, { method: "DELETE" }), "USER_NOT_FOUND", 404);
    for (const t of ["contact_channels", "sessions", "team_members", "team_permissions"]) {
      expect(emu.db.prepare(`SELECT COUNT(*) FROM ${t} WHERE user_id = ?`).pluck().get(u.id), t).toBe(0);
    }
    const events = (await outbox()).filter((e) => JSON.stringify(e.data).includes(u.id));
    expect(events.slice(-2)).toEqual([
      { type: "team_membership.deleted", data: { team_id: teamId, user_id: u.id } },
      { type: "user.deleted", data: { id: u.id, teams: [{ id: teamId }] } },
    ]);
    // the e-mail is free for sign-in again
    await createUser({ primary_email: u.primary_email, primary_email_auth_enabled: true });
  });
});
