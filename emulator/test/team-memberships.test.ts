import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";
import { accessTokenFor, addMember, asUser, createTeam, createUser, outbox, teamPermissionIds, updateConfig } from "./fixtures";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const GHOST = "8d6f7a3e-1b2c-4d5e-8f90-123456789abc";

describe("POST /team-memberships/{team_id}/{user_id}", () => {
  it("adds a member with the team-member defaults and records the events", async () => {
    const team = await createTeam(emu);
    const user = await createUser(emu);
    const res = await emu.fetch(`/team-memberships/${team.id}/${user}`, { method: "POST", accessType: "server", body: {} });
    expect(res.status).toBe(201);
    expect(res.text).toBe(JSON.stringify({ team_id: team.id, user_id: user }));
    expect(await teamPermissionIds(emu, team.id, user)).toEqual(["team_member"]);
    expect(await teamPermissionIds(emu, team.id, user, true)).toEqual(["$invite_members", "$read_members", "team_member"]);
    const events = (await outbox(emu, "webhook")).slice(-2).map((h) => h.payload);
    expect(events).toEqual([
      { type: "team_membership.created", data: { team_id: team.id, user_id: user } },
      { type: "team_permission.created", data: { id: "team_member", user_id: user, team_id: team.id } },
    ]);
    const users = await emu.fetch(`/users?team_id=${team.id}`);
    expect(users.body.items.map((u: { id: string }) => u.id)).toEqual([user]);
  });

  it("accepts a missing body, rejects unknown body properties", async () => {
    const team = await createTeam(emu);
    const user = await createUser(emu);
    expect((await emu.fetch(`/team-memberships/${team.id}/${user}`, { method: "POST" })).status).toBe(201);
    const other = await createUser(emu);
    expectKnownError(await emu.fetch(`/team-memberships/${team.id}/${other}`, { method: "POST", body: { role: "x" } }), "SCHEMA_ERROR", 400);
  });

  it("answers USER_NOT_FOUND, TEAM_NOT_FOUND, TEAM_MEMBERSHIP_ALREADY_EXISTS and refuses clients", async () => {
    const team = await createTeam(emu);
    const user = await createUser(emu);
    expectKnownError(await emu.fetch(`/team-memberships/${team.id}/${GHOST}`, { method: "POST", body: {} }), "USER_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/team-memberships/${GHOST}/${user}`, { method: "POST", body: {} }), "TEAM_NOT_FOUND", 404);
    await addMember(emu, team.id, user);
    expectKnownError(await emu.fetch(`/team-memberships/${team.id}/${user}`, { method: "POST", body: {} }), "TEAM_MEMBERSHIP_ALREADY_EXISTS", 409);
    const client = await emu.fetch(`/team-memberships/${team.id}/${user}`, { method: "POST", accessType: "client", body: {} });
    expectKnownError(client, "INSUFFICIENT_ACCESS_TYPE", 401);
  });

  it("uses the project's current team-member default permissions", async () => {
    await updateConfig(emu, { "rbac.defaultPermissions.teamMember": { team_member: null, $read_members: true } });
    const team = await createTeam(emu);
    const user = await createUser(emu);
    await addMember(emu, team.id, user);
    expect(await teamPermissionIds(emu, team.id, user)).toEqual(["$read_members"]);
    await updateConfig(emu, { "rbac.defaultPermissions.teamMember": { team_member: true, $read_members: null } });
    const later = await createUser(emu);
    await addMember(emu, team.id, later);
    expect(await teamPermissionIds(emu, team.id, later)).toEqual(["team_member"]);
  });
});

describe("DELETE /team-memberships/{team_id}/{user_id}", () => {
  it("removes the member, its team permissions and its selection of the team", async () => {
    const team = await createTeam(emu);
    const user = await createUser(emu);
    await addMember(emu, team.id, user);
    await emu.fetch(`/team-permissions/${team.id}/${user}/$update_team`, { method: "POST", body: {} });
    const sel = await emu.fetch(`/users/${user}`, { method: "PATCH", body: { selected_team_id: team.id } });
    expect(sel.body.selected_team_id).toBe(team.id);
    const res = await emu.fetch(`/team-memberships/${team.id}/${user}`, { method: "DELETE", accessType: "server", body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    expect((await emu.fetch(`/team-permissions?user_id=${user}`)).body.items).toEqual([]);
    expect((await emu.fetch(`/users/${user}`)).body.selected_team_id).toBeNull();
    expect((await emu.fetch(`/teams?user_id=${user}`)).body.items).toEqual([]);
    expect((await outbox(emu, "webhook")).at(-1)!.payload).toEqual({ type: "team_membership.deleted", data: { team_id: team.id, user_id: user } });
    // Re-joining starts from the defaults again.
    await addMember(emu, team.id, user);
    expect(await teamPermissionIds(emu, team.id, user)).toEqual(["team_member"]);
  });

  it("answers TEAM_MEMBERSHIP_NOT_FOUND / USER_NOT_FOUND", async () => {
    const team = await createTeam(emu);
    const user = await createUser(emu);
    const err = expectKnownError(await emu.fetch(`/team-memberships/${team.id}/${user}`, { method: "DELETE" }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
    expect(err.details).toEqual({ team_id: team.id, user_id: user });
    expectKnownError(await emu.fetch(`/team-memberships/${team.id}/${GHOST}`, { method: "DELETE" }), "USER_NOT_FOUND", 404);
  });

  it("lets a client leave a team, and remove others only with $remove_members", async () => {
    const admin = await createUser(emu);
    const a = await createUser(emu);
    const b = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: admin });
    await addMember(emu, team.id, a);
    await addMember(emu, team.id, b);
    const asA = asUser(emu, await accessTokenFor(emu, a));
    const denied = expectKnownError(await asA(`/team-memberships/${team.id}/${b}`, { method: "DELETE" }), "TEAM_PERMISSION_REQUIRED", 401);
    expect(denied.details).toEqual({ team_id: team.id, user_id: a, permission_id: "$remove_members" });
    expect((await asA(`/team-memberships/${team.id}/me`, { method: "DELETE" })).body).toEqual({ success: true });
    expectKnownError(await asA(`/teams/${team.id}`), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
    const asAdmin = asUser(emu, await accessTokenFor(emu, admin));
    expect((await asAdmin(`/team-memberships/${team.id}/${b}`, { method: "DELETE" })).body).toEqual({ success: true });
    const profiles = await emu.fetch(`/team-member-profiles?team_id=${team.id}`);
    expect(profiles.body.items.map((p: { user_id: string }) => p.user_id)).toEqual([admin]);
  });
});

describe("team member profiles", () => {
  it("lists profiles (server shape with the full user object, membership order)", async () => {
    const first = await createUser(emu, { display_name: "First", primary_email: "first@example.com" });
    const second = await createUser(emu, { display_name: "Second" });
    const team = await createTeam(emu, { creator_user_id: first });
    await addMember(emu, team.id, second);
    const res = await emu.fetch(`/team-member-profiles?team_id=${team.id}`);
    expect(res.status).toBe(200);
    expect(res.body.is_paginated).toBe(false);
    expect(res.body.items.map((p: { user_id: string }) => p.user_id)).toEqual([first, second]);
    const p0 = res.body.items[0];
    expect(Object.keys(p0)).toEqual(["team_id", "user_id", "display_name", "profile_image_url", "user"]);
    expect(p0).toMatchObject({ team_id: team.id, user_id: first, display_name: "First", profile_image_url: null });
    expect(p0.user).toEqual((await emu.fetch(`/users/${first}`)).body);
    const byUser = await emu.fetch(`/team-member-profiles?user_id=${second}`);
    expect(byUser.body.items.map((p: { team_id: string }) => p.team_id)).toEqual([team.id]);
    expectKnownError(await emu.fetch(`/team-member-profiles?team_id=${GHOST}`), "TEAM_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/team-member-profiles?user_id=${GHOST}`), "USER_NOT_FOUND", 404);
  });

  it("reads and patches one profile; team-specific values fall back to the user's", async () => {
    const user = await createUser(emu, { display_name: "Global Name", profile_image_url: "https://example.com/u.png" });
    const team = await createTeam(emu, { creator_user_id: user });
    const before = await emu.fetch(`/team-member-profiles/${team.id}/${user}`);
    expect(before.body).toMatchObject({ display_name: "Global Name", profile_image_url: "https://example.com/u.png" });
    const patched = await emu.fetch(`/team-member-profiles/${team.id}/${user}`, {
      method: "PATCH",
      body: { display_name: "Team Name", profile_image_url: "https://example.com/t.png" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ team_id: team.id, user_id: user, display_name: "Team Name", profile_image_url: "https://example.com/t.png" });
    expect(patched.body.user.display_name).toBe("Global Name");
    expect((await emu.fetch(`/team-member-profiles/${team.id}/${user}`)).body.display_name).toBe("Team Name");
    const cleared = await emu.fetch(`/team-member-profiles/${team.id}/${user}`, { method: "PATCH", body: { profile_image_url: null } });
    expect(cleared.body.profile_image_url).toBe("https://example.com/u.png");
    expectKnownError(await emu.fetch(`/team-member-profiles/${team.id}/${GHOST}`), "USER_NOT_FOUND", 404);
    const outsider = await createUser(emu);
    expectKnownError(await emu.fetch(`/team-member-profiles/${team.id}/${outsider}`), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/team-member-profiles/${team.id}/${outsider}`, { method: "PATCH", body: {} }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/team-member-profiles/${team.id}/${user}`, { method: "PATCH", body: { bio: "x" } }), "SCHEMA_ERROR", 400);
  });

  it("applies the client rules", async () => {
    const admin = await createUser(emu, { display_name: "Admin" });
    const member = await createUser(emu, { display_name: "Member" });
    const outsider = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: admin });
    await addMember(emu, team.id, member);
    const asMember = asUser(emu, await accessTokenFor(emu, member));
    const asOutsider = asUser(emu, await accessTokenFor(emu, outsider));

    const noTeam = await asMember("/team-member-profiles");
    expect(noTeam.status).toBe(400);
    expect(noTeam.headers.get("x-stack-known-error")).toBeNull();
    expectKnownError(await asOutsider(`/team-member-profiles?team_id=${team.id}`), "TEAM_MEMBERSHIP_NOT_FOUND", 404);

    const list = await asMember(`/team-member-profiles?team_id=${team.id}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      { team_id: team.id, user_id: admin, display_name: "Admin", profile_image_url: null },
      { team_id: team.id, user_id: member, display_name: "Member", profile_image_url: null },
    ]);

    // Without $read_members (team_member contains it): only the own profile.
    await emu.fetch(`/team-permissions/${team.id}/${member}/team_member`, { method: "DELETE" });
    expectKnownError(await asMember(`/team-member-profiles?team_id=${team.id}`), "TEAM_PERMISSION_REQUIRED", 401);
    expect((await asMember(`/team-member-profiles?team_id=${team.id}&user_id=me`)).body.items).toHaveLength(1);
    expectKnownError(await asMember(`/team-member-profiles/${team.id}/${admin}`), "TEAM_PERMISSION_REQUIRED", 401);
    const own = await asMember(`/team-member-profiles/${team.id}/me`);
    expect(own.body).toEqual({ team_id: team.id, user_id: member, display_name: "Member", profile_image_url: null });

    const other = await asMember(`/team-member-profiles/${team.id}/${admin}`, { method: "PATCH", body: { display_name: "Hacked" } });
    expect(other.status).toBe(403);
    expect(other.headers.get("content-type")).toMatch(/^text\/plain/);
    const mine = await asMember(`/team-member-profiles/${team.id}/me`, { method: "PATCH", body: { display_name: "Me in team" } });
    expect(mine.body).toEqual({ team_id: team.id, user_id: member, display_name: "Me in team", profile_image_url: null });
  });
});
