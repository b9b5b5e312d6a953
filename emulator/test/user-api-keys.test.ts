import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessTokenFor } from "./fixtures";
import { DEMO, expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let alice: string;
let bob: string;
let team: string;
let aliceToken: string;
let bobToken: string;

const now = () => Date.now();
function insertUser(email: string) {
  const id = crypto.randomUUID();
  emu.db.prepare("INSERT INTO users (id, project_id, signed_up_at_millis, last_active_at_millis) VALUES (?, ?, ?, ?)").run(id, DEMO.projectId, now(), now());
  emu.db
    .prepare("INSERT INTO contact_channels (id, project_id, user_id, type, value, value_lower, is_primary, is_verified, used_for_auth, created_at_millis) VALUES (?, ?, ?, 'email', ?, ?, 1, 1, 1, ?)")
    .run(crypto.randomUUID(), DEMO.projectId, id, email, email.toLowerCase(), now());
  return id;
}
const asClient = (token: string) => ({ accessType: "client" as const, headers: { "x-stack-access-token": token } });

beforeAll(async () => {
  emu = await startTestEmulator();
  alice = insertUser("alice@example.com");
  bob = insertUser("bob@example.com");
  team = crypto.randomUUID();
  emu.db.prepare("INSERT INTO teams (id, project_id, display_name, created_at_millis) VALUES (?, ?, 'Team', ?)").run(team, DEMO.projectId, now());
  for (const u of [alice, bob]) emu.db.prepare("INSERT INTO team_members (project_id, team_id, user_id, created_at_millis) VALUES (?, ?, ?, ?)").run(DEMO.projectId, team, u, now());
  // alice: team_admin (contains $manage_api_keys); bob: team_member (does not)
  emu.db.prepare("INSERT INTO team_permissions (project_id, team_id, user_id, permission_id) VALUES (?, ?, ?, 'team_admin')").run(DEMO.projectId, team, alice);
  emu.db.prepare("INSERT INTO team_permissions (project_id, team_id, user_id, permission_id) VALUES (?, ?, ?, 'team_member')").run(DEMO.projectId, team, bob);
  aliceToken = await accessTokenFor(emu, alice);
  bobToken = await accessTokenFor(emu, bob);
});
afterAll(() => emu.stop());

const enable = (user: boolean, teamKeys: boolean) =>
  emu.fetch("/internal/projects/current", { method: "PATCH", body: { config: { allow_user_api_keys: user, allow_team_api_keys: teamKeys } } });

describe("user API keys", () => {
  it("are refused while the project has them disabled (400 text, as real servers do)", async () => {
    const res = await emu.fetch("/user-api-keys", { method: "POST", accessType: "server", body: { user_id: alice, description: "x", expires_at_millis: null } });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-stack-known-error")).toBeNull();
    expect(res.text).toContain("not enabled");
    await enable(true, true);
  });

  it("create (200) shows the value once; list/get show last_four only", async () => {
    const res = await emu.fetch("/user-api-keys", { method: "POST", accessType: "server", body: { user_id: alice, description: "CLI", expires_at_millis: null } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ description: "CLI", is_public: false, user_id: alice, type: "user" });
    expect(res.body.expires_at_millis).toBeUndefined();
    expect(res.body.value).toMatch(/^sk_[a-z2-7]{45}[0-9a-f]{32}user[a-z2-7]574ck4u7h[0-9a-f]{8}$/);
    expect(res.body.value).toContain(res.body.id.replace(/-/g, ""));
    expect(Object.keys(res.body)).toEqual(["id", "description", "is_public", "created_at_millis", "value", "user_id", "type"]);

    const pub = await emu.fetch("/user-api-keys", { method: "POST", accessType: "server", body: { user_id: alice, description: "public", expires_at_millis: now() + 60_000, is_public: true } });
    expect(pub.body.value).toMatch(/^pk_/);
    expect(pub.body.expires_at_millis).toBeGreaterThan(now());

    const list = await emu.fetch(`/user-api-keys?user_id=${alice}`, { accessType: "server" });
    expect(list.status).toBe(200);
    expect(list.body.is_paginated).toBe(false);
    expect(list.body.items.map((k: { id: string }) => k.id)).toEqual([pub.body.id, res.body.id]);
    expect(list.body.items[1].value).toEqual({ last_four: res.body.value.slice(-4) });
    expect(list.text).not.toContain(res.body.value);

    const got = await emu.fetch(`/user-api-keys/${res.body.id}?user_id=${alice}`, { accessType: "admin" });
    expect(got.body).toEqual(list.body.items[1]);
  });

  it("patch updates the description and revokes permanently; /check reports each state", async () => {
    const k = (await emu.fetch("/user-api-keys", { method: "POST", accessType: "server", body: { user_id: alice, description: "to revoke", expires_at_millis: null } })).body;
    const check = () => emu.fetch("/user-api-keys/check", { method: "POST", accessType: "server", body: { api_key: k.value } });
    const ok = await check();
    expect(ok.status).toBe(200);
    expect(ok.body.id).toBe(k.id);
    expect(ok.body.value).toEqual({ last_four: k.value.slice(-4) });

    const p1 = await emu.fetch(`/user-api-keys/${k.id}?user_id=${alice}`, { method: "PATCH", accessType: "server", body: { description: "renamed", revoked: true } });
    expect(p1.status).toBe(200);
    expect(p1.body.description).toBe("renamed");
    expect(typeof p1.body.manually_revoked_at_millis).toBe("number");
    await new Promise((r) => setTimeout(r, 5));
    const p2 = await emu.fetch(`/user-api-keys/${k.id}?user_id=${alice}`, { method: "PATCH", accessType: "server", body: { revoked: true } });
    expect(p2.body.manually_revoked_at_millis).toBe(p1.body.manually_revoked_at_millis);
    expectKnownError(await check(), "API_KEY_REVOKED", 401);

    const expiring = (await emu.fetch("/user-api-keys", { method: "POST", accessType: "server", body: { user_id: alice, description: "short", expires_at_millis: now() + 200 } })).body;
    await new Promise((r) => setTimeout(r, 300));
    expectKnownError(await emu.fetch("/user-api-keys/check", { method: "POST", accessType: "server", body: { api_key: expiring.value } }), "API_KEY_EXPIRED", 401);
    expectKnownError(await emu.fetch("/user-api-keys/check", { method: "POST", accessType: "server", body: { api_key: "sk_nope" } }), "API_KEY_NOT_FOUND", 404);
    expectKnownError(await emu.fetch("/user-api-keys/check", { method: "POST", accessType: "client", body: { api_key: k.value } }), "INSUFFICIENT_ACCESS_TYPE", 401);
  });

  it("errors: unknown key, other user's key, revoked:false, unknown user", async () => {
    const k = (await emu.fetch("/user-api-keys", { method: "POST", accessType: "server", body: { user_id: alice, description: "a", expires_at_millis: null } })).body;
    expectKnownError(await emu.fetch(`/user-api-keys/${crypto.randomUUID()}?user_id=${alice}`, { accessType: "server" }), "API_KEY_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/user-api-keys/${k.id}?user_id=${bob}`, { accessType: "server" }), "API_KEY_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/user-api-keys/${k.id}?user_id=${alice}`, { method: "PATCH", accessType: "server", body: { revoked: false } }), "SCHEMA_ERROR", 400);
    expectKnownError(await emu.fetch("/user-api-keys", { method: "POST", accessType: "server", body: { user_id: crypto.randomUUID(), description: "a", expires_at_millis: null } }), "USER_ID_DOES_NOT_EXIST", 400);
    const missing = expectKnownError(await emu.fetch("/user-api-keys", { method: "POST", accessType: "server", body: { user_id: alice, description: "a" } }), "SCHEMA_ERROR", 400);
    expect(missing.error).toContain("body.expires_at_millis must be defined");
    expectKnownError(await emu.fetch("/user-api-keys", { accessType: "server" }), "SCHEMA_ERROR", 400);
  });

  it("client access: own user only (me or own id), 403 text for others, signed-in user required", async () => {
    const mine = await emu.fetch("/user-api-keys", { method: "POST", ...asClient(aliceToken), body: { user_id: "me", description: "mine", expires_at_millis: null } });
    expect(mine.status).toBe(200);
    expect(mine.body.user_id).toBe(alice);
    const list = await emu.fetch("/user-api-keys?user_id=me", asClient(aliceToken));
    expect(list.body.items.some((x: { id: string }) => x.id === mine.body.id)).toBe(true);
    const other = await emu.fetch(`/user-api-keys?user_id=${alice}`, asClient(bobToken));
    expect(other.status).toBe(403);
    expect(other.headers.get("x-stack-known-error")).toBeNull();
    expect((await emu.fetch(`/user-api-keys/${mine.body.id}`, asClient(bobToken))).status).toBe(403);
    expectKnownError(await emu.fetch("/user-api-keys?user_id=me", { accessType: "client" }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
    expectKnownError(await emu.fetch(`/user-api-keys?user_id=${alice}`, { accessType: "client" }), "USER_AUTHENTICATION_REQUIRED", 401);
  });
});

describe("team API keys", () => {
  it("server creates/lists/gets; the value carries the team type", async () => {
    const k = await emu.fetch("/team-api-keys", { method: "POST", accessType: "server", body: { team_id: team, description: "deploy", expires_at_millis: null } });
    expect(k.status).toBe(200);
    expect(k.body).toMatchObject({ team_id: team, type: "team" });
    expect(Object.keys(k.body)).toEqual(["id", "description", "is_public", "created_at_millis", "value", "team_id", "type"]);
    expect(k.body.value).toMatch(/team[a-z2-7]574ck4u7h[0-9a-f]{8}$/);
    const list = await emu.fetch(`/team-api-keys?team_id=${team}`, { accessType: "server" });
    expect(list.body.items[0].id).toBe(k.body.id);
    expect((await emu.fetch(`/team-api-keys/${k.body.id}?team_id=${team}`, { accessType: "server" })).body.id).toBe(k.body.id);
    // wrong kind at either check endpoint
    const wrong = expectKnownError(await emu.fetch("/user-api-keys/check", { method: "POST", accessType: "server", body: { api_key: k.body.value } }), "WRONG_API_KEY_TYPE", 400);
    expect(wrong.details).toEqual({ expected_type: "user", actual_type: "team" });
    expect((await emu.fetch("/team-api-keys/check", { method: "POST", accessType: "server", body: { api_key: k.body.value } })).status).toBe(200);
    // a team key is not found under /user-api-keys/{id}
    expectKnownError(await emu.fetch(`/user-api-keys/${k.body.id}`, { accessType: "server" }), "API_KEY_NOT_FOUND", 404);
    expectKnownError(await emu.fetch("/team-api-keys", { method: "POST", accessType: "server", body: { team_id: crypto.randomUUID(), description: "x", expires_at_millis: null } }), "TEAM_NOT_FOUND", 404);
  });

  it("client access needs $manage_api_keys in the team (effective permissions, recursive)", async () => {
    const ok = await emu.fetch("/team-api-keys", { method: "POST", ...asClient(aliceToken), body: { team_id: team, description: "alice", expires_at_millis: null } });
    expect(ok.status).toBe(200);
    const denied = expectKnownError(
      await emu.fetch("/team-api-keys", { method: "POST", ...asClient(bobToken), body: { team_id: team, description: "bob", expires_at_millis: null } }),
      "TEAM_PERMISSION_REQUIRED",
      401,
    );
    expect(denied.details).toEqual({ team_id: team, user_id: bob, permission_id: "$manage_api_keys" });
    expectKnownError(await emu.fetch(`/team-api-keys?team_id=${team}`, asClient(bobToken)), "TEAM_PERMISSION_REQUIRED", 401);
    expectKnownError(await emu.fetch(`/team-api-keys/${ok.body.id}?team_id=${team}`, { method: "PATCH", ...asClient(bobToken), body: { revoked: true } }), "TEAM_PERMISSION_REQUIRED", 401);
    // grant the system permission directly → allowed
    emu.db.prepare("INSERT INTO team_permissions (project_id, team_id, user_id, permission_id) VALUES (?, ?, ?, '$manage_api_keys')").run(DEMO.projectId, team, bob);
    expect((await emu.fetch(`/team-api-keys?team_id=${team}`, asClient(bobToken))).status).toBe(200);
  });
});
