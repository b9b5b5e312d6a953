import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";
import { accessTokenFor, addMember, asUser, createTeam, createUser, outbox, teamPermissionIds, updateConfig } from "./fixtures";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const SERVER_KEYS = ["id", "display_name", "profile_image_url", "created_at_millis", "client_metadata", "client_read_only_metadata", "server_metadata"];
const CLIENT_KEYS = ["id", "display_name", "profile_image_url", "client_metadata", "client_read_only_metadata"];

describe("POST /teams", () => {
  it("creates a team without members (server shape, field order of the real server)", async () => {
    const res = await emu.fetch("/teams", { method: "POST", body: { display_name: "Analytical Engines Ltd", server_metadata: { billing_account: "BA-77" } } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(SERVER_KEYS);
    expect(res.body).toMatchObject({
      display_name: "Analytical Engines Ltd",
      profile_image_url: null,
      client_metadata: null,
      client_read_only_metadata: null,
      server_metadata: { billing_account: "BA-77" },
    });
    expect(res.text).not.toContain("\n");
    const profiles = await emu.fetch(`/team-member-profiles?team_id=${res.body.id}`);
    expect(profiles.body).toEqual({ items: [], is_paginated: false });
    const hooks = await outbox(emu, "webhook");
    expect(hooks.some((h) => h.payload.type === "team.created" && h.payload.data.id === res.body.id)).toBe(true);
  });

  it("adds creator_user_id with the team-creator default permissions and records the events", async () => {
    const userId = await createUser(emu, { display_name: "Ada" });
    const team = await createTeam(emu, { creator_user_id: userId });
    expect(await teamPermissionIds(emu, team.id, userId)).toEqual(["team_admin"]);
    const perms = await emu.fetch(`/team-permissions?team_id=${team.id}&user_id=${userId}`);
    expect(perms.body).toEqual({ items: [{ id: "team_admin", user_id: userId, team_id: team.id }], is_paginated: false });
    const types = (await outbox(emu, "webhook")).filter((h) => JSON.stringify(h.payload.data).includes(team.id)).map((h) => h.payload.type);
    expect(types).toEqual(["team.created", "team_membership.created", "team_permission.created"]);
    const listed = await emu.fetch(`/teams?user_id=${userId}`);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([team.id]);
  });

  it("answers USER_NOT_FOUND for an unknown creator and creates nothing", async () => {
    const before = await emu.fetch("/teams?query=ghost-creator-team");
    const res = await emu.fetch("/teams", {
      method: "POST",
      body: { display_name: "ghost-creator-team", creator_user_id: "8d6f7a3e-1b2c-4d5e-8f90-123456789abc" },
    });
    expectKnownError(res, "USER_NOT_FOUND", 404);
    const after = await emu.fetch("/teams?query=ghost-creator-team");
    expect(after.body.items).toEqual(before.body.items);
  });

  it("validates the body", async () => {
    const missing = expectKnownError(await emu.fetch("/teams", { method: "POST", body: {} }), "SCHEMA_ERROR", 400);
    expect(missing.error).toContain("body.display_name must be defined");
    const unknown = expectKnownError(await emu.fetch("/teams", { method: "POST", body: { display_name: "x", foo: 1 } }), "SCHEMA_ERROR", 400);
    expect(unknown.error).toContain("body contains unknown properties: foo");
    const badUrl = expectKnownError(
      await emu.fetch("/teams", { method: "POST", body: { display_name: "x", profile_image_url: "not a url" } }),
      "SCHEMA_ERROR",
      400,
    );
    expect(badUrl.error).toContain("body.profile_image_url");
    const badCreator = expectKnownError(await emu.fetch("/teams", { method: "POST", body: { display_name: "x", creator_user_id: "nope" } }), "SCHEMA_ERROR", 400);
    expect(badCreator.error).toContain("body.creator_user_id must be a valid UUID");
  });

  it("lets a client create teams only when client team creation is enabled, always as itself", async () => {
    const me = await createUser(emu);
    const other = await createUser(emu);
    const client = asUser(emu, await accessTokenFor(emu, me));
    const disabled = await client("/teams", { method: "POST", body: { display_name: "Client team" } });
    expect(disabled.status).toBe(403);
    expect(disabled.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(disabled.headers.get("x-stack-known-error")).toBeNull();

    await updateConfig(emu, { "teams.allowClientTeamCreation": true });
    const created = await client("/teams", { method: "POST", body: { display_name: "Client team" } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(CLIENT_KEYS);
    expect(await teamPermissionIds(emu, created.body.id, me)).toEqual(["team_admin"]);

    const asOther = await client("/teams", { method: "POST", body: { display_name: "x", creator_user_id: other } });
    expect(asOther.status).toBe(403);
    const serverOnlyField = await client("/teams", { method: "POST", body: { display_name: "x", server_metadata: {} } });
    expect(expectKnownError(serverOnlyField, "SCHEMA_ERROR", 400).error).toContain("body contains unknown properties: server_metadata");
    const noUser = await emu.fetch("/teams", { method: "POST", accessType: "client", body: { display_name: "x" } });
    expectKnownError(noUser, "USER_AUTHENTICATION_REQUIRED", 401);
    await updateConfig(emu, { "teams.allowClientTeamCreation": false });
  });

  it("supports the deprecated add_current_user query", async () => {
    const me = await createUser(emu);
    const token = await accessTokenFor(emu, me);
    const res = await emu.fetch("/teams?add_current_user=true", {
      method: "POST",
      accessType: "server",
      headers: { "x-stack-access-token": token },
      body: { display_name: "Legacy" },
    });
    expect(res.status).toBe(201);
    expect(await teamPermissionIds(emu, res.body.id, me)).toEqual(["team_admin"]);
    const both = await emu.fetch("/teams?add_current_user=true", {
      method: "POST",
      accessType: "server",
      headers: { "x-stack-access-token": token },
      body: { display_name: "Legacy", creator_user_id: me },
    });
    expect(both.status).toBe(400);
    expect(both.headers.get("x-stack-known-error")).toBeNull();
  });
});

describe("GET /teams/{team_id}", () => {
  it("reads a team; unknown → TEAM_NOT_FOUND; client only as a member, in the client shape", async () => {
    const member = await createUser(emu);
    const outsider = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: member, server_metadata: { secret: 1 } });
    const res = await emu.fetch(`/teams/${team.id}`, { accessType: "server" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...team });

    const unknown = expectKnownError(await emu.fetch("/teams/0f8fad5b-d9cb-469f-a165-70867728950e"), "TEAM_NOT_FOUND", 404);
    expect(unknown.details).toEqual({ team_id: "0f8fad5b-d9cb-469f-a165-70867728950e" });
    expectKnownError(await emu.fetch("/teams/not-a-uuid"), "SCHEMA_ERROR", 400);

    const asMember = await asUser(emu, await accessTokenFor(emu, member))(`/teams/${team.id}`);
    expect(asMember.status).toBe(200);
    expect(Object.keys(asMember.body)).toEqual(CLIENT_KEYS);
    const asOutsider = await asUser(emu, await accessTokenFor(emu, outsider))(`/teams/${team.id}`);
    expectKnownError(asOutsider, "TEAM_MEMBERSHIP_NOT_FOUND", 404);
  });
});

describe("PATCH /teams/{team_id}", () => {
  it("updates fields (null clears the image), records team.updated", async () => {
    const team = await createTeam(emu, { profile_image_url: "https://example.com/a.png" });
    const res = await emu.fetch(`/teams/${team.id}`, {
      method: "PATCH",
      body: { display_name: "Renamed", profile_image_url: null, client_metadata: { a: 1 }, client_read_only_metadata: ["x"], server_metadata: "s" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: team.id,
      display_name: "Renamed",
      profile_image_url: null,
      created_at_millis: team.created_at_millis,
      client_metadata: { a: 1 },
      client_read_only_metadata: ["x"],
      server_metadata: "s",
    });
    expect((await emu.fetch(`/teams/${team.id}`)).body).toEqual(res.body);
    const hook = (await outbox(emu, "webhook")).filter((h) => h.payload.type === "team.updated" && h.payload.data.id === team.id);
    expect(hook.at(-1)!.payload.data).toEqual(res.body);
    expectKnownError(await emu.fetch("/teams/0f8fad5b-d9cb-469f-a165-70867728950e", { method: "PATCH", body: {} }), "TEAM_NOT_FOUND", 404);
  });

  it("requires $update_team for clients", async () => {
    const admin = await createUser(emu);
    const member = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: admin });
    await addMember(emu, team.id, member);
    const denied = await asUser(emu, await accessTokenFor(emu, member))(`/teams/${team.id}`, { method: "PATCH", body: { display_name: "Nope" } });
    const err = expectKnownError(denied, "TEAM_PERMISSION_REQUIRED", 401);
    expect(err.details).toEqual({ team_id: team.id, user_id: member, permission_id: "$update_team" });
    const allowed = await asUser(emu, await accessTokenFor(emu, admin))(`/teams/${team.id}`, { method: "PATCH", body: { display_name: "Yes", client_metadata: { c: true } } });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({ id: team.id, display_name: "Yes", profile_image_url: null, client_metadata: { c: true }, client_read_only_metadata: null });
    const serverField = await asUser(emu, await accessTokenFor(emu, admin))(`/teams/${team.id}`, { method: "PATCH", body: { server_metadata: 1 } });
    expectKnownError(serverField, "SCHEMA_ERROR", 400);
  });
});

describe("DELETE /teams/{team_id}", () => {
  it("cascades memberships, permissions and invitations, deselects the team, records team.deleted", async () => {
    const owner = await createUser(emu, { primary_email: "owner-del@example.com", primary_email_verified: true });
    const member = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: owner });
    await addMember(emu, team.id, member);
    const sel = await emu.fetch(`/users/${member}`, { method: "PATCH", body: { selected_team_id: team.id } });
    expect(sel.status, sel.text).toBe(200);
    expect(sel.body.selected_team_id).toBe(team.id);
    const inv = await emu.fetch("/team-invitations/send-code", {
      method: "POST",
      body: { team_id: team.id, email: "owner-del@example.com", callback_url: "http://localhost:3000/handler/team-invitation" },
    });
    expect(inv.status).toBe(200);
    expect((await emu.fetch(`/team-invitations?user_id=${owner}`)).body.items).toHaveLength(1);

    const res = await emu.fetch(`/teams/${team.id}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    expectKnownError(await emu.fetch(`/teams/${team.id}`), "TEAM_NOT_FOUND", 404);
    expect((await emu.fetch(`/team-permissions?user_id=${owner}`)).body.items).toEqual([]);
    expect((await emu.fetch(`/team-permissions?user_id=${member}`)).body.items).toEqual([]);
    expect((await emu.fetch(`/team-member-profiles?user_id=${member}`)).body.items).toEqual([]);
    expect((await emu.fetch(`/teams?user_id=${member}`)).body.items).toEqual([]);
    expect((await emu.fetch(`/team-invitations?user_id=${owner}`)).body.items).toEqual([]);
    const user = await emu.fetch(`/users/${member}`);
    expect(user.body.selected_team_id).toBeNull();
    expect(user.body.selected_team).toBeNull();
    const hooks = await outbox(emu, "webhook");
    expect(hooks.at(-1)!.payload).toEqual({ type: "team.deleted", data: { id: team.id } });
    expectKnownError(await emu.fetch(`/teams/${team.id}`, { method: "DELETE" }), "TEAM_NOT_FOUND", 404);
  });

  it("requires $delete_team for clients", async () => {
    const admin = await createUser(emu);
    const member = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: admin });
    await addMember(emu, team.id, member);
    expectKnownError(await asUser(emu, await accessTokenFor(emu, member))(`/teams/${team.id}`, { method: "DELETE" }), "TEAM_PERMISSION_REQUIRED", 401);
    expect((await emu.fetch(`/teams/${team.id}`)).status).toBe(200);
    const ok = await asUser(emu, await accessTokenFor(emu, admin))(`/teams/${team.id}`, { method: "DELETE" });
    expect(ok.body).toEqual({ success: true });
    expectKnownError(await emu.fetch(`/teams/${team.id}`), "TEAM_NOT_FOUND", 404);
  });
});

describe("GET /teams", () => {
  it("pages with the new-server cursor convention, both directions, without overlap", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createTeam(emu, { display_name: `Paging Team ${i}` })).id);
    const collect = async (desc: boolean) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const qs: string = `/teams?query=paging%20team&limit=2&order_by=created_at&desc=${desc}${cursor ? `&cursor=${cursor}` : ""}`;
        const page = await emu.fetch(qs);
        expect(page.status).toBe(200);
        expect(page.body.is_paginated).toBe(true);
        const pageIds = page.body.items.map((t: { id: string }) => t.id);
        if (page.body.pagination.next_cursor !== null) expect(page.body.pagination.next_cursor).toBe(pageIds.at(-1));
        seen.push(...pageIds);
        cursor = page.body.pagination.next_cursor;
        if (!cursor) break;
      }
      return seen;
    };
    const asc = await collect(false);
    expect(asc).toEqual(ids);
    expect(await collect(true)).toEqual([...ids].reverse());
    const all = await emu.fetch("/teams?query=PAGING");
    expect(all.body.items).toHaveLength(5);
    expect(all.body.pagination).toEqual({ next_cursor: null });
  });

  it("filters by user_id (id or me) and restricts clients to their own teams", async () => {
    const me = await createUser(emu);
    const other = await createUser(emu);
    const mine = await createTeam(emu, { creator_user_id: me });
    await createTeam(emu, { creator_user_id: other });
    const token = await accessTokenFor(emu, me);
    const client = asUser(emu, token);
    const own = await client("/teams?user_id=me");
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([{ id: mine.id, display_name: mine.display_name, profile_image_url: null, client_metadata: null, client_read_only_metadata: null }]);
    const ownById = await client(`/teams?user_id=${me}`);
    expect(ownById.body.items).toHaveLength(1);
    for (const path of ["/teams", `/teams?user_id=${other}`]) {
      const denied = await client(path);
      expect(denied.status).toBe(403);
      expect(denied.headers.get("content-type")).toMatch(/^text\/plain/);
    }
    const serverMe = await emu.fetch("/teams?user_id=me", { accessType: "server", headers: { "x-stack-access-token": token } });
    expect(serverMe.body.items.map((t: { id: string }) => t.id)).toEqual([mine.id]);
    expectKnownError(await emu.fetch("/teams?user_id=me", { accessType: "server" }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
    expectKnownError(await emu.fetch("/teams?limit=0"), "SCHEMA_ERROR", 400);
    expectKnownError(await emu.fetch("/teams?order_by=name"), "SCHEMA_ERROR", 400);
    expectKnownError(await emu.fetch("/teams?desc=yes"), "SCHEMA_ERROR", 400);
    expectKnownError(await emu.fetch("/teams?foo=1"), "SCHEMA_ERROR", 400);
  });
});
