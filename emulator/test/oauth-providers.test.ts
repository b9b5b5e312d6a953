import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";
import { createTestUser, signIn, userHeaders } from "./fixtures";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
  // Three configured providers: a standard google app, shared github keys, and a second github app under its own key.
  const row = emu.db.prepare("SELECT config_json FROM projects WHERE id = ?").pluck().get(DEMO.projectId) as string;
  const cfg = JSON.parse(row);
  cfg.auth.oauth.providers = {
    google: { type: "google", isShared: false, clientId: "cid", clientSecret: "secret", allowSignIn: true, allowConnectedAccounts: true },
    github: { type: "github", isShared: true, allowSignIn: true, allowConnectedAccounts: true },
    "github-enterprise": { type: "github", isShared: false, clientId: "c2", clientSecret: "s2", allowSignIn: true, allowConnectedAccounts: true },
  };
  emu.db.prepare("UPDATE projects SET config_json = ? WHERE id = ?").run(JSON.stringify(cfg), DEMO.projectId);
});
afterAll(() => emu.stop());

const UNKNOWN = "3f2b5c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b";
const uniq = () => Math.random().toString(36).slice(2, 10);
const SERVER_KEYS = ["user_id", "id", "email", "provider_config_id", "type", "allow_sign_in", "allow_connected_accounts", "account_id"];

