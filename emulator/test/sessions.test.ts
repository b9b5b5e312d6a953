import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";
import { createTestUser, signIn, userHeaders } from "./fixtures";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const decodeJwt = (t: string) => JSON.parse(Buffer.from(t.split(".")[1]!, "base64url").toString("utf8"));
const UNKNOWN = "3f2b5c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b";

describe("POST /auth/sessions", () => {
  it("creates a session and returns 200 with both tokens; the access token identifies the user", async () => {
    const u = await createTestUser(emu);
    const res = await emu.fetch("/auth/sessions", { method: "POST", accessType: "admin", body: { user_id: u.id } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["refresh_token", "access_token"]);
    const claims = decodeJwt(res.body.access_token);
    expect(claims).toMatchObject({ sub: u.id, project_id: DEMO.projectId, branch_id: "main" });
    expect(typeof claims.refresh_token_id).toBe("string");
    expect(claims.exp - claims.iat).toBe(600);
    // The token works as x-stack-access-token: `me` resolves to the user.
    const list = await emu.fetch("/auth/sessions?user_id=me", { accessType: "client", headers: userHeaders(res.body.access_token) });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: claims.refresh_token_id, user_id: u.id, is_impersonation: false, is_current_session: true });
  });

  it("rejects unknown users, too-long expiry, unknown properties and client access", async () => {
    const unknown = expectKnownError(
      await emu.fetch("/auth/sessions", { method: "POST", accessType: "server", body: { user_id: UNKNOWN } }),
      "USER_ID_DOES_NOT_EXIST",
      400,
    );
    expect(unknown.details).toEqual({ user_id: UNKNOWN });
    const u = await createTestUser(emu);
    const tooLong = expectKnownError(
      await emu.fetch("/auth/sessions", { method: "POST", accessType: "server", body: { user_id: u.id, expires_in_millis: 31_708_800_001 } }),
      "SCHEMA_ERROR",
      400,
    );
    expect(tooLong.error).toContain("body.expires_in_millis must be less than or equal to 31708800000");
    const ok = await emu.fetch("/auth/sessions", { method: "POST", accessType: "server", body: { user_id: u.id, expires_in_millis: 31_708_800_000 } });
    expect(ok.status).toBe(200);
    const extra = expectKnownError(
      await emu.fetch("/auth/sessions", { method: "POST", accessType: "server", body: { user_id: u.id, foo: 1 } }),
      "SCHEMA_ERROR",
      400,
    );
    expect(extra.error).toContain("body contains unknown properties: foo");
    const badId = expectKnownError(await emu.fetch("/auth/sessions", { method: "POST", accessType: "server", body: { user_id: "nope" } }), "SCHEMA_ERROR", 400);
    expect(badId.error).toContain("body.user_id must be a valid UUID");
    const noBody = expectKnownError(await emu.fetch("/auth/sessions", { method: "POST", accessType: "server" }), "SCHEMA_ERROR", 400);
    expect(noBody.error).toContain("body must be defined");
    const client = expectKnownError(
      await emu.fetch("/auth/sessions", { method: "POST", accessType: "client", body: { user_id: u.id } }),
      "INSUFFICIENT_ACCESS_TYPE",
      401,
    );
    expect(client.details).toEqual({ actual_access_type: "client", allowed_access_types: ["server", "admin"] });
  });

  it("a session with a past expiry cannot be refreshed", async () => {
    const u = await createTestUser(emu);
    const res = await emu.fetch("/auth/sessions", { method: "POST", accessType: "server", body: { user_id: u.id, expires_in_millis: -1000 } });
    expect(res.status).toBe(200);
    expectKnownError(
      await emu.fetch("/auth/sessions/current/refresh", { method: "POST", accessType: "client", headers: { "x-stack-refresh-token": res.body.refresh_token } }),
      "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
      401,
    );
  });
});

