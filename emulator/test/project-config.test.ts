import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject } from "../src/project-bootstrap";
import { randomKey } from "../src/tokens";
import { DEMO, expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const patch = (body: unknown) => emu.fetch("/internal/projects/current", { method: "PATCH", body });
const getConfig = async () => JSON.parse((await emu.fetch("/internal/config")).body.config_string);

describe("admin project object (projectsCrudAdminReadSchema)", () => {
  it("renders the field set and order of the real sample (+ is_development_environment)", async () => {
    const res = await emu.fetch("/internal/projects/current");
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual([
      "id", "display_name", "description", "logo_url", "logo_full_url", "logo_dark_mode_url", "logo_full_dark_mode_url",
      "created_at_millis", "is_production_mode", "is_development_environment", "owner_team_id", "onboarding_status", "config",
    ]);
    expect(res.body.id).toBe(DEMO.projectId);
    expect(res.body.config).toEqual({
      allow_localhost: true,
      client_team_creation_enabled: false,
      client_user_deletion_enabled: false,
      sign_up_enabled: true,
      oauth_account_merge_strategy: "link_method",
      create_team_on_sign_up: false,
      credential_enabled: true,
      magic_link_enabled: false,
      passkey_enabled: false,
      oauth_providers: [],
      enabled_oauth_providers: [],
      domains: [],
      email_config: { type: "shared" },
      email_theme: "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac",
      team_creator_default_permissions: [{ id: "team_admin" }],
      team_member_default_permissions: [{ id: "team_member" }],
      user_default_permissions: [],
      allow_user_api_keys: false,
      allow_team_api_keys: false,
    });
    expect(Object.keys(res.body.config)).toEqual(Object.keys(res.body.config)); // order asserted through toEqual keys below
    expect(Object.keys(res.body.config)[0]).toBe("allow_localhost");
    expect(Object.keys(res.body.config).at(-1)).toBe("allow_team_api_keys");
  });

  it("is admin only; GET /projects/current gives the client view to every access type", async () => {
    expectKnownError(await emu.fetch("/internal/projects/current", { accessType: "server" }), "INSUFFICIENT_ACCESS_TYPE", 401);
    for (const accessType of ["client", "server", "admin"] as const) {
      const res = await emu.fetch("/projects/current", { accessType });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(["id", "display_name", "config"]);
      expect(Object.keys(res.body.config)).toEqual([
        "sign_up_enabled", "credential_enabled", "magic_link_enabled", "passkey_enabled", "client_team_creation_enabled",
        "client_user_deletion_enabled", "allow_localhost", "allow_user_api_keys", "allow_team_api_keys", "enabled_oauth_providers", "domains",
      ]);
    }
  });
});

describe("PATCH /internal/projects/current (projectsCrudAdminUpdateSchema)", () => {
  it("updates top-level fields; description null is stored as empty string", async () => {
    const res = await patch({ display_name: "Renamed", description: "Hello", is_production_mode: true, logo_url: "https://example.com/logo.png", onboarding_status: "welcome" });
    expect(res.status).toBe(200);
    expect(res.body.display_name).toBe("Renamed");
    expect(res.body.description).toBe("Hello");
    expect(res.body.is_production_mode).toBe(true);
    expect(res.body.logo_url).toBe("https://example.com/logo.png");
    expect(res.body.onboarding_status).toBe("welcome");
    const cleared = await patch({ description: null, logo_url: null });
    expect(cleared.body.description).toBe("");
    expect(cleared.body.logo_url).toBeNull();
    expect((await emu.fetch("/projects/current", { accessType: "client" })).body.display_name).toBe("Renamed");
  });

  it("maps booleans to the config-key model (visible in /internal/config and to auth)", async () => {
    const res = await patch({ config: { sign_up_enabled: false, magic_link_enabled: true, allow_user_api_keys: true, create_team_on_sign_up: true, oauth_account_merge_strategy: "raise_error", client_team_creation_enabled: true } });
    expect(res.status).toBe(200);
    expect(res.body.config).toMatchObject({ sign_up_enabled: false, magic_link_enabled: true, allow_user_api_keys: true, create_team_on_sign_up: true, oauth_account_merge_strategy: "raise_error", client_team_creation_enabled: true });
    const cfg = await getConfig();
    expect(cfg.auth.allowSignUp).toBe(false);
    expect(cfg.auth.otp.allowSignIn).toBe(true);
    expect(cfg.apiKeys.enabled.user).toBe(true);
    expect(cfg.teams.createPersonalTeamOnSignUp).toBe(true);
    expect(cfg.auth.oauth.accountMergeStrategy).toBe("raise_error");
    // The legacy PATCH lands in the environment override.
    const env = JSON.parse((await emu.fetch("/internal/config/override/environment")).body.config_string);
    expect(env.auth.allowSignUp).toBe(false);
    await patch({ config: { sign_up_enabled: true, magic_link_enabled: false, allow_user_api_keys: false, create_team_on_sign_up: false, oauth_account_merge_strategy: "link_method", client_team_creation_enabled: false } });
  });

  it("oauth_providers replace the whole set, sorted by id, with provider_config_id", async () => {
    const res = await patch({
      config: {
        oauth_providers: [
          { id: "github", type: "standard", client_id: "gh-id", client_secret: "gh-secret" },
          { id: "google", type: "shared" },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.config.oauth_providers).toEqual([
      { provider_config_id: "github", id: "github", type: "standard", client_id: "gh-id", client_secret: "gh-secret" },
      { provider_config_id: "google", id: "google", type: "shared" },
    ]);
    expect(res.body.config.enabled_oauth_providers).toEqual([{ id: "github" }, { id: "google" }]);
    const replaced = await patch({ config: { oauth_providers: [{ id: "microsoft", type: "shared" }] } });
    expect(replaced.body.config.oauth_providers).toEqual([{ provider_config_id: "microsoft", id: "microsoft", type: "shared" }]);
    expect((await getConfig()).auth.oauth.providers).toEqual({ microsoft: { type: "microsoft", isShared: true, allowSignIn: true, allowConnectedAccounts: true } });
    const cleared = await patch({ config: { oauth_providers: [] } });
    expect(cleared.body.config.oauth_providers).toEqual([]);
  });

  it("oauth_providers: standard needs client_id/secret; shared only for providers with shared keys", async () => {
    const missing = expectKnownError(await patch({ config: { oauth_providers: [{ id: "github", type: "standard", client_id: "x" }] } }), "SCHEMA_ERROR", 400);
    expect(missing.error).toContain("body.config.oauth_providers.0.client_secret");
    const shared = expectKnownError(await patch({ config: { oauth_providers: [{ id: "discord", type: "shared" }] } }), "INVALID_SHARED_OAUTH_PROVIDER_ID", 400);
    expect(shared.details).toEqual({ provider_id: "discord" });
    expectKnownError(await patch({ config: { oauth_providers: [{ id: "myspace", type: "shared" }] } }), "SCHEMA_ERROR", 400);
    expect((await emu.fetch("/internal/projects/current")).body.config.oauth_providers).toEqual([]);
  });

  it("domains replace the list, sorted by domain; both fields validated", async () => {
    const res = await patch({ config: { domains: [{ domain: "https://b.example.com", handler_path: "/handler" }, { domain: "http://a.example.com", handler_path: "/auth" }] } });
    expect(res.body.config.domains).toEqual([
      { domain: "http://a.example.com", handler_path: "/auth" },
      { domain: "https://b.example.com", handler_path: "/handler" },
    ]);
    const replaced = await patch({ config: { domains: [{ domain: "https://c.example.com", handler_path: "/handler" }] } });
    expect(replaced.body.config.domains).toEqual([{ domain: "https://c.example.com", handler_path: "/handler" }]);
    expect((await emu.fetch("/projects/current", { accessType: "client" })).body.config.domains).toEqual([{ domain: "https://c.example.com", handler_path: "/handler" }]);
    const bad = expectKnownError(await patch({ config: { domains: [{ domain: "ftp://x.example.com", handler_path: "handler" }] } }), "SCHEMA_ERROR", 400);
    expect(bad.error).toContain("body.config.domains.0.domain");
    expect(bad.error).toContain("body.config.domains.0.handler_path");
  });

  it("email_config: standard requires every field and is returned in clear text; shared resets", async () => {
    const bad = expectKnownError(await patch({ config: { email_config: { type: "standard", host: "smtp.example.com" } } }), "SCHEMA_ERROR", 400);
    expect(bad.error).toContain("body.config.email_config.password");
    const cfg = { type: "standard", host: "smtp.example.com", port: 587, username: "u", password: "p", sender_name: "Example", sender_email: "noreply@example.com" };
    const res = await patch({ config: { email_config: cfg } });
    expect(res.body.config.email_config).toEqual(cfg);
    const shared = await patch({ config: { email_config: { type: "shared" } } });
    expect(shared.body.config.email_config).toEqual({ type: "shared" });
  });

  it("email_theme must be an existing theme (400 text)", async () => {
    const ok = await patch({ config: { email_theme: "a0172b5d-cff0-463b-83bb-85124697373a" } });
    expect(ok.body.config.email_theme).toBe("a0172b5d-cff0-463b-83bb-85124697373a");
    const bad = await patch({ config: { email_theme: "3f2b5c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b" } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(bad.headers.get("x-stack-known-error")).toBeNull();
    await patch({ config: { email_theme: "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac" } });
  });

  it("default permissions must exist (400 text) and replace the previous set", async () => {
    const res = await patch({ config: { team_member_default_permissions: [{ id: "team_admin" }, { id: "$read_members" }] } });
    expect(res.body.config.team_member_default_permissions).toEqual([{ id: "$read_members" }, { id: "team_admin" }]);
    const bad = await patch({ config: { team_creator_default_permissions: [{ id: "nope" }] } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-stack-known-error")).toBeNull();
    const badUser = await patch({ config: { user_default_permissions: [{ id: "team_admin" }] } });
    expect(badUser.status).toBe(400);
    const back = await patch({ config: { team_member_default_permissions: [{ id: "team_member" }] } });
    expect(back.body.config.team_member_default_permissions).toEqual([{ id: "team_member" }]);
    expect((await getConfig()).rbac.defaultPermissions.teamMember).toEqual({ team_member: true });
  });

  it("rejects unknown properties", async () => {
    expectKnownError(await patch({ config: { nope: true } }), "SCHEMA_ERROR", 400);
    expectKnownError(await patch({ nope: true }), "SCHEMA_ERROR", 400);
  });
});

describe("config overrides (/internal/config/override/:level)", () => {
  it("/internal/config renders the model with rbac.permissions from the definitions and the built-in e-mail templates", async () => {
    const cfg = await getConfig();
    expect(cfg.rbac.permissions.team_admin).toMatchObject({ scope: "team" });
    expect(Object.keys(cfg.rbac.permissions.team_member.containedPermissionIds).sort()).toEqual(["$invite_members", "$read_members"]);
    expect(cfg.emails.templates["a70fb3a4-56c1-4e42-af25-49d25603abd0"].displayName).toBe("Password Reset");
    expect(cfg.emails.themes["a0172b5d-cff0-463b-83bb-85124697373a"].displayName).toBe("Default Dark");
  });

  it("PATCH with dotted keys merges into the level; legacy config reflects it", async () => {
    const res = await emu.fetch("/internal/config/override/environment", { method: "PATCH", body: { config_override_string: JSON.stringify({ "auth.passkey.allowSignIn": true }) } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    expect((await emu.fetch("/internal/projects/current")).body.config.passkey_enabled).toBe(true);
    const env = JSON.parse((await emu.fetch("/internal/config/override/environment")).body.config_string);
    expect(env.auth.passkey.allowSignIn).toBe(true);
    await emu.fetch("/internal/config/override/environment/reset-keys", { method: "POST", body: { keys: ["auth.passkey.allowSignIn"] } });
    expect((await emu.fetch("/internal/projects/current")).body.config.passkey_enabled).toBe(false);
  });

  it("project level controls requirePublishableClientKey (as the SDK's project.update does)", async () => {
    await emu.fetch("/internal/config/override/project", { method: "PATCH", body: { config_override_string: JSON.stringify({ "project.requirePublishableClientKey": false }) } });
    const noKey = await emu.fetch("/projects/current", { accessType: null, headers: { "x-stack-project-id": DEMO.projectId, "x-stack-access-type": "client" } });
    expect(noKey.status).toBe(200);
    expect(JSON.parse((await emu.fetch("/internal/config/override/project")).body.config_string)).toEqual({ project: { requirePublishableClientKey: false } });
    await emu.fetch("/internal/config/override/project", { method: "PUT", body: { config_string: "{}" } });
    expectKnownError(
      await emu.fetch("/projects/current", { accessType: null, headers: { "x-stack-project-id": DEMO.projectId, "x-stack-access-type": "client" } }),
      "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT",
      401,
    );
  });

  it("PUT replaces a level; branch level needs a source; source can be read and unlinked", async () => {
    expect((await emu.fetch("/internal/config/override/branch", { method: "PUT", body: { config_string: "{}" } })).status).toBe(400);
    const put = await emu.fetch("/internal/config/override/branch", {
      method: "PUT",
      body: { config_string: JSON.stringify({ users: { allowClientUserDeletion: true }, teams: { allowClientTeamCreation: true } }), source: { type: "pushed-from-unknown" } },
    });
    expect(put.status).toBe(200);
    const after = (await emu.fetch("/internal/projects/current")).body.config;
    expect(after.client_user_deletion_enabled).toBe(true);
    // The environment level (written by the legacy PATCH earlier) outranks the branch level.
    expect(after.client_team_creation_enabled).toBe(false);
    expect((await emu.fetch("/internal/config/source")).body).toEqual({ source: { type: "pushed-from-unknown" } });
    expect((await emu.fetch("/internal/config/source", { method: "DELETE" })).status).toBe(200);
    expect((await emu.fetch("/internal/config/source")).body).toEqual({ source: { type: "unlinked" } });
    await emu.fetch("/internal/config/override/branch", { method: "PUT", body: { config_string: "{}", source: { type: "unlinked" } } });
    expect((await emu.fetch("/internal/projects/current")).body.config.client_user_deletion_enabled).toBe(false);
  });

  it("errors: bad level, invalid JSON, server access outside the branch level", async () => {
    expectKnownError(await emu.fetch("/internal/config/override/organization"), "SCHEMA_ERROR", 400);
    const bad = await emu.fetch("/internal/config/override/environment", { method: "PATCH", body: { config_override_string: "{nope" } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Invalid config JSON");
    expect((await emu.fetch("/internal/config/override/environment", { accessType: "server" })).status).toBe(403);
    expect((await emu.fetch("/internal/config/override/branch", { accessType: "server" })).status).toBe(200);
    expectKnownError(await emu.fetch("/internal/config", { accessType: "server" }), "INSUFFICIENT_ACCESS_TYPE", 401);
  });
});

describe("DELETE /internal/projects/current", () => {
  it("removes the project with everything; later requests answer CURRENT_PROJECT_NOT_FOUND", async () => {
    const projectId = crypto.randomUUID();
    createProject(emu.db, { id: projectId, displayName: "Doomed" });
    const sak = randomKey("sak_");
    emu.db
      .prepare("INSERT INTO api_key_sets (id, project_id, description, created_at_millis, expires_at_millis, super_secret_admin_key) VALUES (?, ?, 'k', ?, ?, ?)")
      .run(crypto.randomUUID(), projectId, Date.now(), 4102444800000, sak);
    const headers = { "x-stack-project-id": projectId, "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": sak };
    const userId = crypto.randomUUID();
    emu.db.prepare("INSERT INTO users (id, project_id, signed_up_at_millis, last_active_at_millis) VALUES (?, ?, ?, ?)").run(userId, projectId, Date.now(), Date.now());
    emu.db.prepare("INSERT INTO emulator_outbox (id, project_id, kind, payload_json, created_at_millis) VALUES (?, ?, 'email', '{}', ?)").run(crypto.randomUUID(), projectId, Date.now());
    // touch the layered config so that table has a row too
    await emu.fetch("/internal/projects/current", { accessType: null, headers: { ...headers, "content-type": "application/json" }, method: "PATCH", rawBody: JSON.stringify({ config: { sign_up_enabled: false } }) });

    const res = await emu.fetch("/internal/projects/current", { accessType: null, headers, method: "DELETE" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    expectKnownError(await emu.fetch("/internal/projects/current", { accessType: null, headers }), "CURRENT_PROJECT_NOT_FOUND", 400);
    for (const table of ["users", "api_key_sets", "permission_definitions", "emulator_outbox", "project_config_layers"]) {
      expect(emu.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE project_id = ?`).pluck().get(projectId)).toBe(0);
    }
    // The demo project is untouched.
    expect((await emu.fetch("/internal/projects/current")).status).toBe(200);
  });
});
