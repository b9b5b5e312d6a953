import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";
import {
  accessTokenFor,
  addMember,
  asUser,
  createTeam,
  createUser,
  createVerifiedUser,
  outbox,
  teamPermissionIds,
  updateConfig,
} from "./fixtures";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const GHOST = "8d6f7a3e-1b2c-4d5e-8f90-123456789abc";
const CALLBACK = "http://localhost:3000/handler/team-invitation";

async function invite(teamId: string, email: string, callback_url = CALLBACK) {
  const res = await emu.fetch("/team-invitations/send-code", { method: "POST", accessType: "server", body: { team_id: teamId, email, callback_url } });
  expect(res.status, res.text).toBe(200);
  const mail = (await outbox(emu, "email")).at(-1)!.payload;
  const code = new URL(mail.link).searchParams.get("code")!;
  return { id: res.body.id as string, code, mail, body: res.body };
}

describe("POST /team-invitations/send-code", () => {
  it("answers {success, id} (200) and records the e-mail with the code link", async () => {
    const team = await createTeam(emu, { display_name: "Invite Co" });
    const { id, code, mail, body } = await invite(team.id, "guest@example.com");
    expect(body).toEqual({ success: true, id });
    expect(code).toMatch(/^[0-9a-z]{45}$/);
    expect(mail).toMatchObject({ template: "team_invitation", to: ["guest@example.com"], team_id: team.id, team_display_name: "Invite Co" });
    expect(mail.link.startsWith(`${CALLBACK}?code=`)).toBe(true);
    const listed = await emu.fetch(`/team-invitations?team_id=${team.id}`);
    expect(listed.body.items).toHaveLength(1);
    const item = listed.body.items[0];
    expect(Object.keys(item)).toEqual(["id", "team_id", "team_display_name", "expires_at_millis", "recipient_email"]);
    expect(item).toMatchObject({ id, team_id: team.id, team_display_name: "Invite Co", recipient_email: "guest@example.com" });
    expect(Math.abs(item.expires_at_millis - (Date.now() + 7 * 24 * 3600 * 1000))).toBeLessThan(60_000);
  });

  it("checks the callback URL against trusted domains and localhost", async () => {
    const team = await createTeam(emu);
    const send = (callback_url: string) =>
      emu.fetch("/team-invitations/send-code", { method: "POST", body: { team_id: team.id, email: "a@example.com", callback_url } });
    expectKnownError(await send("https://evil.example.org/handler"), "REDIRECT_URL_NOT_WHITELISTED", 400);
    await updateConfig(emu, { "domains.trustedDomains.d1": { baseUrl: "https://app.example.com", handlerPath: "/handler" } });
    expect((await send("https://app.example.com/handler/team-invitation")).status).toBe(200);
    expectKnownError(await send("https://app.example.com.evil.org/x"), "REDIRECT_URL_NOT_WHITELISTED", 400);
    expectKnownError(await send("http://app.example.com/x"), "REDIRECT_URL_NOT_WHITELISTED", 400);
    await updateConfig(emu, { "domains.allowLocalhost": false });
    expectKnownError(await send(CALLBACK), "REDIRECT_URL_NOT_WHITELISTED", 400);
    await updateConfig(emu, { "domains.allowLocalhost": true });
    expect((await send(CALLBACK)).status).toBe(200);
    expectKnownError(await send("not a url"), "SCHEMA_ERROR", 400);
  });

  it("answers TEAM_NOT_FOUND, SCHEMA_ERROR, and checks $invite_members for clients", async () => {
    expectKnownError(
      await emu.fetch("/team-invitations/send-code", { method: "POST", body: { team_id: GHOST, email: "a@example.com", callback_url: CALLBACK } }),
      "TEAM_NOT_FOUND",
      404,
    );
    const bad = expectKnownError(await emu.fetch("/team-invitations/send-code", { method: "POST", body: { team_id: GHOST, email: "nope" } }), "SCHEMA_ERROR", 400);
    expect(bad.error).toContain("body.email must be a valid email");
    expect(bad.error).toContain("body.callback_url must be defined");

    const admin = await createUser(emu);
    const member = await createUser(emu);
    const outsider = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: admin });
    await addMember(emu, team.id, member);
    const body = { team_id: team.id, email: "friend@example.com", callback_url: CALLBACK };
    const asMember = asUser(emu, await accessTokenFor(emu, member));
    expect((await asMember("/team-invitations/send-code", { method: "POST", body })).status).toBe(200);
    expectKnownError(await asUser(emu, await accessTokenFor(emu, outsider))("/team-invitations/send-code", { method: "POST", body }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
    await emu.fetch(`/team-permissions/${team.id}/${member}/team_member`, { method: "DELETE" });
    const denied = expectKnownError(await asMember("/team-invitations/send-code", { method: "POST", body }), "TEAM_PERMISSION_REQUIRED", 401);
    expect(denied.details).toMatchObject({ permission_id: "$invite_members" });
    expectKnownError(await emu.fetch("/team-invitations/send-code", { method: "POST", accessType: "client", body }), "USER_AUTHENTICATION_REQUIRED", 401);
  });
});

