import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject } from "../src/project-bootstrap";
import { modules } from "../src/resources";
import { signJwt } from "../src/tokens";
import { DEMO, expectKnownError, startTestEmulator, type NiceResponse, type TestEmulator } from "./helpers";
import { createTeam, createTestUser, signIn, updateConfig } from "./fixtures";

// Fidelity checks against the wire behaviour of a real Stack 2.8.86 server (headers, known errors,
// SCHEMA_ERROR text, lists, status codes, key order), over raw HTTP.

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const raw = (path: string, init: RequestInit = {}) => fetch(`${emu.url}${path}`, init);
const injectFaults = (faults: unknown[]) =>
  raw("/__emulator/faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ faults }) });

// Key orders copied from responses captured from a real 2.8.86 backend.
const REAL_USER_KEYS = [
  "id", "display_name", "primary_email", "primary_email_verified", "primary_email_auth_enabled", "profile_image_url", "signed_up_at_millis",
  "client_metadata", "client_read_only_metadata", "server_metadata", "has_password", "otp_auth_enabled", "auth_with_email", "requires_totp_mfa",
  "passkey_auth_enabled", "oauth_providers", "selected_team_id", "selected_team", "last_active_at_millis", "is_anonymous", "is_restricted",
  "restricted_reason", "restricted_by_admin", "restricted_by_admin_reason", "restricted_by_admin_private_details", "country_code", "risk_scores",
];
const REAL_PROJECT_KEYS = [
  "id", "display_name", "description", "logo_url", "logo_full_url", "logo_dark_mode_url", "logo_full_dark_mode_url", "created_at_millis",
  "is_production_mode", "owner_team_id", "onboarding_status", "config",
];
const REAL_PROJECT_CONFIG_KEYS = [
  "allow_localhost", "client_team_creation_enabled", "client_user_deletion_enabled", "sign_up_enabled", "oauth_account_merge_strategy",
  "create_team_on_sign_up", "credential_enabled", "magic_link_enabled", "passkey_enabled", "oauth_providers", "enabled_oauth_providers", "domains",
  "email_config", "email_theme", "team_creator_default_permissions", "team_member_default_permissions", "user_default_permissions",
  "allow_user_api_keys", "allow_team_api_keys",
];
// First sample item: revoked, without an admin key; second: all three keys.
const REAL_REVOKED_KEY_SET_KEYS = ["created_at_millis", "manually_revoked_at_millis", "expires_at_millis", "description", "id", "secret_server_key", "publishable_client_key"];
const REAL_FULL_KEY_SET_KEYS = ["created_at_millis", "expires_at_millis", "description", "id", "super_secret_admin_key", "secret_server_key", "publishable_client_key"];

/** `expected` keys appear in `actual` in the same relative order (extra [NEW] keys allowed in between). */
function expectKeyOrder(actual: string[], expected: string[]) {
  expect(actual.filter((k) => expected.includes(k))).toEqual(expected);
}

describe("field sets and key order vs a real 2.8.86 server", () => {
  it("user object: POST /users, GET /users list and GET /users/{id} carry exactly the real fields in the real order", async () => {
    const email = `sample-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const created = await emu.fetch("/users", {
      method: "POST",
      body: { primary_email: email, primary_email_auth_enabled: true, password: "pw-123456", display_name: "Sample user" },
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(REAL_USER_KEYS);
    expect(Object.keys(created.body.risk_scores.sign_up)).toEqual(["bot", "free_trial_abuse"]);
    const list = await emu.fetch("/users?limit=2");
    expect(Object.keys(list.body)).toEqual(["items", "is_paginated", "pagination"]);
    for (const u of list.body.items) expect(Object.keys(u)).toEqual(REAL_USER_KEYS);
    expect(Object.keys((await emu.fetch(`/users/${created.body.id}`)).body)).toEqual(REAL_USER_KEYS);
    const metrics = await emu.fetch("/internal/metrics");
    expect(Object.keys(metrics.body.recently_registered[0])).toEqual(REAL_USER_KEYS);
  });

  it("admin project object and its legacy config", async () => {
    const res = await emu.fetch("/internal/projects/current");
    expect(res.status).toBe(200);
    expectKeyOrder(Object.keys(res.body), REAL_PROJECT_KEYS);
    // Only [NEW] fields of the 2.8.109 SDK schema may be added to the sample's set.
    expect(Object.keys(res.body).filter((k) => !REAL_PROJECT_KEYS.includes(k))).toEqual(["is_development_environment"]);
    expect(Object.keys(res.body.config)).toEqual(REAL_PROJECT_CONFIG_KEYS);
    expect(res.body.config.email_config).toEqual({ type: "shared" });
  });

  it("project API-key sets: list envelope, item order, revoked and full sets", async () => {
    const created = await emu.fetch("/internal/api-keys", {
      method: "POST",
      body: { description: "order", expires_at_millis: Date.now() + 3_600_000, has_publishable_client_key: true, has_secret_server_key: true, has_super_secret_admin_key: false },
    });
    await emu.fetch(`/internal/api-keys/${created.body.id}`, { method: "PATCH", body: { revoked: true } });
    const list = await emu.fetch("/internal/api-keys");
    expect(Object.keys(list.body)).toEqual(["is_paginated", "items"]);
    const revoked = list.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(Object.keys(revoked)).toEqual(REAL_REVOKED_KEY_SET_KEYS);
    const demo = list.body.items.find((k: { description: string }) => k.description === "Emulator demo keys");
    expect(Object.keys(demo)).toEqual(REAL_FULL_KEY_SET_KEYS);
  });
});

describe("known errors and headers on every response", () => {
  it("bodies omit details when empty, keep code/details/error order otherwise, are pretty-printed", async () => {
    const notFound = await emu.fetch(`/users/${crypto.randomUUID()}`);
    expectKnownError(notFound, "USER_NOT_FOUND", 404);
    expect(Object.keys(notFound.body)).toEqual(["code", "error"]);
    expect(notFound.text).toBe(JSON.stringify(notFound.body, null, 2));
    const noType = await emu.fetch("/users?limit=1", { accessType: null, headers: { "x-stack-project-id": DEMO.projectId, "x-stack-secret-server-key": DEMO.secretServerKey } });
    expect(Object.keys(expectKnownError(noType, "PROJECT_KEY_WITHOUT_ACCESS_TYPE", 400))).toEqual(["code", "error"]);
    const wrongKey = await emu.fetch("/internal/projects/current", { headers: { "x-stack-super-secret-admin-key": "sak_wrong_key_for_conformance_sample" } });
    const body = expectKnownError(wrongKey, "INVALID_SUPER_SECRET_ADMIN_KEY", 401);
    expect(Object.keys(body)).toEqual(["code", "details", "error"]);
    expect(body.details).toEqual({ project_id: DEMO.projectId });
  });

  it("both request-id headers (same value), cache-control and CORS on JSON, known-error, text 404/405/413 and fault answers", async () => {
    const big = Buffer.alloc(8 * 1024 * 1024 + 10, 0x20);
    const responses: [string, Response][] = [
      ["200 json", await raw("/api/v1/users?limit=1", { headers: emu.headers("admin") })],
      ["known error", await raw(`/api/v1/users/${crypto.randomUUID()}`, { headers: emu.headers("admin") })],
      ["404 text", await raw("/api/v1/nope", { headers: emu.headers("admin") })],
      ["405 text", await raw("/api/v1/users", { method: "PUT", headers: emu.headers("admin") })],
      ["405 unknown method", await raw("/api/v1/users", { method: "PROPFIND", headers: emu.headers("admin") })],
      ["413 text", await raw("/api/v1/users", { method: "POST", headers: { ...emu.headers("admin"), "content-type": "application/json" }, body: big })],
      ["latest prefix", await raw("/api/latest/users?limit=1", { headers: emu.headers("admin") })],
      ["welcome", await raw("/api/v1")],
    ];
    await injectFaults([{ status: 429, retry_after: 1 }, { status: 500 }]);
    responses.push(["429 fault", await raw("/api/v1/users?limit=1", { headers: emu.headers("admin") })]);
    responses.push(["500 fault", await raw("/api/v1/users?limit=1", { headers: emu.headers("admin") })]);
    const problems: string[] = [];
    for (const [name, res] of responses) {
      await res.arrayBuffer();
      const id = res.headers.get("x-stack-request-id");
      if (!id || !/^[a-z2-7]{20,}$/.test(id)) problems.push(`${name}: x-stack-request-id ${id}`);
      if (res.headers.get("x-hexclave-request-id") !== id) problems.push(`${name}: x-hexclave-request-id differs`);
      if (res.headers.get("cache-control") !== "no-store, max-age=0") problems.push(`${name}: cache-control`);
      if (res.headers.get("access-control-allow-origin") !== "*") problems.push(`${name}: CORS`);
      const known = res.headers.get("x-stack-known-error");
      if (known !== res.headers.get("x-hexclave-known-error")) problems.push(`${name}: known-error headers differ`);
      if (name.includes("text") || name.includes("fault") || name.includes("405")) {
        if (known !== null) problems.push(`${name}: has a known-error header`);
        if (!res.headers.get("content-type")?.startsWith("text/plain")) problems.push(`${name}: not text/plain`);
      }
    }
    expect(problems).toEqual([]);
    expect(responses.find(([n]) => n === "413 text")![1].status).toBe(413);
    expect(responses.find(([n]) => n === "known error")![1].headers.get("x-stack-known-error")).toBe("USER_NOT_FOUND");
  });
});

describe("request headers: both spellings, empty values, authentication order", () => {
  const hex = (accessType: "client" | "server" | "admin", extra: Record<string, string> = {}) => {
    const h: Record<string, string> = { "x-hexclave-project-id": DEMO.projectId, "x-hexclave-access-type": accessType };
    if (accessType === "client") h["x-hexclave-publishable-client-key"] = DEMO.publishableClientKey;
    if (accessType === "server") h["x-hexclave-secret-server-key"] = DEMO.secretServerKey;
    if (accessType === "admin") h["x-hexclave-super-secret-admin-key"] = DEMO.superSecretAdminKey;
    return { ...h, ...extra };
  };

  it("x-hexclave-* alone works for every access type and for the user, refresh-token and override headers", async () => {
    expect((await emu.fetch("/users?limit=1", { accessType: null, headers: hex("server") })).status).toBe(200);
    expect((await emu.fetch("/internal/projects/current", { accessType: null, headers: hex("admin") })).status).toBe(200);
    const u = await createTestUser(emu);
    const tokens = await signIn(emu, u.id);
    const me = await emu.fetch("/users/me", { accessType: null, headers: hex("client", { "x-hexclave-access-token": tokens.accessToken }) });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(u.id);
    const override = await emu.fetch(`/users/${crypto.randomUUID()}`, { accessType: null, headers: hex("admin", { "x-hexclave-override-error-status": "true" }) });
    expect(override.status).toBe(200);
    expect(override.headers.get("x-hexclave-actual-status")).toBe("404");
    const signOut = await emu.fetch("/auth/sessions/current", { method: "DELETE", accessType: null, headers: hex("client", { "x-hexclave-refresh-token": tokens.refreshToken }) });
    expect(signOut.status, signOut.text).toBe(200);
    expect((await emu.fetch(`/auth/sessions?user_id=${u.id}`, { accessType: "server" })).body.items).toEqual([]);
  });

  it("empty header values count as absent (the SDK sends empty key headers)", async () => {
    // admin with an empty server-key header (server SDK without a server key)
    expect((await emu.fetch("/internal/projects/current", { headers: { "x-stack-secret-server-key": "" } })).status).toBe(200);
    // empty hexclave spelling falls back to the x-stack one
    expect((await emu.fetch("/users?limit=1", { accessType: "server", headers: { "x-hexclave-access-type": "", "x-hexclave-project-id": "" } })).status).toBe(200);
    // empty access type and no keys → anonymous request
    expectKnownError(await emu.fetch("/users?limit=1", { accessType: null, headers: { "x-stack-access-type": "", "x-stack-project-id": DEMO.projectId } }), "ACCESS_TYPE_REQUIRED", 400);
    // empty admin key → ADMIN_AUTHENTICATION_REQUIRED, not INVALID_SUPER_SECRET_ADMIN_KEY
    expectKnownError(await emu.fetch("/internal/projects/current", { headers: { "x-stack-super-secret-admin-key": "" } }), "ADMIN_AUTHENTICATION_REQUIRED", 401);
    // empty access token / branch → ignored / main
    expect((await emu.fetch("/users?limit=1", { headers: { "x-stack-access-token": "", "x-stack-branch-id": "" } })).status).toBe(200);
    // empty override header → no rewrite
    const notRewritten = await emu.fetch(`/users/${crypto.randomUUID()}`, { headers: { "x-stack-override-error-status": "" } });
    expect(notRewritten.status).toBe(404);
    expect(notRewritten.headers.get("x-stack-actual-status")).toBeNull();
  });

  it("INSUFFICIENT_ACCESS_TYPE names the actual type and every type the endpoint serves", async () => {
    const adminOnly = expectKnownError(await emu.fetch("/internal/api-keys", { accessType: "server" }), "INSUFFICIENT_ACCESS_TYPE", 401);
    expect(adminOnly.details).toEqual({ actual_access_type: "server", allowed_access_types: ["admin"] });
    const serverAdmin = expectKnownError(await emu.fetch("/users?limit=1", { accessType: "client" }), "INSUFFICIENT_ACCESS_TYPE", 401);
    expect(serverAdmin.details).toEqual({ actual_access_type: "client", allowed_access_types: ["server", "admin"] });
  });
});

describe("admin access tokens (x-stack-admin-access-token, checked before any key)", () => {
  const ownerTeam = crypto.randomUUID();
  const internalUser = (opts: { restricted?: boolean; anonymous?: boolean; member?: boolean } = {}) => {
    const id = crypto.randomUUID();
    emu.db
      .prepare("INSERT INTO users (id, project_id, signed_up_at_millis, last_active_at_millis, is_anonymous, restricted_by_admin) VALUES (?, 'internal', 0, 0, ?, ?)")
      .run(id, opts.anonymous ? 1 : 0, opts.restricted ? 1 : 0);
    if (opts.member !== false) emu.db.prepare("INSERT INTO team_members (project_id, team_id, user_id, created_at_millis) VALUES ('internal', ?, ?, 0)").run(ownerTeam, id);
    return id;
  };
  const token = (sub: string, o: { projectId?: string; expSeconds?: number } = {}) => {
    const iat = Math.floor(Date.now() / 1000);
    return signJwt({ sub, project_id: o.projectId ?? "internal", branch_id: "main", refresh_token_id: crypto.randomUUID(), iat, exp: iat + (o.expSeconds ?? 600) }, emu.running.config.jwtSecret);
  };
  const asAdmin = (t: string, extra: Record<string, string> = {}) =>
    emu.fetch("/internal/projects/current", { accessType: null, headers: { "x-stack-project-id": DEMO.projectId, "x-stack-access-type": "admin", "x-stack-admin-access-token": t, ...extra } });

  beforeAll(() => {
    if (!emu.db.prepare("SELECT 1 FROM projects WHERE id = 'internal'").get()) createProject(emu.db, { id: "internal", displayName: "Stack Dashboard" });
    emu.db.prepare("INSERT INTO teams (id, project_id, display_name, created_at_millis) VALUES (?, 'internal', 'Owners', 0)").run(ownerTeam);
    emu.db.prepare("UPDATE projects SET owner_team_id = ? WHERE id = ?").run(ownerTeam, DEMO.projectId);
  });

  it("a member of the owner team is admin without any key, and the token takes precedence over a wrong key", async () => {
    const t = token(internalUser());
    expect((await asAdmin(t)).status).toBe(200);
    expect((await asAdmin(t, { "x-stack-super-secret-admin-key": "sak_wrong", "x-stack-secret-server-key": "" })).status).toBe(200);
  });

  it("refuses unparsable, expired, foreign-project, non-member, restricted and deleted-user tokens", async () => {
    expectKnownError(await asAdmin("garbage"), "UNPARSABLE_ADMIN_ACCESS_TOKEN", 401);
    const expired = expectKnownError(await asAdmin(token(internalUser(), { expSeconds: -10 })), "ADMIN_ACCESS_TOKEN_EXPIRED", 401);
    expect(typeof expired.details?.expired_at_millis).toBe("number");
    expectKnownError(await asAdmin(token(internalUser(), { projectId: DEMO.projectId })), "ADMIN_ACCESS_TOKEN_IS_NOT_ADMIN", 401);
    expectKnownError(await asAdmin(token(internalUser({ member: false }))), "ADMIN_ACCESS_TOKEN_IS_NOT_ADMIN", 401);
    expectKnownError(await asAdmin(token(internalUser({ restricted: true }))), "ADMIN_ACCESS_TOKEN_IS_NOT_ADMIN", 401);
    // anonymous dashboard users: only for development-environment projects (the demo project is one)
    expect((await asAdmin(token(internalUser({ anonymous: true })))).status).toBe(200);
    emu.db.prepare("UPDATE projects SET is_development_environment = 0 WHERE id = ?").run(DEMO.projectId);
    try {
      expectKnownError(await asAdmin(token(internalUser({ anonymous: true }))), "ADMIN_ACCESS_TOKEN_IS_NOT_ADMIN", 401);
    } finally {
      emu.db.prepare("UPDATE projects SET is_development_environment = 1 WHERE id = ?").run(DEMO.projectId);
    }
    const gone = internalUser();
    const t = token(gone);
    emu.db.prepare("DELETE FROM users WHERE id = ?").run(gone);
    const res = await asAdmin(t);
    expect(res.status).toBe(401);
    expect(res.headers.get("x-stack-known-error")).toBeNull();
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  });
});

describe("restricted users (access token of a restricted or anonymous user)", () => {
  it("an unverified user's token needs allow-restricted while the project requires e-mail verification", async () => {
    const u = await createTestUser(emu, { emailVerified: false });
    const { accessToken } = await signIn(emu, u.id);
    await updateConfig(emu, { "onboarding.requireEmailVerification": true });
    try {
      const denied = expectKnownError(await emu.fetch("/users/me", { accessType: "client", headers: { "x-stack-access-token": accessToken } }), "RESTRICTED_USER_NOT_ALLOWED", 403);
      expect(denied.details).toEqual({ restricted_reason: { type: "email_not_verified" } });
      const allowed = await emu.fetch("/users/me", { accessType: "client", headers: { "x-stack-access-token": accessToken, "x-stack-allow-restricted-user": "true" } });
      expect(allowed.status).toBe(200);
      expect(allowed.body.restricted_reason).toEqual({ type: "email_not_verified" });
    } finally {
      await updateConfig(emu, { "onboarding.requireEmailVerification": false });
    }
  });
});

describe("override-error-status", () => {
  const override = { "x-stack-override-error-status": "true" };
  const expectRewritten = (res: NiceResponse | Response, status: number) => {
    expect(res.status).toBe(200);
    expect(res.headers.get("x-stack-actual-status")).toBe(String(status));
    expect(res.headers.get("x-hexclave-actual-status")).toBe(String(status));
  };

  it("rewrites every 4xx: known errors, text errors, 404, 405 (also unknown methods), 413 and an injected 429", async () => {
    const known = await emu.fetch(`/users/${crypto.randomUUID()}`, { headers: override });
    expectRewritten(known, 404);
    expect(known.headers.get("x-stack-known-error")).toBe("USER_NOT_FOUND");
    const text400 = await emu.fetch("/users?only_anonymous=true", { headers: override });
    expectRewritten(text400, 400);
    expect(text400.headers.get("content-type")).toMatch(/^text\/plain/);
    expectRewritten(await emu.fetch("/no-such-route", { headers: override }), 404);
    expectRewritten(await emu.fetch("/users", { method: "PUT", headers: override }), 405);
    expectRewritten(await raw("/api/v1/users", { method: "PROPFIND", headers: { ...emu.headers("admin"), ...override } }), 405);
    const big = Buffer.alloc(8 * 1024 * 1024 + 10, 0x20);
    expectRewritten(await raw("/api/v1/users", { method: "POST", headers: { ...emu.headers("admin"), ...override, "content-type": "application/json" }, body: big }), 413);
    await injectFaults([{ status: 429, retry_after: 2 }]);
    const limited = await raw("/api/v1/users?limit=1", { headers: { ...emu.headers("admin"), ...override } });
    expectRewritten(limited, 429);
    expect(limited.headers.get("retry-after")).toBe("2");
  });

  it("never rewrites 5xx", async () => {
    await injectFaults([{ status: 500 }]);
    const res = await raw("/api/v1/users?limit=1", { headers: { ...emu.headers("admin"), ...override } });
    expect(res.status).toBe(500);
    expect(res.headers.get("x-stack-actual-status")).toBeNull();
  });
});

describe("fault injection", () => {
  it("429 with Retry-After, then 500 text, then normal answers; delays are honoured", async () => {
    const queued = await injectFaults([{ status: 429, retry_after: 1 }, { status: 500 }]);
    expect(await queued.json()).toEqual({ pending: 2 });
    const r429 = await raw("/api/v1/users?limit=1", { headers: emu.headers("admin") });
    expect(r429.status).toBe(429);
    expect(r429.headers.get("retry-after")).toBe("1");
    expect(r429.headers.get("x-stack-known-error")).toBeNull();
    const r500 = await raw("/api/v1/users?limit=1", { headers: emu.headers("admin") });
    expect(r500.status).toBe(500);
    expect(r500.headers.get("content-type")).toMatch(/^text\/plain/);
    expect((await raw("/api/v1/users?limit=1", { headers: emu.headers("admin") })).status).toBe(200);
    await injectFaults([{ status: 200, delay_ms: 150 }]);
    const t0 = Date.now();
    expect((await raw("/api/v1/users?limit=1", { headers: emu.headers("admin") })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect((await raw("/__emulator/faults", { method: "POST", body: "{}" })).status).toBe(400);
  });
});

describe("SCHEMA_ERROR text", () => {
  it("lists every failure with its dotted path under the request's own path, for /api/v1 and /api/latest", async () => {
    const body = { primary_email: "not-an-email", display_name: 5, risk_scores: { sign_up: { bot: 101, free_trial_abuse: 0 } }, extra: 1 };
    for (const prefix of ["/api/v1", "/api/latest"]) {
      const res = await raw(`${prefix}/users`, { method: "POST", headers: { ...emu.headers("server"), "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(res.headers.get("x-stack-known-error")).toBe("SCHEMA_ERROR");
      const err = (await res.json()) as { error: string; details: { message: string } };
      const lines = err.error.split("\n");
      expect(lines[0]).toBe(`Request validation failed on POST ${prefix}/users:`);
      expect(lines.slice(1).every((l) => l.startsWith("  - "))).toBe(true);
      expect(err.error).toContain("  - body.primary_email must be a valid email");
      expect(err.error).toContain("  - body.display_name must be a `string` type");
      expect(err.error).toContain("  - body.risk_scores.sign_up.bot must be less than or equal to 100");
      expect(err.error).toContain("  - body contains unknown properties: extra");
      expect(err.details).toEqual({ message: err.error });
    }
    const mixed = await emu.fetch(`/users/not-a-uuid?bogus=1`, { method: "PATCH", body: { display_name: 1 } });
    const text = expectKnownError(mixed, "SCHEMA_ERROR", 400).error;
    expect(text.split("\n")[0]).toBe("Request validation failed on PATCH /api/v1/users/not-a-uuid:");
    expect(text).toContain("  - params.user_id must be a valid UUID");
    expect(text).toContain("  - query contains unknown properties: bogus");
    expect(text).toContain("  - body.display_name must be a `string` type");
  });

  it("URL fields follow stack-shared's urlSchema (spaces, validity, 1,000,000 chars), project logos included", async () => {
    const logo = await emu.fetch("/internal/projects/current", { method: "PATCH", body: { logo_url: "not a url" } });
    const text = expectKnownError(logo, "SCHEMA_ERROR", 400).error;
    expect(text).toContain("  - body.logo_url contains spaces");
    expect(text).toContain("  - body.logo_url is not a valid URL");
    const image = await emu.fetch("/users", { method: "POST", body: { profile_image_url: "nope" } });
    expect(expectKnownError(image, "SCHEMA_ERROR", 400).error).toContain("  - body.profile_image_url is not a valid URL");
    const long = await emu.fetch("/teams", { method: "POST", body: { display_name: "x", profile_image_url: `data:image/png;base64,${"A".repeat(1_000_000)}` } });
    expect(expectKnownError(long, "SCHEMA_ERROR", 400).error).toContain("body.profile_image_url must be at most 1000000 characters");
    const ok = await emu.fetch("/internal/projects/current", { method: "PATCH", body: { logo_url: "https://example.com/logo.png" } });
    expect(ok.body.logo_url).toBe("https://example.com/logo.png");
    await emu.fetch("/internal/projects/current", { method: "PATCH", body: { logo_url: null } });
  });

  it("rejects an unknown query parameter on every endpoint", async () => {
    const missing: string[] = [];
    for (const m of modules) {
      for (const r of m.routes) {
        const path = r.path.replace(/:[a-z_]+/g, crypto.randomUUID());
        const res = await emu.fetch(`${path}?no_such_param=1`, { method: r.method, body: r.method === "GET" ? undefined : {} });
        if (res.headers.get("x-stack-known-error") !== "SCHEMA_ERROR" || !res.body.error.includes("query contains unknown properties: no_such_param")) {
          missing.push(`${r.method} ${r.path} → ${res.status} ${res.text.slice(0, 80)}`);
        }
      }
    }
    expect(missing).toEqual([]);
    // The welcome route and backend-url discovery reject them too.
    expectKnownError(await emu.fetch("?x=1"), "SCHEMA_ERROR", 400);
  });
});

describe("lists: envelope, is_paginated and per-endpoint parameters", () => {
  it("every list but users and teams is complete and not paginated", async () => {
    const u = await createTestUser(emu, { emailVerified: true });
    const team = await createTeam(emu, { creator_user_id: u.id });
    await updateConfig(emu, { "apiKeys.enabled.user": true, "apiKeys.enabled.team": true });
    const lists = [
      `/contact-channels?user_id=${u.id}`,
      `/oauth-providers?user_id=${u.id}`,
      `/connected-accounts/${u.id}`,
      `/auth/sessions?user_id=${u.id}`,
      `/team-member-profiles?team_id=${team.id}`,
      `/team-invitations?team_id=${team.id}`,
      `/team-invitations?user_id=${u.id}`,
      `/team-permissions?team_id=${team.id}`,
      `/project-permissions?user_id=${u.id}`,
      "/team-permission-definitions",
      "/project-permission-definitions",
      "/internal/api-keys",
      `/user-api-keys?user_id=${u.id}`,
      `/team-api-keys?team_id=${team.id}`,
      "/internal/emails",
    ];
    const wrong: string[] = [];
    for (const path of lists) {
      const res = await emu.fetch(path);
      if (res.status !== 200 || res.body.is_paginated !== false || "pagination" in res.body || !Array.isArray(res.body.items)) {
        wrong.push(`${path} → ${res.status} ${res.text.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
    for (const path of ["/users?limit=1", "/teams?limit=1"]) {
      const res = await emu.fetch(path);
      expect(res.body.is_paginated).toBe(true);
      expect(Object.keys(res.body.pagination)).toEqual(["next_cursor"]);
    }
  });

  it("sort orders: creation descending for sessions and API keys, ascending for channels, links and profiles", async () => {
    const u = await createTestUser(emu, { primaryEmail: null });
    const ids = { sessions: [] as string[], apiKeys: [] as string[], userKeys: [] as string[], channels: [] as string[], members: [] as string[] };
    for (let i = 0; i < 4; i++) {
      await signIn(emu, u.id);
      const key = await emu.fetch("/internal/api-keys", {
        method: "POST",
        body: { description: `k${i}`, expires_at_millis: Date.now() + 3_600_000, has_publishable_client_key: true, has_secret_server_key: false, has_super_secret_admin_key: false },
      });
      ids.apiKeys.push(key.body.id);
      const uk = await emu.fetch("/user-api-keys", { method: "POST", body: { user_id: u.id, description: `u${i}`, expires_at_millis: null } });
      ids.userKeys.push(uk.body.id);
      const ch = await emu.fetch("/contact-channels", { method: "POST", body: { user_id: u.id, type: "email", value: `c${i}-${crypto.randomUUID().slice(0, 6)}@example.com`, used_for_auth: false } });
      ids.channels.push(ch.body.id);
    }
    const sessions = (await emu.fetch(`/auth/sessions?user_id=${u.id}`)).body.items.map((s: { id: string; created_at: number }) => s);
    expect(sessions.map((s: { created_at: number }) => s.created_at)).toEqual([...sessions.map((s: { created_at: number }) => s.created_at)].sort((a, b) => b - a));
    const keyOrder = (await emu.fetch("/internal/api-keys")).body.items.map((k: { id: string }) => k.id).filter((id: string) => ids.apiKeys.includes(id));
    expect(keyOrder).toEqual([...ids.apiKeys].reverse());
    expect((await emu.fetch(`/user-api-keys?user_id=${u.id}`)).body.items.map((k: { id: string }) => k.id)).toEqual([...ids.userKeys].reverse());
    expect((await emu.fetch(`/contact-channels?user_id=${u.id}`)).body.items.map((c: { id: string }) => c.id)).toEqual(ids.channels);
    const team = await createTeam(emu);
    for (let i = 0; i < 3; i++) {
      const m = await createTestUser(emu, { primaryEmail: null });
      await emu.fetch(`/team-memberships/${team.id}/${m.id}`, { method: "POST", body: {} });
      ids.members.push(m.id);
    }
    expect((await emu.fetch(`/team-member-profiles?team_id=${team.id}`)).body.items.map((p: { user_id: string }) => p.user_id)).toEqual(ids.members);
    const defs = (await emu.fetch("/team-permission-definitions")).body.items.map((d: { id: string }) => d.id);
    expect(defs).toEqual([...defs].sort());
  });
});

describe("status codes: create 201, read/list/update/delete 200, and the 200 creators", () => {
  it("creates answer 201, the listed custom endpoints 200, deletes {success: true}", async () => {
    const u = await createTestUser(emu, { emailVerified: true });
    const team = await createTeam(emu);
    const got: Record<string, number> = {};
    const call = async (name: string, path: string, method: string, body?: unknown) => {
      const res = await emu.fetch(path, { method, body });
      got[name] = res.status;
      return res;
    };
    await call("POST /users", "/users", "POST", {});
    await call("POST /teams", "/teams", "POST", { display_name: "T" });
    await call("POST /team-memberships", `/team-memberships/${team.id}/${u.id}`, "POST", {});
    await call("POST /team-permissions", `/team-permissions/${team.id}/${u.id}/$read_members`, "POST", {});
    await call("POST /team-permission-definitions", "/team-permission-definitions", "POST", { id: `p_${crypto.randomUUID().slice(0, 6)}` });
    await call("POST /project-permission-definitions", "/project-permission-definitions", "POST", { id: "proj_perm" });
    await call("POST /project-permissions", `/project-permissions/${u.id}/proj_perm`, "POST", {});
    await call("POST /contact-channels", "/contact-channels", "POST", { user_id: u.id, type: "email", value: "second@example.com", used_for_auth: false });
    await call("POST /webhooks/svix-token", "/webhooks/svix-token", "POST", {});
    await call("POST /internal/api-keys", "/internal/api-keys", "POST", { description: "x", expires_at_millis: Date.now() + 1e6, has_publishable_client_key: true, has_secret_server_key: false, has_super_secret_admin_key: false });
    await call("POST /user-api-keys", "/user-api-keys", "POST", { user_id: u.id, description: "x", expires_at_millis: null });
    await call("POST /team-api-keys", "/team-api-keys", "POST", { team_id: team.id, description: "x", expires_at_millis: null });
    await call("POST /auth/sessions", "/auth/sessions", "POST", { user_id: u.id });
    await call("POST /team-invitations/send-code", "/team-invitations/send-code", "POST", { team_id: team.id, email: "g@example.com", callback_url: "http://localhost:3000/handler/x" });
    await call("POST /internal/send-test-email", "/internal/send-test-email", "POST", {
      recipient_email: "a@example.com",
      email_config: { host: "h", port: 587, username: "u", password: "p", sender_name: "n", sender_email: "s@example.com" },
    });
    await call("POST /internal/email-drafts", "/internal/email-drafts", "POST", { display_name: "d" });
    await call("POST /internal/email-themes", "/internal/email-themes", "POST", { display_name: "t" });
    expect(got).toEqual({
      "POST /users": 201,
      "POST /teams": 201,
      "POST /team-memberships": 201,
      "POST /team-permissions": 201,
      "POST /team-permission-definitions": 201,
      "POST /project-permission-definitions": 201,
      "POST /project-permissions": 201,
      "POST /contact-channels": 201,
      "POST /webhooks/svix-token": 201,
      "POST /internal/api-keys": 200,
      "POST /user-api-keys": 200,
      "POST /team-api-keys": 200,
      "POST /auth/sessions": 200,
      "POST /team-invitations/send-code": 200,
      "POST /internal/send-test-email": 200,
      "POST /internal/email-drafts": 200,
      "POST /internal/email-themes": 200,
    });
    for (const path of [`/team-memberships/${team.id}/${u.id}`, `/teams/${team.id}`, `/users/${u.id}`]) {
      const res = await emu.fetch(path, { method: "DELETE" });
      expect([res.status, res.body]).toEqual([200, { success: true }]);
    }
  });
});

describe("secrets and key lifecycle", () => {
  it("project key secrets appear only in the create response; a revoked or expired key fails at once", async () => {
    const created = await emu.fetch("/internal/api-keys", {
      method: "POST",
      body: { description: "s", expires_at_millis: Date.now() + 3_600_000, has_publishable_client_key: true, has_secret_server_key: true, has_super_secret_admin_key: true },
    });
    const secrets = [created.body.publishable_client_key, created.body.secret_server_key, created.body.super_secret_admin_key];
    expect(secrets.every((k: string) => /^(pck|ssk|sak)_[a-z2-7]{45}$/.test(k))).toBe(true);
    const admin = { "x-stack-super-secret-admin-key": created.body.super_secret_admin_key };
    expect((await emu.fetch("/internal/projects/current", { headers: admin })).status).toBe(200);
    const reads = [
      await emu.fetch("/internal/api-keys"),
      await emu.fetch(`/internal/api-keys/${created.body.id}`),
      await emu.fetch(`/internal/api-keys/${created.body.id}`, { method: "PATCH", body: { description: "renamed" } }),
    ];
    for (const r of reads) for (const s of secrets) expect(r.text).not.toContain(s);
    await emu.fetch(`/internal/api-keys/${created.body.id}`, { method: "PATCH", body: { revoked: true } });
    expectKnownError(await emu.fetch("/internal/projects/current", { headers: admin }), "INVALID_SUPER_SECRET_ADMIN_KEY", 401);
    expectKnownError(await emu.fetch("/users?limit=1", { accessType: "server", headers: { "x-stack-secret-server-key": created.body.secret_server_key } }), "INVALID_SECRET_SERVER_KEY", 401);

    const short = await emu.fetch("/internal/api-keys", {
      method: "POST",
      body: { description: "short", expires_at_millis: Date.now() + 300, has_publishable_client_key: false, has_secret_server_key: true, has_super_secret_admin_key: false },
    });
    const ssk = { "x-stack-secret-server-key": short.body.secret_server_key };
    expect((await emu.fetch("/users?limit=1", { accessType: "server", headers: ssk })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 350));
    expectKnownError(await emu.fetch("/users?limit=1", { accessType: "server", headers: ssk }), "INVALID_SECRET_SERVER_KEY", 401);
  });
});

describe("backend URL discovery (GET /api/v1/internal/backend-urls)", () => {
  it("answers without authentication on both prefixes, even with stale auth headers", async () => {
    for (const prefix of ["/api/v1", "/api/latest"]) {
      const res = await raw(`${prefix}/internal/backend-urls`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ urls: [emu.url] });
    }
    const withHeaders = await raw("/api/v1/internal/backend-urls", { headers: emu.headers("admin", { "x-stack-super-secret-admin-key": "sak_stale" }) });
    expect(withHeaders.status).toBe(200);
  });
});

