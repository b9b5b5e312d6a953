import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO, expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";
import { createTestUser, searchText, signIn, userHeaders } from "./fixtures";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const UNKNOWN = "3f2b5c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b";
const uniq = () => Math.random().toString(36).slice(2, 10);
const CHANNEL_KEYS = ["user_id", "id", "type", "value", "is_primary", "is_verified", "used_for_auth"];

async function addChannel(userId: string, body: Record<string, unknown> = {}, accessType: "server" | "admin" = "server") {
  const res = await emu.fetch("/contact-channels", {
    method: "POST",
    accessType,
    body: { user_id: userId, type: "email", value: `c-${uniq()}@example.com`, used_for_auth: false, ...body },
  });
  expect(res.status).toBe(201);
  return res.body;
}
const listChannels = async (userId: string) => (await emu.fetch(`/contact-channels?user_id=${userId}`, { accessType: "server" })).body.items;
/** The primary_email fields of the user, as users.ts renders them (direct read if GET /users is not served yet). */
async function primaryView(userId: string) {
  const res = await emu.fetch(`/users/${userId}`, { accessType: "server" });
  if (res.status === 200) return { primary_email: res.body.primary_email, primary_email_verified: res.body.primary_email_verified };
  const row = emu.db.prepare("SELECT value, is_verified FROM contact_channels WHERE user_id = ? AND is_primary = 1").get(userId) as
    | { value: string; is_verified: number }
    | undefined;
  return { primary_email: row?.value ?? null, primary_email_verified: !!row?.is_verified };
}