async function link(userId: string, body: Record<string, unknown> = {}) {
  const res = await emu.fetch("/oauth-providers", {
    method: "POST",
    accessType: "server",
    body: { user_id: userId, provider_config_id: "google", account_id: `acc-${uniq()}`, allow_sign_in: false, allow_connected_accounts: true, ...body },
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe("POST /oauth-providers", () => {
  it("links an account (201) and the user object shows it in oauth_providers", async () => {
    const u = await createTestUser(emu);
    const res = await emu.fetch("/oauth-providers", {
      method: "POST",
      accessType: "admin",
      body: { user_id: u.id, provider_config_id: "google", account_id: "g-123", email: "g@example.com", allow_sign_in: true, allow_connected_accounts: true },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(SERVER_KEYS);
    expect(res.body).toMatchObject({
      user_id: u.id,
      email: "g@example.com",
      provider_config_id: "google",
      type: "google",
      allow_sign_in: true,
      allow_connected_accounts: true,
      account_id: "g-123",
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const user = await emu.fetch(`/users/${u.id}`, { accessType: "server" });
    if (user.status === 200) expect(user.body.oauth_providers).toEqual([{ id: "google", account_id: "g-123", email: "g@example.com" }]);
    const list = await emu.fetch(`/oauth-providers?user_id=${u.id}`, { accessType: "server" });
    expect(list.body).toEqual({ items: [res.body], is_paginated: false });
  });

  it("omits email when none was given and resolves the type from the provider config", async () => {
    const u = await createTestUser(emu);
    const created = await link(u.id, { provider_config_id: "github-enterprise" });
    expect("email" in created).toBe(false);
    expect(created.type).toBe("github");
    expect(created.provider_config_id).toBe("github-enterprise");
  });

  it("enforces the linking rules", async () => {
    const a = await createTestUser(emu);
    const b = await createTestUser(emu);
    const acc = `acc-${uniq()}`;
    await link(a.id, { account_id: acc, allow_sign_in: true });
    // Same provider with sign-in already enabled on this user → 400 text.
    const twoSignIn = await emu.fetch("/oauth-providers", {
      method: "POST",
      accessType: "server",
      body: { user_id: a.id, provider_config_id: "google", account_id: `other-${uniq()}`, allow_sign_in: true, allow_connected_accounts: false },
    });
    expect(twoSignIn.status).toBe(400);
    expect(twoSignIn.headers.get("content-type")).toMatch(/^text\/plain/);
    // Same provider + account on this user → 400 text.
    const sameAccount = await emu.fetch("/oauth-providers", {
      method: "POST",
      accessType: "server",
      body: { user_id: a.id, provider_config_id: "google", account_id: acc, allow_sign_in: false, allow_connected_accounts: true },
    });
    expect(sameAccount.status).toBe(400);
    expect(sameAccount.headers.get("x-stack-known-error")).toBeNull();
    // Same account used for sign-in by another user → known error.
    expectKnownError(
      await emu.fetch("/oauth-providers", {
        method: "POST",
        accessType: "server",
        body: { user_id: b.id, provider_config_id: "google", account_id: acc, allow_sign_in: true, allow_connected_accounts: false },
      }),
      "OAUTH_PROVIDER_ACCOUNT_ID_ALREADY_USED_FOR_SIGN_IN",
      400,
    );
    // …but linking it without sign-in is fine.
    await link(b.id, { account_id: acc, allow_sign_in: false });
    // Unknown provider config → 404 text; unknown user → USER_NOT_FOUND.
    const unknownProvider = await emu.fetch("/oauth-providers", {
      method: "POST",
      accessType: "server",
      body: { user_id: a.id, provider_config_id: "gitlab", account_id: "x", allow_sign_in: false, allow_connected_accounts: false },
    });
    expect(unknownProvider.status).toBe(404);
    expect(unknownProvider.headers.get("content-type")).toMatch(/^text\/plain/);
    expectKnownError(
      await emu.fetch("/oauth-providers", {
        method: "POST",
        accessType: "server",
        body: { user_id: UNKNOWN, provider_config_id: "google", account_id: "x", allow_sign_in: false, allow_connected_accounts: false },
      }),
      "USER_NOT_FOUND",
      404,
    );
    expect((await emu.fetch(`/oauth-providers?user_id=${a.id}`, { accessType: "server" })).body.items).toHaveLength(1);
  });

  it("validates the body and refuses client access", async () => {
    const u = await createTestUser(emu);
    const bad = expectKnownError(
      await emu.fetch("/oauth-providers", { method: "POST", accessType: "server", body: { user_id: u.id, provider_config_id: "google", email: "nope", extra: 1 } }),
      "SCHEMA_ERROR",
      400,
    );
    expect(bad.error).toContain("body.email must be a valid email");
    expect(bad.error).toContain("body.account_id must be defined");
    expect(bad.error).toContain("body contains unknown properties: extra");
    expectKnownError(
      await emu.fetch("/oauth-providers", {
        method: "POST",
        accessType: "client",
        body: { user_id: u.id, provider_config_id: "google", account_id: "x", allow_sign_in: false, allow_connected_accounts: false },
      }),
      "INSUFFICIENT_ACCESS_TYPE",
      401,
    );
  });
});

describe("GET/PATCH/DELETE /oauth-providers/{user_id}/{id}", () => {
  it("reads, updates and deletes a link", async () => {
    const u = await createTestUser(emu);
    const created = await link(u.id, { email: "first@example.com" });
    const read = await emu.fetch(`/oauth-providers/${u.id}/${created.id}`, { accessType: "server" });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created);

    const patched = await emu.fetch(`/oauth-providers/${u.id}/${created.id}`, {
      method: "PATCH",
      accessType: "admin",
      body: { allow_sign_in: true, allow_connected_accounts: false, email: "second@example.com", account_id: "new-account" },
    });
    expect(patched.status).toBe(200);
    expect(Object.keys(patched.body)).toEqual(SERVER_KEYS);
    expect(patched.body).toMatchObject({ id: created.id, allow_sign_in: true, allow_connected_accounts: false, email: "second@example.com", account_id: "new-account" });
    expect((await emu.fetch(`/oauth-providers/${u.id}/${created.id}`, { accessType: "server" })).body).toEqual(patched.body);

    const del = await emu.fetch(`/oauth-providers/${u.id}/${created.id}`, { method: "DELETE", accessType: "server" });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true });
    expect((await emu.fetch(`/oauth-providers?user_id=${u.id}`, { accessType: "server" })).body.items).toEqual([]);
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const res = await emu.fetch(`/oauth-providers/${u.id}/${created.id}`, { method, accessType: "server", ...(method === "PATCH" ? { body: {} } : {}) });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    }
    expectKnownError(await emu.fetch(`/oauth-providers/${UNKNOWN}/${created.id}`, { accessType: "server" }), "USER_NOT_FOUND", 404);
    const badId = expectKnownError(await emu.fetch(`/oauth-providers/${u.id}/google`, { accessType: "server" }), "SCHEMA_ERROR", 400);
    expect(badId.error).toContain("params.provider_id must be a valid UUID");
  });

  it("PATCH applies the linking rules", async () => {
    const a = await createTestUser(emu);
    const b = await createTestUser(emu);
    const signInAcc = `si-${uniq()}`;
    await link(a.id, { account_id: signInAcc, allow_sign_in: true });
    const second = await link(a.id, { allow_sign_in: false });
    const twoSignIn = await emu.fetch(`/oauth-providers/${a.id}/${second.id}`, { method: "PATCH", accessType: "server", body: { allow_sign_in: true } });
    expect(twoSignIn.status).toBe(400);
    const sameAcc = await emu.fetch(`/oauth-providers/${a.id}/${second.id}`, { method: "PATCH", accessType: "server", body: { account_id: signInAcc } });
    expect(sameAcc.status).toBe(400);
    const bLink = await link(b.id, { account_id: signInAcc, allow_sign_in: false });
    expectKnownError(
      await emu.fetch(`/oauth-providers/${b.id}/${bLink.id}`, { method: "PATCH", accessType: "server", body: { allow_sign_in: true } }),
      "OAUTH_PROVIDER_ACCOUNT_ID_ALREADY_USED_FOR_SIGN_IN",
      400,
    );
    expect((await emu.fetch(`/oauth-providers/${b.id}/${bLink.id}`, { accessType: "server" })).body.allow_sign_in).toBe(false);
  });

  it("client: own links only, no account_id in responses, only sign-in/connected flags writable", async () => {
    const a = await createTestUser(emu);
    const b = await createTestUser(emu);
    const mine = await link(a.id, { email: "me@example.com" });
    const theirs = await link(b.id);
    const t = await signIn(emu, a.id);
    const h = userHeaders(t.accessToken);
    const list = await emu.fetch("/oauth-providers?user_id=me", { accessType: "client", headers: h });
    expect(list.status).toBe(200);
    const { account_id: _omit, ...clientShape } = mine;
    expect(list.body.items).toEqual([clientShape]);
    const read = await emu.fetch(`/oauth-providers/me/${mine.id}`, { accessType: "client", headers: h });
    expect(read.body).toEqual(clientShape);
    const patch = await emu.fetch(`/oauth-providers/me/${mine.id}`, { method: "PATCH", accessType: "client", headers: h, body: { allow_connected_accounts: false } });
    expect(patch.status).toBe(200);
    expect(patch.body.allow_connected_accounts).toBe(false);
    const forbiddenField = expectKnownError(
      await emu.fetch(`/oauth-providers/me/${mine.id}`, { method: "PATCH", accessType: "client", headers: h, body: { account_id: "x" } }),
      "SCHEMA_ERROR",
      400,
    );
    expect(forbiddenField.error).toContain("body contains unknown properties: account_id");
    for (const res of [
      await emu.fetch(`/oauth-providers?user_id=${b.id}`, { accessType: "client", headers: h }),
      await emu.fetch("/oauth-providers", { accessType: "client", headers: h }),
      await emu.fetch(`/oauth-providers/${b.id}/${theirs.id}`, { accessType: "client", headers: h }),
      await emu.fetch(`/oauth-providers/${b.id}/${theirs.id}`, { method: "PATCH", accessType: "client", headers: h, body: { allow_sign_in: true } }),
      await emu.fetch(`/oauth-providers/${b.id}/${theirs.id}`, { method: "DELETE", accessType: "client", headers: h }),
      await emu.fetch(`/connected-accounts/${b.id}`, { accessType: "client", headers: h }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    }
    const del = await emu.fetch(`/oauth-providers/me/${mine.id}`, { method: "DELETE", accessType: "client", headers: h });
    expect(del.status).toBe(200);
    expect((await emu.fetch(`/oauth-providers?user_id=${b.id}`, { accessType: "server" })).body.items).toEqual([theirs]);
  });

  it("lists every link of the project without user_id (server), skipping unconfigured providers", async () => {
    const u = await createTestUser(emu);
    const l = await link(u.id);
    emu.db
      .prepare(
        "INSERT INTO oauth_accounts (id, project_id, user_id, provider_config_id, type, account_id, allow_sign_in, allow_connected_accounts, created_at_millis) VALUES (?, ?, ?, 'removed-provider', 'github', 'x', 0, 1, ?)",
      )
      .run(crypto.randomUUID(), DEMO.projectId, u.id, Date.now());
    const all = await emu.fetch("/oauth-providers", { accessType: "server" });
    expect(all.status).toBe(200);
    expect(all.body.items.map((x: { id: string }) => x.id)).toContain(l.id);
    expect(all.body.items.every((x: { provider_config_id: string }) => x.provider_config_id !== "removed-provider")).toBe(true);
    expectKnownError(await emu.fetch(`/oauth-providers?user_id=${UNKNOWN}`, { accessType: "server" }), "USER_NOT_FOUND", 404);
  });
});

describe("connected accounts", () => {
  it("lists accounts that allow connected accounts", async () => {
    const u = await createTestUser(emu);
    const c1 = await link(u.id, { account_id: "conn-1" });
    await link(u.id, { provider_config_id: "github-enterprise", account_id: "not-conn", allow_connected_accounts: false });
    const res = await emu.fetch(`/connected-accounts/${u.id}`, { accessType: "server" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [{ user_id: u.id, provider: c1.provider_config_id, provider_account_id: "conn-1" }], is_paginated: false });
    const t = await signIn(emu, u.id);
    const mine = await emu.fetch("/connected-accounts/me", { accessType: "client", headers: userHeaders(t.accessToken) });
    expect(mine.body).toEqual(res.body);
    expectKnownError(await emu.fetch(`/connected-accounts/${UNKNOWN}`, { accessType: "server" }), "USER_NOT_FOUND", 404);
  });

  it("access tokens: never available from the emulator, with the provider errors in the real order", async () => {
    const u = await createTestUser(emu);
    await link(u.id, { account_id: "tok-1" });
    await link(u.id, { provider_config_id: "github", account_id: "tok-2" });
    const post = (path: string, body: unknown = {}) => emu.fetch(path, { method: "POST", accessType: "server", body });
    const na = expectKnownError(await post(`/connected-accounts/${u.id}/google/access-token`, { scope: "email" }), "OAUTH_ACCESS_TOKEN_NOT_AVAILABLE", 400);
    expect(na.details).toMatchObject({ provider: "google" });
    expectKnownError(await post(`/connected-accounts/${u.id}/google/tok-1/access-token`), "OAUTH_ACCESS_TOKEN_NOT_AVAILABLE", 400);
    expectKnownError(await post(`/connected-accounts/${u.id}/google/other/access-token`), "OAUTH_CONNECTION_NOT_CONNECTED_TO_USER", 400);
    expectKnownError(await post(`/connected-accounts/${u.id}/gitlab/access-token`), "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", 400);
    expectKnownError(await post(`/connected-accounts/${u.id}/github/access-token`), "OAUTH_ACCESS_TOKEN_NOT_AVAILABLE_WITH_SHARED_OAUTH_KEYS", 400);
    expectKnownError(await post(`/connected-accounts/${u.id}/github-enterprise/access-token`), "OAUTH_CONNECTION_NOT_CONNECTED_TO_USER", 400);
    expectKnownError(await post(`/connected-accounts/${UNKNOWN}/google/access-token`), "USER_NOT_FOUND", 404);
    const extra = expectKnownError(await post(`/connected-accounts/${u.id}/google/access-token`, { foo: 1 }), "SCHEMA_ERROR", 400);
    expect(extra.error).toContain("body contains unknown properties: foo");
    const other = await createTestUser(emu);
    const t = await signIn(emu, other.id);
    const foreign = await emu.fetch(`/connected-accounts/${u.id}/google/access-token`, { method: "POST", accessType: "client", headers: userHeaders(t.accessToken), body: {} });
    expect(foreign.status).toBe(403);
  });
});
