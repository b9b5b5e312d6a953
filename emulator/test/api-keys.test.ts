import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const FAR = 4102444800000;
const create = (body: Record<string, unknown>) => emu.fetch("/internal/api-keys", { method: "POST", body });

/** Headers authenticating with a freshly created key set instead of the demo keys. */
const keyHeaders = (accessType: "client" | "server" | "admin", key: string) => {
  const slot = { client: "x-stack-publishable-client-key", server: "x-stack-secret-server-key", admin: "x-stack-super-secret-admin-key" }[accessType];
  return { "x-stack-project-id": DEMO.projectId, "x-stack-access-type": accessType, [slot]: key };
};

describe("project API keys", () => {
  it("creates a key set with 200, secrets only for the requested kinds, in the real field order", async () => {
    const res = await create({ description: "CI pipeline", expires_at_millis: FAR, has_publishable_client_key: true, has_secret_server_key: true, has_super_secret_admin_key: false });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["id", "description", "publishable_client_key", "secret_server_key", "created_at_millis", "expires_at_millis"]);
    expect(res.body.publishable_client_key).toMatch(/^pck_[a-z2-7]{45}$/);
    expect(res.body.secret_server_key).toMatch(/^ssk_[a-z2-7]{45}$/);
    expect(res.body.super_secret_admin_key).toBeUndefined();
    expect(res.body.expires_at_millis).toBe(FAR);

    // Afterwards only last_four is ever shown.
    const read = await emu.fetch(`/internal/api-keys/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      created_at_millis: res.body.created_at_millis,
      expires_at_millis: FAR,
      description: "CI pipeline",
      id: res.body.id,
      secret_server_key: { last_four: res.body.secret_server_key.slice(-4) },
      publishable_client_key: { last_four: res.body.publishable_client_key.slice(-4) },
    });
    expect(Object.keys(read.body)).toEqual(["created_at_millis", "expires_at_millis", "description", "id", "secret_server_key", "publishable_client_key"]);
    expect(read.text).not.toContain(res.body.secret_server_key);
  });

  it("lists newest first with is_paginated false, including the seeded demo set", async () => {
    const a = await create({ description: "first", expires_at_millis: FAR, has_publishable_client_key: false, has_secret_server_key: true, has_super_secret_admin_key: false });
    await new Promise((r) => setTimeout(r, 5));
    const b = await create({ description: "second", expires_at_millis: FAR, has_publishable_client_key: false, has_secret_server_key: false, has_super_secret_admin_key: true });
    const list = await emu.fetch("/internal/api-keys");
    expect(list.status).toBe(200);
    expect(list.body.is_paginated).toBe(false);
    const ids = list.body.items.map((k: { id: string }) => k.id);
    expect(ids.indexOf(b.body.id)).toBeLessThan(ids.indexOf(a.body.id));
    const demo = list.body.items.find((k: { description: string }) => k.description === "Emulator demo keys");
    expect(demo.super_secret_admin_key).toEqual({ last_four: DEMO.superSecretAdminKey.slice(-4) });
    expect(JSON.stringify(list.body)).not.toContain(DEMO.superSecretAdminKey);
  });

  it("new keys authenticate; revocation stops them at once and is permanent and idempotent", async () => {
    const res = await create({ description: "to revoke", expires_at_millis: FAR, has_publishable_client_key: true, has_secret_server_key: true, has_super_secret_admin_key: true });
    const { id, secret_server_key: ssk, super_secret_admin_key: sak, publishable_client_key: pck } = res.body;
    expect((await emu.fetch("/", { accessType: null, headers: keyHeaders("server", ssk) })).text).toContain("Access type: server");
    expect((await emu.fetch("/internal/api-keys", { accessType: null, headers: keyHeaders("admin", sak) })).status).toBe(200);

    const first = await emu.fetch(`/internal/api-keys/${id}`, { method: "PATCH", body: { revoked: true } });
    expect(first.status).toBe(200);
    expect(typeof first.body.manually_revoked_at_millis).toBe("number");
    expect(Object.keys(first.body).slice(0, 2)).toEqual(["created_at_millis", "manually_revoked_at_millis"]);

    expectKnownError(await emu.fetch("/internal/api-keys", { accessType: null, headers: keyHeaders("admin", sak) }), "INVALID_SUPER_SECRET_ADMIN_KEY", 401);
    expectKnownError(await emu.fetch("/projects/current", { accessType: null, headers: keyHeaders("server", ssk) }), "INVALID_SECRET_SERVER_KEY", 401);
    expectKnownError(await emu.fetch("/projects/current", { accessType: null, headers: keyHeaders("client", pck) }), "INVALID_PUBLISHABLE_CLIENT_KEY", 401);

    await new Promise((r) => setTimeout(r, 5));
    const again = await emu.fetch(`/internal/api-keys/${id}`, { method: "PATCH", body: { revoked: true, description: "renamed" } });
    expect(again.status).toBe(200);
    expect(again.body.manually_revoked_at_millis).toBe(first.body.manually_revoked_at_millis);
    expect(again.body.description).toBe("renamed");
    // The list shows revoked sets too.
    const list = await emu.fetch("/internal/api-keys");
    expect(list.body.items.find((k: { id: string }) => k.id === id).manually_revoked_at_millis).toBe(first.body.manually_revoked_at_millis);
  });

  it("expired keys stop authenticating", async () => {
    const res = await create({ description: "short-lived", expires_at_millis: Date.now() + 300, has_publishable_client_key: false, has_secret_server_key: true, has_super_secret_admin_key: false });
    expect((await emu.fetch("/projects/current", { accessType: null, headers: keyHeaders("server", res.body.secret_server_key) })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expectKnownError(await emu.fetch("/projects/current", { accessType: null, headers: keyHeaders("server", res.body.secret_server_key) }), "INVALID_SECRET_SERVER_KEY", 401);
  });

  it("errors: unknown id, revoked:false, missing fields, server access", async () => {
    expectKnownError(await emu.fetch("/internal/api-keys/3f2b5c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b"), "API_KEY_NOT_FOUND", 404);
    expectKnownError(await emu.fetch("/internal/api-keys/3f2b5c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b", { method: "PATCH", body: { description: "x" } }), "API_KEY_NOT_FOUND", 404);
    expectKnownError(await emu.fetch("/internal/api-keys/not-a-uuid"), "SCHEMA_ERROR", 400);
    const list = await emu.fetch("/internal/api-keys");
    const someId = list.body.items[0].id;
    const bad = expectKnownError(await emu.fetch(`/internal/api-keys/${someId}`, { method: "PATCH", body: { revoked: false } }), "SCHEMA_ERROR", 400);
    expect(bad.error).toContain("body.revoked");
    const missing = expectKnownError(await create({ description: "x" }), "SCHEMA_ERROR", 400);
    expect(missing.error).toContain("body.expires_at_millis must be defined");
    expect(missing.error).toContain("body.has_super_secret_admin_key must be defined");
    expectKnownError(await create({ description: "x", expires_at_millis: FAR, has_publishable_client_key: true, has_secret_server_key: true, has_super_secret_admin_key: true, extra: 1 }), "SCHEMA_ERROR", 400);
    const denied = expectKnownError(await emu.fetch("/internal/api-keys", { accessType: "server" }), "INSUFFICIENT_ACCESS_TYPE", 401);
    expect(denied.details).toEqual({ actual_access_type: "server", allowed_access_types: ["admin"] });
  });
});