describe("POST /contact-channels", () => {
  it("creates a channel (201) in the real field order and lists it in creation order", async () => {
    const u = await createTestUser(emu, { primaryEmail: null });
    const value = `first-${uniq()}@example.com`;
    const res = await emu.fetch("/contact-channels", {
      method: "POST",
      accessType: "admin",
      body: { user_id: u.id, type: "email", value, used_for_auth: true, is_verified: true },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(CHANNEL_KEYS);
    expect(res.body).toMatchObject({ user_id: u.id, type: "email", value, is_primary: false, is_verified: true, used_for_auth: true });
    const second = await addChannel(u.id);
    const list = await emu.fetch(`/contact-channels?user_id=${u.id}`, { accessType: "server" });
    expect(list.status).toBe(200);
    expect(list.body.is_paginated).toBe(false);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id, second.id]);
    const one = await emu.fetch(`/contact-channels?user_id=${u.id}&contact_channel_id=${second.id}`, { accessType: "server" });
    expect(one.body.items).toEqual([second]);
    const byIdOnly = await emu.fetch(`/contact-channels?contact_channel_id=${res.body.id}`, { accessType: "admin" });
    expect(byIdOnly.body.items).toEqual([res.body]);
  });

  it("is_primary demotes the user's other channels and becomes the user's primary e-mail", async () => {
    const u = await createTestUser(emu, { primaryEmail: `p-${uniq()}@example.com` });
    const [old] = await listChannels(u.id);
    expect(old.is_primary).toBe(true);
    const value = `new-primary-${uniq()}@example.com`;
    const created = await addChannel(u.id, { value, is_primary: true, is_verified: true });
    expect(created.is_primary).toBe(true);
    const items = await listChannels(u.id);
    expect(items.find((c: { id: string }) => c.id === old.id).is_primary).toBe(false);
    expect(items.filter((c: { is_primary: boolean }) => c.is_primary)).toHaveLength(1);
    expect(await primaryView(u.id)).toEqual({ primary_email: value, primary_email_verified: true });
  });

  it("rejects a duplicate value for the same user with 400 text", async () => {
    const u = await createTestUser(emu, { primaryEmail: null });
    const c = await addChannel(u.id);
    const dup = await emu.fetch("/contact-channels", {
      method: "POST",
      accessType: "server",
      body: { user_id: u.id, type: "email", value: c.value.toUpperCase(), used_for_auth: false },
    });
    expect(dup.status).toBe(400);
    expect(dup.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(dup.headers.get("x-stack-known-error")).toBeNull();
    expect(await listChannels(u.id)).toHaveLength(1);
  });

  it("rejects used_for_auth on an address another user signs in with (409), allows it without auth", async () => {
    const a = await createTestUser(emu, { primaryEmail: null });
    const b = await createTestUser(emu, { primaryEmail: null });
    const value = `shared-${uniq()}@example.com`;
    await addChannel(a.id, { value, used_for_auth: true });
    const conflict = expectKnownError(
      await emu.fetch("/contact-channels", { method: "POST", accessType: "server", body: { user_id: b.id, type: "email", value, used_for_auth: true } }),
      "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      409,
    );
    expect(conflict.details).toMatchObject({ type: "email", contact_channel_value: value, would_work_if_email_was_verified: false });
    // Case-insensitive: the same address in other letter case also conflicts.
    expectKnownError(
      await emu.fetch("/contact-channels", {
        method: "POST",
        accessType: "server",
        body: { user_id: b.id, type: "email", value: value.toUpperCase(), used_for_auth: true },
      }),
      "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      409,
    );
    expect(await listChannels(b.id)).toHaveLength(0);
    const notAuth = await addChannel(b.id, { value, used_for_auth: false });
    expect(notAuth.used_for_auth).toBe(false);
  });

  it("validates the body", async () => {
    const u = await createTestUser(emu, { primaryEmail: null });
    const bad = expectKnownError(
      await emu.fetch("/contact-channels", { method: "POST", accessType: "server", body: { user_id: u.id, type: "phone", value: "nope", foo: 1 } }),
      "SCHEMA_ERROR",
      400,
    );
    expect(bad.error).toContain("body.value must be a valid email");
    expect(bad.error).toContain("body.type must be one of the following values: email");
    expect(bad.error).toContain("body.used_for_auth must be defined");
    expect(bad.error).toContain("body contains unknown properties: foo");
    expectKnownError(
      await emu.fetch("/contact-channels", { method: "POST", accessType: "server", body: { user_id: UNKNOWN, type: "email", value: "x@example.com", used_for_auth: false } }),
      "USER_NOT_FOUND",
      404,
    );
  });
});

describe("client access", () => {
  it("lets a signed-in user manage only its own channels", async () => {
    const a = await createTestUser(emu, { primaryEmail: null });
    const b = await createTestUser(emu, { primaryEmail: null });
    const t = await signIn(emu, a.id);
    const h = userHeaders(t.accessToken);
    const created = await emu.fetch("/contact-channels", {
      method: "POST",
      accessType: "client",
      headers: h,
      body: { user_id: "me", type: "email", value: `mine-${uniq()}@example.com`, used_for_auth: false },
    });
    expect(created.status).toBe(201);
    expect(created.body.user_id).toBe(a.id);
    // Clients cannot set is_verified.
    const verified = expectKnownError(
      await emu.fetch("/contact-channels", {
        method: "POST",
        accessType: "client",
        headers: h,
        body: { user_id: "me", type: "email", value: `v-${uniq()}@example.com`, used_for_auth: false, is_verified: true },
      }),
      "SCHEMA_ERROR",
      400,
    );
    expect(verified.error).toContain("body contains unknown properties: is_verified");
    const list = await emu.fetch("/contact-channels?user_id=me", { accessType: "client", headers: h });
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const one = await emu.fetch(`/contact-channels/me/${created.body.id}`, { accessType: "client", headers: h });
    expect(one.body).toEqual(created.body);

    const bc = await addChannel(b.id);
    for (const res of [
      await emu.fetch(`/contact-channels?user_id=${b.id}`, { accessType: "client", headers: h }),
      await emu.fetch("/contact-channels", { accessType: "client", headers: h }),
      await emu.fetch(`/contact-channels/${b.id}/${bc.id}`, { accessType: "client", headers: h }),
      await emu.fetch(`/contact-channels/${b.id}/${bc.id}`, { method: "PATCH", accessType: "client", headers: h, body: { is_primary: true } }),
      await emu.fetch(`/contact-channels/${b.id}/${bc.id}`, { method: "DELETE", accessType: "client", headers: h }),
      await emu.fetch("/contact-channels", {
        method: "POST",
        accessType: "client",
        headers: h,
        body: { user_id: b.id, type: "email", value: `x-${uniq()}@example.com`, used_for_auth: false },
      }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    }
    expect(await listChannels(b.id)).toEqual([bc]);
    expectKnownError(await emu.fetch("/contact-channels?user_id=me", { accessType: "client" }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
  });
});

describe("GET/PATCH/DELETE /contact-channels/{user_id}/{id}", () => {
  it("reads one channel; unknown → 404 text", async () => {
    const u = await createTestUser(emu, { primaryEmail: null });
    const c = await addChannel(u.id);
    const res = await emu.fetch(`/contact-channels/${u.id}/${c.id}`, { accessType: "server" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(c);
    const missing = await emu.fetch(`/contact-channels/${u.id}/${UNKNOWN}`, { accessType: "server" });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^text\/plain/);
    const bad = expectKnownError(await emu.fetch(`/contact-channels/${u.id}/nope`, { accessType: "server" }), "SCHEMA_ERROR", 400);
    expect(bad.error).toContain("params.contact_channel_id must be a valid UUID");
  });

  it("updates fields; a new value without is_verified resets verification; is_primary moves the primary", async () => {
    const u = await createTestUser(emu, { primaryEmail: `orig-${uniq()}@example.com`, emailVerified: true });
    const [primary] = await listChannels(u.id);
    expect(primary.is_verified).toBe(true);
    const newValue = `changed-${uniq()}@example.com`;
    const patched = await emu.fetch(`/contact-channels/${u.id}/${primary.id}`, { method: "PATCH", accessType: "server", body: { value: newValue } });
    expect(patched.status).toBe(200);
    expect(Object.keys(patched.body)).toEqual(CHANNEL_KEYS);
    expect(patched.body).toMatchObject({ id: primary.id, value: newValue, is_verified: false, is_primary: true });
    expect(await primaryView(u.id)).toEqual({ primary_email: newValue, primary_email_verified: false });
    expect(searchText(emu, u.id)).toContain(newValue);
    expect(searchText(emu, u.id)).not.toContain(primary.value);

    const kept = await emu.fetch(`/contact-channels/${u.id}/${primary.id}`, {
      method: "PATCH",
      accessType: "server",
      body: { value: `again-${uniq()}@example.com`, is_verified: true, used_for_auth: true },
    });
    expect(kept.body).toMatchObject({ is_verified: true, used_for_auth: true });

    const other = await addChannel(u.id);
    const promoted = await emu.fetch(`/contact-channels/${u.id}/${other.id}`, { method: "PATCH", accessType: "admin", body: { is_primary: true } });
    expect(promoted.body.is_primary).toBe(true);
    const items = await listChannels(u.id);
    expect(items.map((c: { id: string; is_primary: boolean }) => [c.id, c.is_primary])).toEqual([
      [primary.id, false],
      [other.id, true],
    ]);
    expect((await primaryView(u.id)).primary_email).toBe(other.value);
    const unset = await emu.fetch(`/contact-channels/${u.id}/${other.id}`, { method: "PATCH", accessType: "admin", body: { is_primary: false } });
    expect(unset.body.is_primary).toBe(false);
    expect((await primaryView(u.id)).primary_email).toBeNull();
  });

  it("PATCH errors: unknown → 400 text, duplicate → 400 text, auth conflict → 409, client cannot set is_verified", async () => {
    const a = await createTestUser(emu, { primaryEmail: null });
    const b = await createTestUser(emu, { primaryEmail: null });
    const a1 = await addChannel(a.id);
    const a2 = await addChannel(a.id);
    const taken = `taken-${uniq()}@example.com`;
    await addChannel(b.id, { value: taken, used_for_auth: true });

    const missing = await emu.fetch(`/contact-channels/${a.id}/${UNKNOWN}`, { method: "PATCH", accessType: "server", body: { is_primary: true } });
    expect(missing.status).toBe(400);
    expect(missing.headers.get("content-type")).toMatch(/^text\/plain/);
    const dup = await emu.fetch(`/contact-channels/${a.id}/${a2.id}`, { method: "PATCH", accessType: "server", body: { value: a1.value } });
    expect(dup.status).toBe(400);
    expect(dup.headers.get("x-stack-known-error")).toBeNull();
    expectKnownError(
      await emu.fetch(`/contact-channels/${a.id}/${a2.id}`, { method: "PATCH", accessType: "server", body: { value: taken, used_for_auth: true } }),
      "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      409,
    );
    // A channel already used for auth cannot take over an address another user signs in with either.
    await emu.fetch(`/contact-channels/${a.id}/${a2.id}`, { method: "PATCH", accessType: "server", body: { used_for_auth: true } });
    expectKnownError(
      await emu.fetch(`/contact-channels/${a.id}/${a2.id}`, { method: "PATCH", accessType: "server", body: { value: taken } }),
      "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      409,
    );
    // Nothing changed.
    expect((await emu.fetch(`/contact-channels/${a.id}/${a2.id}`, { accessType: "server" })).body.value).toBe(a2.value);
    const t = await signIn(emu, a.id);
    const clientVerified = expectKnownError(
      await emu.fetch(`/contact-channels/me/${a1.id}`, { method: "PATCH", accessType: "client", headers: userHeaders(t.accessToken), body: { is_verified: true } }),
      "SCHEMA_ERROR",
      400,
    );
    expect(clientVerified.error).toContain("body contains unknown properties: is_verified");
    const clientOk = await emu.fetch(`/contact-channels/me/${a1.id}`, { method: "PATCH", accessType: "client", headers: userHeaders(t.accessToken), body: { used_for_auth: true } });
    expect(clientOk.status).toBe(200);
    expect(clientOk.body.used_for_auth).toBe(true);
  });

  it("deletes a channel; search text and the primary view follow; unknown → 400 text", async () => {
    const u = await createTestUser(emu, { primaryEmail: `gone-${uniq()}@example.com`, displayName: "Del Tester" });
    const [c] = await listChannels(u.id);
    expect(searchText(emu, u.id)).toContain(c.value);
    const res = await emu.fetch(`/contact-channels/${u.id}/${c.id}`, { method: "DELETE", accessType: "server" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    expect(await listChannels(u.id)).toEqual([]);
    expect(searchText(emu, u.id)).not.toContain(c.value);
    expect(searchText(emu, u.id)).toContain("del tester");
    expect((await primaryView(u.id)).primary_email).toBeNull();
    const again = await emu.fetch(`/contact-channels/${u.id}/${c.id}`, { method: "DELETE", accessType: "server" });
    expect(again.status).toBe(400);
    expect(again.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("keeps search_text in sync on create", async () => {
    const u = await createTestUser(emu, { primaryEmail: null, displayName: "Search Me" });
    const value = `Findable-${uniq()}@Example.com`;
    await addChannel(u.id, { value });
    expect(searchText(emu, u.id)).toContain(value.toLowerCase());
    const found = await emu.fetch(`/users?query=${encodeURIComponent(value.toLowerCase().slice(0, 14))}&limit=10`, { accessType: "server" });
    if (found.status === 200) expect(found.body.items.map((x: { id: string }) => x.id)).toContain(u.id);
  });
});

describe("POST /contact-channels/{user_id}/{id}/send-verification-code", () => {
  beforeEach(async () => {
    await fetch(`${emu.url}/__emulator/outbox`, { method: "DELETE" });
  });
  const outbox = async () => (await (await fetch(`${emu.url}/__emulator/outbox?kind=email`)).json()).items as { payload: any; project_id: string }[];

  it("records a verification e-mail for a localhost callback", async () => {
    const u = await createTestUser(emu, { primaryEmail: null });
    const c = await addChannel(u.id);
    const res = await emu.fetch(`/contact-channels/${u.id}/${c.id}/send-verification-code`, {
      method: "POST",
      accessType: "server",
      body: { callback_url: "http://localhost:3000/handler/email-verification" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    const mails = await outbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.project_id).toBe(DEMO.projectId);
    expect(mails[0]!.payload.to).toEqual([c.value]);
    expect(mails[0]!.payload.link).toMatch(/^http:\/\/localhost:3000\/handler\/email-verification\?code=/);
  });

  it("errors: already verified (409), untrusted callback, unknown channel (404 text), unknown user, client for someone else", async () => {
    const u = await createTestUser(emu, { primaryEmail: null });
    const verified = await addChannel(u.id, { is_verified: true });
    const c = await addChannel(u.id);
    const cb = { callback_url: "http://localhost:3000/verify" };
    expectKnownError(
      await emu.fetch(`/contact-channels/${u.id}/${verified.id}/send-verification-code`, { method: "POST", accessType: "server", body: cb }),
      "EMAIL_ALREADY_VERIFIED",
      409,
    );
    expectKnownError(
      await emu.fetch(`/contact-channels/${u.id}/${c.id}/send-verification-code`, {
        method: "POST",
        accessType: "server",
        body: { callback_url: "https://evil.example.org/verify" },
      }),
      "REDIRECT_URL_NOT_WHITELISTED",
      400,
    );
    const missing = await emu.fetch(`/contact-channels/${u.id}/${UNKNOWN}/send-verification-code`, { method: "POST", accessType: "server", body: cb });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^text\/plain/);
    expectKnownError(
      await emu.fetch(`/contact-channels/${UNKNOWN}/${c.id}/send-verification-code`, { method: "POST", accessType: "server", body: cb }),
      "USER_ID_DOES_NOT_EXIST",
      400,
    );
    const badUrl = expectKnownError(
      await emu.fetch(`/contact-channels/${u.id}/${c.id}/send-verification-code`, { method: "POST", accessType: "server", body: { callback_url: "not a url" } }),
      "SCHEMA_ERROR",
      400,
    );
    expect(badUrl.error).toContain("body.callback_url");
    const other = await createTestUser(emu, { primaryEmail: null });
    const t = await signIn(emu, other.id);
    const foreign = await emu.fetch(`/contact-channels/${u.id}/${c.id}/send-verification-code`, {
      method: "POST",
      accessType: "client",
      headers: userHeaders(t.accessToken),
      body: cb,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get("x-stack-known-error")).toBeNull();
    expect(await outbox()).toHaveLength(0);
  });

  it("honours trusted domains and the allow-localhost switch of the project config", async () => {
    const u = await createTestUser(emu, { primaryEmail: null });
    const c = await addChannel(u.id);
    const row = emu.db.prepare("SELECT config_json FROM projects WHERE id = ?").pluck().get(DEMO.projectId) as string;
    const cfg = JSON.parse(row);
    cfg.domains = {
      allowLocalhost: false,
      trustedDomains: { a: { baseUrl: "https://app.example.com", handlerPath: "/handler" }, b: { baseUrl: "https://*.preview.example.com", handlerPath: "/" } },
    };
    emu.db.prepare("UPDATE projects SET config_json = ? WHERE id = ?").run(JSON.stringify(cfg), DEMO.projectId);
    try {
      const send = (callback_url: string) =>
        emu.fetch(`/contact-channels/${u.id}/${c.id}/send-verification-code`, { method: "POST", accessType: "server", body: { callback_url } });
      expect((await send("https://app.example.com/handler/email-verification")).status).toBe(200);
      expect((await send("https://pr-1.preview.example.com/x")).status).toBe(200);
      expectKnownError(await send("http://localhost:3000/x"), "REDIRECT_URL_NOT_WHITELISTED", 400);
      expectKnownError(await send("http://app.example.com/handler/x"), "REDIRECT_URL_NOT_WHITELISTED", 400);
      expectKnownError(await send("https://app.example.com.evil.org/handler"), "REDIRECT_URL_NOT_WHITELISTED", 400);
      expect(await outbox()).toHaveLength(2);
    } finally {
      emu.db.prepare("UPDATE projects SET config_json = ? WHERE id = ?").run(row, DEMO.projectId);
    }
  });

  it("client: sends for its own channel", async () => {
    const u = await createTestUser(emu, { primaryEmail: null });
    const c = await addChannel(u.id);
    const t = await signIn(emu, u.id);
    const res = await emu.fetch(`/contact-channels/me/${c.id}/send-verification-code`, {
      method: "POST",
      accessType: "client",
      headers: userHeaders(t.accessToken),
      body: { callback_url: "http://localhost:8101/handler/email-verification" },
    });
    expect(res.status).toBe(200);
    expect((await outbox())[0]!.payload.to).toEqual([c.value]);
  });
});