describe("GET /team-invitations", () => {
  it("needs exactly one of team_id / user_id (400 text)", async () => {
    const team = await createTeam(emu);
    for (const path of ["/team-invitations", `/team-invitations?team_id=${team.id}&user_id=${GHOST}`]) {
      const res = await emu.fetch(path);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    }
    expectKnownError(await emu.fetch(`/team-invitations?team_id=${GHOST}`), "TEAM_NOT_FOUND", 404);
  });

  it("lists by user: pending invitations to verified e-mails only", async () => {
    const team = await createTeam(emu, { display_name: "For Users" });
    const { id: verifiedUser, email } = await createVerifiedUser(emu);
    const unverifiedUser = await createUser(emu, { primary_email: "unverified-invitee@example.com" });
    const { id } = await invite(team.id, email.toUpperCase());
    await invite(team.id, "unverified-invitee@example.com");
    const res = await emu.fetch(`/team-invitations?user_id=${verifiedUser}`);
    expect(res.body).toEqual({
      items: [{ id, team_id: team.id, team_display_name: "For Users", expires_at_millis: expect.any(Number), recipient_email: email.toUpperCase() }],
      is_paginated: false,
    });
    expect((await emu.fetch(`/team-invitations?user_id=${unverifiedUser}`)).body.items).toEqual([]);
    const client = asUser(emu, await accessTokenFor(emu, verifiedUser));
    expect((await client("/team-invitations?user_id=me")).body.items).toHaveLength(1);
    expectKnownError(await client(`/team-invitations?user_id=${unverifiedUser}`), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
  });

  it("lists by team for clients with $read_members and $invite_members", async () => {
    const admin = await createUser(emu);
    const member = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: admin });
    await addMember(emu, team.id, member);
    await invite(team.id, "x@example.com");
    const asMember = asUser(emu, await accessTokenFor(emu, member));
    expect((await asMember(`/team-invitations?team_id=${team.id}`)).body.items).toHaveLength(1);
    await emu.fetch(`/team-permissions/${team.id}/${member}/team_member`, { method: "DELETE" });
    await emu.fetch(`/team-permissions/${team.id}/${member}/$invite_members`, { method: "POST", body: {} });
    const denied = expectKnownError(await asMember(`/team-invitations?team_id=${team.id}`), "TEAM_PERMISSION_REQUIRED", 401);
    expect(denied.details).toMatchObject({ permission_id: "$read_members" });
  });
});

describe("DELETE /team-invitations/{id}", () => {
  it("revokes an invitation of the given team", async () => {
    const admin = await createUser(emu);
    const member = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: admin });
    await addMember(emu, team.id, member);
    const { id } = await invite(team.id, "revoke-me@example.com");
    const other = await createTeam(emu);
    const missingTeam = await emu.fetch(`/team-invitations/${id}`, { method: "DELETE" });
    expect(missingTeam.status).toBe(400);
    expect(missingTeam.headers.get("x-stack-known-error")).toBeNull();
    expect((await emu.fetch(`/team-invitations/${id}?team_id=${other.id}`, { method: "DELETE" })).status).toBe(404);
    expectKnownError(await asUser(emu, await accessTokenFor(emu, member))(`/team-invitations/${id}?team_id=${team.id}`, { method: "DELETE" }), "TEAM_PERMISSION_REQUIRED", 401);
    const res = await asUser(emu, await accessTokenFor(emu, admin))(`/team-invitations/${id}?team_id=${team.id}`, { method: "DELETE" });
    expect(res.body).toEqual({ success: true });
    expect((await emu.fetch(`/team-invitations?team_id=${team.id}`)).body.items).toEqual([]);
  });
});