describe("GET /auth/sessions", () => {
  it("lists newest first, hides impersonation sessions from server and client, shows them to admin", async () => {
    const u = await createTestUser(emu);
    const first = await signIn(emu, u.id);
    const imp = await signIn(emu, u.id, { isImpersonation: true, accessType: "admin" });
    const third = await signIn(emu, u.id);
    const idOf = (t: string) => decodeJwt(t).refresh_token_id as string;

    const admin = await emu.fetch(`/auth/sessions?user_id=${u.id}`, { accessType: "admin" });
    expect(admin.status).toBe(200);
    expect(admin.body.is_paginated).toBe(false);
    expect(admin.body.items.map((s: { id: string }) => s.id)).toEqual([idOf(third.accessToken), idOf(imp.accessToken), idOf(first.accessToken)]);
    expect(admin.body.items[1].is_impersonation).toBe(true);
    const item = admin.body.items[0];
    expect(Object.keys(item)).toEqual(["id", "user_id", "created_at", "last_used_at", "is_impersonation", "is_current_session"]);
    expect(item.is_current_session).toBe(false);
    expect(typeof item.created_at).toBe("number");

    const server = await emu.fetch(`/auth/sessions?user_id=${u.id}`, { accessType: "server" });
    expect(server.body.items.map((s: { id: string }) => s.id)).toEqual([idOf(third.accessToken), idOf(first.accessToken)]);

    const client = await emu.fetch(`/auth/sessions?user_id=${u.id}`, { accessType: "client", headers: userHeaders(first.accessToken) });
    expect(client.status).toBe(200);
    expect(client.body.items.map((s: { id: string; is_current_session: boolean }) => [s.id, s.is_current_session])).toEqual([
      [idOf(third.accessToken), false],
      [idOf(first.accessToken), true],
    ]);
  });

  it("enforces the query and client-access rules", async () => {
    const a = await createTestUser(emu);
    const b = await createTestUser(emu);
    const ta = await signIn(emu, a.id);
    const missing = expectKnownError(await emu.fetch("/auth/sessions", { accessType: "server" }), "SCHEMA_ERROR", 400);
    expect(missing.error).toContain("query.user_id must be defined");
    const other = await emu.fetch(`/auth/sessions?user_id=${b.id}`, { accessType: "client", headers: userHeaders(ta.accessToken) });
    expect(other.status).toBe(403);
    expect(other.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(other.headers.get("x-stack-known-error")).toBeNull();
    expectKnownError(await emu.fetch(`/auth/sessions?user_id=${a.id}`, { accessType: "client" }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
    expectKnownError(await emu.fetch(`/auth/sessions?user_id=me`, { accessType: "server" }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
    const extra = expectKnownError(await emu.fetch(`/auth/sessions?user_id=${a.id}&x=1`, { accessType: "server" }), "SCHEMA_ERROR", 400);
    expect(extra.error).toContain("query contains unknown properties: x");
  });
});

describe("DELETE /auth/sessions/{id}", () => {
  it("requires user_id for server access, exactly as the real server", async () => {
    const res = await emu.fetch(`/auth/sessions/${UNKNOWN}`, { method: "DELETE", accessType: "server" });
    const err = expectKnownError(res, "SCHEMA_ERROR", 400);
    expect(err.error).toBe(`Request validation failed on DELETE /api/v1/auth/sessions/${UNKNOWN}:\n  - query.user_id must be defined`);
    expect(err.details).toEqual({ message: err.error });
  });

  it("revokes a session: it disappears from the list and its access token stops working", async () => {
    const u = await createTestUser(emu);
    const t = await signIn(emu, u.id);
    const id = decodeJwt(t.accessToken).refresh_token_id;
    const before = await emu.fetch(`/auth/sessions?user_id=me`, { accessType: "client", headers: userHeaders(t.accessToken) });
    expect(before.status).toBe(200);
    const del = await emu.fetch(`/auth/sessions/${id}?user_id=${u.id}`, { method: "DELETE", accessType: "admin" });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true });
    const list = await emu.fetch(`/auth/sessions?user_id=${u.id}`, { accessType: "admin" });
    expect(list.body.items).toEqual([]);
    expectKnownError(
      await emu.fetch(`/auth/sessions?user_id=me`, { accessType: "client", headers: userHeaders(t.accessToken) }),
      "UNPARSABLE_ACCESS_TOKEN",
      401,
    );
    expectKnownError(
      await emu.fetch("/auth/sessions/current/refresh", { method: "POST", accessType: "client", headers: { "x-stack-refresh-token": t.refreshToken } }),
      "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
      401,
    );
    // Deleting it again: 404 text.
    const again = await emu.fetch(`/auth/sessions/${id}?user_id=${u.id}`, { method: "DELETE", accessType: "admin" });
    expect(again.status).toBe(404);
    expect(again.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("client: can delete its other sessions, not another user's (404) nor the current one", async () => {
    const a = await createTestUser(emu);
    const b = await createTestUser(emu);
    const a1 = await signIn(emu, a.id);
    const a2 = await signIn(emu, a.id);
    const b1 = await signIn(emu, b.id);
    const idOf = (t: string) => decodeJwt(t).refresh_token_id as string;
    const h = userHeaders(a1.accessToken);

    const foreign = await emu.fetch(`/auth/sessions/${idOf(b1.accessToken)}?user_id=me`, { method: "DELETE", accessType: "client", headers: h });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("x-stack-known-error")).toBeNull();
    expectKnownError(
      await emu.fetch(`/auth/sessions/${idOf(a1.accessToken)}?user_id=me`, { method: "DELETE", accessType: "client", headers: h }),
      "CANNOT_DELETE_CURRENT_SESSION",
      400,
    );
    const ok = await emu.fetch(`/auth/sessions/${idOf(a2.accessToken)}?user_id=me`, { method: "DELETE", accessType: "client", headers: h });
    expect(ok.status).toBe(200);
    const list = await emu.fetch(`/auth/sessions?user_id=me`, { accessType: "client", headers: h });
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([idOf(a1.accessToken)]);
    // b's session is untouched.
    const bl = await emu.fetch(`/auth/sessions?user_id=${b.id}`, { accessType: "server" });
    expect(bl.body.items).toHaveLength(1);
  });

  it("validates the session id", async () => {
    const err = expectKnownError(await emu.fetch(`/auth/sessions/not-a-uuid?user_id=${UNKNOWN}`, { method: "DELETE", accessType: "server" }), "SCHEMA_ERROR", 400);
    expect(err.error).toContain("params.id must be a valid UUID");
    const unknown = await emu.fetch(`/auth/sessions/${UNKNOWN}?user_id=${UNKNOWN}`, { method: "DELETE", accessType: "server" });
    expect(unknown.status).toBe(404);
  });
});

describe("current session: sign-out and refresh", () => {
  it("refreshes an access token from the refresh-token header", async () => {
    const u = await createTestUser(emu);
    const t = await signIn(emu, u.id);
    const res = await emu.fetch("/auth/sessions/current/refresh", {
      method: "POST",
      accessType: "client",
      headers: { "x-stack-refresh-token": t.refreshToken },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["access_token"]);
    const claims = decodeJwt(res.body.access_token);
    expect(claims.sub).toBe(u.id);
    expect(claims.refresh_token_id).toBe(decodeJwt(t.accessToken).refresh_token_id);
    const me = await emu.fetch("/auth/sessions?user_id=me", { accessType: "client", headers: userHeaders(res.body.access_token) });
    expect(me.status).toBe(200);
    // x-hexclave spelling works too.
    const hex = await emu.fetch("/auth/sessions/current/refresh", { method: "POST", accessType: "server", headers: { "x-hexclave-refresh-token": t.refreshToken } });
    expect(hex.status).toBe(200);
    expectKnownError(
      await emu.fetch("/auth/sessions/current/refresh", { method: "POST", accessType: "client", headers: { "x-stack-refresh-token": "nope" } }),
      "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
      401,
    );
    const missing = expectKnownError(await emu.fetch("/auth/sessions/current/refresh", { method: "POST", accessType: "client" }), "SCHEMA_ERROR", 400);
    expect(missing.error).toContain("x-stack-refresh-token must be defined");
  });

  it("signs out with the refresh-token header; the session and its tokens are gone", async () => {
    const u = await createTestUser(emu);
    const t = await signIn(emu, u.id);
    const keep = await signIn(emu, u.id);
    const res = await emu.fetch("/auth/sessions/current", {
      method: "DELETE",
      accessType: "client",
      body: {},
      headers: userHeaders(t.accessToken, { "x-stack-refresh-token": t.refreshToken }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    expectKnownError(
      await emu.fetch("/auth/sessions?user_id=me", { accessType: "client", headers: userHeaders(t.accessToken) }),
      "UNPARSABLE_ACCESS_TOKEN",
      401,
    );
    const list = await emu.fetch(`/auth/sessions?user_id=${u.id}`, { accessType: "server" });
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([decodeJwt(keep.accessToken).refresh_token_id]);
    // Signing out again with the same refresh token fails.
    expectKnownError(
      await emu.fetch("/auth/sessions/current", { method: "DELETE", accessType: "client", headers: { "x-stack-refresh-token": t.refreshToken } }),
      "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
      401,
    );
    expectKnownError(
      await emu.fetch("/auth/sessions/current", { method: "DELETE", accessType: "client", headers: { "x-stack-refresh-token": "unknown" } }),
      "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
      401,
    );
    expectKnownError(await emu.fetch("/auth/sessions/current", { method: "DELETE", accessType: "client" }), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("signs out the access token's session when no refresh token is sent", async () => {
    const u = await createTestUser(emu);
    const t = await signIn(emu, u.id);
    const res = await emu.fetch("/auth/sessions/current", { method: "DELETE", accessType: "client", headers: userHeaders(t.accessToken) });
    expect(res.status).toBe(200);
    const list = await emu.fetch(`/auth/sessions?user_id=${u.id}`, { accessType: "server" });
    expect(list.body.items).toEqual([]);
  });

  it("a refresh token of another project is not found", async () => {
    const u = await createTestUser(emu);
    const t = await signIn(emu, u.id);
    emu.db.prepare("UPDATE sessions SET project_id = 'other' WHERE refresh_token = ?").run(t.refreshToken);
    expectKnownError(
      await emu.fetch("/auth/sessions/current/refresh", { method: "POST", accessType: "client", headers: { "x-stack-refresh-token": t.refreshToken } }),
      "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
      401,
    );
  });
});