describe("POST /team-invitations/{id}/accept", () => {
  it("adds the user with the member defaults and consumes the invitation", async () => {
    const team = await createTeam(emu);
    const { id: userId, email } = await createVerifiedUser(emu);
    const { id } = await invite(team.id, email);
    const res = await emu.fetch(`/team-invitations/${id}/accept?user_id=${userId}`, { method: "POST", accessType: "server" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(await teamPermissionIds(emu, team.id, userId)).toEqual(["team_member"]);
    expect((await outbox(emu, "webhook")).some((h) => h.payload.type === "team_membership.created" && h.payload.data.user_id === userId)).toBe(true);
    expect((await emu.fetch(`/team-invitations?team_id=${team.id}`)).body.items).toEqual([]);
    expectKnownError(await emu.fetch(`/team-invitations/${id}/accept?user_id=${userId}`, { method: "POST" }), "VERIFICATION_CODE_NOT_FOUND", 404);
  });

  it("checks the e-mail, restriction, user and client rules", async () => {
    const team = await createTeam(emu);
    const { id: invitee, email } = await createVerifiedUser(emu);
    const stranger = (await createVerifiedUser(emu)).id;
    const { id } = await invite(team.id, email);
    expectKnownError(await emu.fetch(`/team-invitations/${id}/accept?user_id=${stranger}`, { method: "POST" }), "TEAM_INVITATION_EMAIL_MISMATCH", 403);
    const restricted = await createUser(emu, { primary_email: "restricted-invitee@example.com", primary_email_verified: true, restricted_by_admin: true });
    const { id: rid } = await invite(team.id, "restricted-invitee@example.com");
    const r = expectKnownError(await emu.fetch(`/team-invitations/${rid}/accept?user_id=${restricted}`, { method: "POST" }), "TEAM_INVITATION_RESTRICTED_USER_NOT_ALLOWED", 403);
    expect(r.details).toEqual({ restricted_reason: { type: "restricted_by_administrator" } });
    expectKnownError(await emu.fetch(`/team-invitations/${id}/accept?user_id=${GHOST}`, { method: "POST" }), "USER_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/team-invitations/${GHOST}/accept?user_id=${invitee}`, { method: "POST" }), "VERIFICATION_CODE_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/team-invitations/${id}/accept`, { method: "POST" }), "SCHEMA_ERROR", 400);

    const asStranger = asUser(emu, await accessTokenFor(emu, stranger));
    expectKnownError(await asStranger(`/team-invitations/${id}/accept?user_id=${invitee}`, { method: "POST" }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
    const asInvitee = asUser(emu, await accessTokenFor(emu, invitee));
    expect((await asInvitee(`/team-invitations/${id}/accept?user_id=me`, { method: "POST" })).body).toEqual({});
    expect((await asInvitee("/teams?user_id=me")).body.items.map((t: { id: string }) => t.id)).toEqual([team.id]);
  });
});

describe("code endpoints", () => {
  it("check-code, details and accept, with the VERIFICATION_CODE_* errors", async () => {
    const team = await createTeam(emu, { display_name: "Code Team" });
    const { id: userId, email } = await createVerifiedUser(emu);
    const { code } = await invite(team.id, email);
    const client = asUser(emu, await accessTokenFor(emu, userId));

    const check = await emu.fetch("/team-invitations/accept/check-code", { method: "POST", accessType: "client", body: { code } });
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ is_code_valid: true });
    expectKnownError(await emu.fetch("/team-invitations/accept/details", { method: "POST", accessType: "client", body: { code } }), "USER_AUTHENTICATION_REQUIRED", 401);
    expect((await client("/team-invitations/accept/details", { method: "POST", body: { code } })).body).toEqual({ team_id: team.id, team_display_name: "Code Team" });

    const other = asUser(emu, await accessTokenFor(emu, (await createVerifiedUser(emu)).id));
    expectKnownError(await other("/team-invitations/accept", { method: "POST", body: { code } }), "TEAM_INVITATION_EMAIL_MISMATCH", 403);

    const accepted = await client("/team-invitations/accept", { method: "POST", body: { code: code.toUpperCase() } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({});
    expect(await teamPermissionIds(emu, team.id, userId)).toEqual(["team_member"]);
    expectKnownError(await client("/team-invitations/accept", { method: "POST", body: { code } }), "VERIFICATION_CODE_ALREADY_USED", 409);
    expectKnownError(await client("/team-invitations/accept/check-code", { method: "POST", body: { code } }), "VERIFICATION_CODE_ALREADY_USED", 409);

    expectKnownError(await client("/team-invitations/accept", { method: "POST", body: { code: "a".repeat(45) } }), "VERIFICATION_CODE_NOT_FOUND", 404);
    const short = expectKnownError(await client("/team-invitations/accept", { method: "POST", body: { code: "abc" } }), "SCHEMA_ERROR", 400);
    expect(short.error).toContain("body.code must be exactly 45 characters");

    // Expiry: the only state not reachable through the API, so the row is aged directly.
    const { id: expiredId, code: expiredCode } = await invite(team.id, email);
    emu.db.prepare("UPDATE team_invitations SET expires_at_millis = ? WHERE id = ?").run(Date.now() - 1000, expiredId);
    expectKnownError(await client("/team-invitations/accept/check-code", { method: "POST", body: { code: expiredCode } }), "VERIFICATION_CODE_EXPIRED", 400);
    expect((await emu.fetch(`/team-invitations?team_id=${team.id}`)).body.items).toEqual([]);
  });
});
