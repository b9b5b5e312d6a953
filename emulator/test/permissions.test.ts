import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";
import { accessTokenFor, addMember, asUser, createTeam, createUser, outbox, readConfig, teamPermissionIds, updateConfig } from "./fixtures";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const GHOST = "8d6f7a3e-1b2c-4d5e-8f90-123456789abc";
const SYSTEM = [
  { id: "$delete_team", description: "Delete the team", contained_permission_ids: [] },
  { id: "$invite_members", description: "Invite other users to the team", contained_permission_ids: [] },
  { id: "$manage_api_keys", description: "Create and manage API keys for the team", contained_permission_ids: [] },
  { id: "$read_members", description: "Read and list the other members of the team", contained_permission_ids: [] },
  { id: "$remove_members", description: "Remove other members from the team", contained_permission_ids: [] },
  { id: "$update_team", description: "Update the team information", contained_permission_ids: [] },
];

const def = (scope: "team" | "project", body: unknown) =>
  emu.fetch(`/${scope}-permission-definitions`, { method: "POST", accessType: "admin", body });
const patchDef = (scope: "team" | "project", id: string, body: unknown) =>
  emu.fetch(`/${scope}-permission-definitions/${id}`, { method: "PATCH", accessType: "admin", body });
const listDefs = async (scope: "team" | "project") => (await emu.fetch(`/${scope}-permission-definitions`)).body.items as { id: string; description?: string; contained_permission_ids: string[] }[];

describe("permission definitions", () => {
  it("lists the defaults and the six system permissions, sorted by id (admin only)", async () => {
    const res = await emu.fetch("/team-permission-definitions");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        ...SYSTEM,
        {
          id: "team_admin",
          description: "Default permission for team creators",
          contained_permission_ids: ["$delete_team", "$invite_members", "$manage_api_keys", "$read_members", "$remove_members", "$update_team"],
        },
        { id: "team_member", description: "Default permission for team members", contained_permission_ids: ["$invite_members", "$read_members"] },
      ],
      is_paginated: false,
    });
    expect((await emu.fetch("/project-permission-definitions")).body).toEqual({ items: [], is_paginated: false });
    expectKnownError(await emu.fetch("/team-permission-definitions", { accessType: "server" }), "INSUFFICIENT_ACCESS_TYPE", 401);
  });

  it("creates definitions and rejects duplicate ids, unknown or cross-scope contained ids", async () => {
    const created = await def("team", { id: "docs:write", description: "Write docs", contained_permission_ids: ["team_member", "$update_team"] });
    expect(created.status).toBe(201);
    expect(created.text).toBe(JSON.stringify({ id: "docs:write", description: "Write docs", contained_permission_ids: ["$update_team", "team_member"] }));
    const bare = await def("team", { id: "docs:read" });
    expect(bare.body).toEqual({ id: "docs:read", contained_permission_ids: [] });
    expect((await listDefs("team")).find((d) => d.id === "docs:read")).toEqual({ id: "docs:read", contained_permission_ids: [] });

    expectKnownError(await def("team", { id: "docs:read" }), "PERMISSION_ID_ALREADY_EXISTS", 400);
    expectKnownError(await def("project", { id: "docs:read" }), "PERMISSION_ID_ALREADY_EXISTS", 400);
    const missing = expectKnownError(await def("team", { id: "x1", contained_permission_ids: ["nope"] }), "CONTAINED_PERMISSION_NOT_FOUND", 400);
    expect(missing.details).toEqual({ permission_id: "nope" });
    expect((await def("project", { id: "billing:read" })).status).toBe(201);
    expectKnownError(await def("project", { id: "p2", contained_permission_ids: ["team_member"] }), "CONTAINED_PERMISSION_NOT_FOUND", 400);
    expectKnownError(await def("project", { id: "p2", contained_permission_ids: ["$read_members"] }), "CONTAINED_PERMISSION_NOT_FOUND", 400);
    expectKnownError(await def("team", { id: "t2", contained_permission_ids: ["billing:read"] }), "CONTAINED_PERMISSION_NOT_FOUND", 400);
    expect((await def("project", { id: "billing:admin", contained_permission_ids: ["billing:read"] })).body).toEqual({
      id: "billing:admin",
      contained_permission_ids: ["billing:read"],
    });

    expectKnownError(await def("team", { id: "$custom" }), "SCHEMA_ERROR", 400);
    expectKnownError(await def("team", { id: "Upper" }), "SCHEMA_ERROR", 400);
    expectKnownError(await def("team", { id: "ok", contained_permission_ids: ["$bogus"] }), "SCHEMA_ERROR", 400);
    expectKnownError(await def("team", { description: "no id" }), "SCHEMA_ERROR", 400);
    expect((await listDefs("team")).some((d) => ["x1", "t2", "ok", "$custom"].includes(d.id))).toBe(false);
  });

  it("pages the team list when limit/cursor/query are sent", async () => {
    const first = await emu.fetch("/team-permission-definitions?limit=3");
    expect(first.body.is_paginated).toBe(true);
    expect(first.body.items.map((d: { id: string }) => d.id)).toEqual(["$delete_team", "$invite_members", "$manage_api_keys"]);
    expect(first.body.pagination.next_cursor).toBe("$manage_api_keys");
    const second = await emu.fetch(`/team-permission-definitions?limit=3&cursor=${encodeURIComponent("$manage_api_keys")}`);
    expect(second.body.items.map((d: { id: string }) => d.id)).toEqual(["$read_members", "$remove_members", "$update_team"]);
    const searched = await emu.fetch("/team-permission-definitions?limit=10&query=TEAM_");
    expect(searched.body.items.map((d: { id: string }) => d.id)).toEqual(["team_admin", "team_member"]);
    expect(searched.body.pagination).toEqual({ next_cursor: null });
    expectKnownError(await emu.fetch("/team-permission-definitions?limit=0"), "SCHEMA_ERROR", 400);
  });

  it("renames with every reference: grants, containing definitions and default-permission maps", async () => {
    await def("team", { id: "reports:view", description: "View" });
    await def("team", { id: "reports:all", contained_permission_ids: ["reports:view"] });
    await updateConfig(emu, { "rbac.defaultPermissions.teamMember": { "reports:view": true } });
    const user = await createUser(emu);
    const team = await createTeam(emu);
    await addMember(emu, team.id, user);
    expect(await teamPermissionIds(emu, team.id, user)).toEqual(["reports:view", "team_member"]);

    const res = await patchDef("team", "reports:view", { id: "reports:read", description: "Read reports", contained_permission_ids: ["$read_members"] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: "reports:read", description: "Read reports", contained_permission_ids: ["$read_members"] });
    const defs = await listDefs("team");
    expect(defs.some((d) => d.id === "reports:view")).toBe(false);
    expect(defs.find((d) => d.id === "reports:all")!.contained_permission_ids).toEqual(["reports:read"]);
    expect(await teamPermissionIds(emu, team.id, user)).toEqual(["reports:read", "team_member"]);
    const cfg = await readConfig(emu);
    expect(cfg.rbac.defaultPermissions.teamMember).toEqual({ team_member: true, "reports:read": true });
    const later = await createUser(emu);
    await addMember(emu, team.id, later);
    expect(await teamPermissionIds(emu, team.id, later)).toEqual(["reports:read", "team_member"]);
    // A later config write must not resurrect the old id (the override layers were renamed too).
    await updateConfig(emu, { "teams.allowClientTeamCreation": false });
    expect((await readConfig(emu)).rbac.defaultPermissions.teamMember).toEqual({ team_member: true, "reports:read": true });

    // Omitted fields are replaced: description dropped, contained emptied.
    expect((await patchDef("team", "reports:read", {})).body).toEqual({ id: "reports:read", contained_permission_ids: [] });
    // Deleting it also drops it from the defaults again.
    expect((await emu.fetch("/team-permission-definitions/reports:read", { method: "DELETE" })).status).toBe(200);
    expect((await readConfig(emu)).rbac.defaultPermissions.teamMember).toEqual({ team_member: true });
  });

  it("accepts cycles like a real server (only contained ids are checked), and the recursive listing stops on them", async () => {
    await def("team", { id: "cyc:a" });
    await def("team", { id: "cyc:b", contained_permission_ids: ["cyc:a"] });
    await def("team", { id: "cyc:c", contained_permission_ids: ["cyc:b"] });
    const self = await patchDef("team", "cyc:a", { contained_permission_ids: ["cyc:a"] });
    expect(self.status, self.text).toBe(200);
    expect(self.body).toEqual({ id: "cyc:a", contained_permission_ids: ["cyc:a"] });
    const loop = await patchDef("team", "cyc:a", { contained_permission_ids: ["cyc:c", "$read_members"] });
    expect(loop.status, loop.text).toBe(200);
    const user = await createUser(emu);
    const team = await createTeam(emu, {});
    await addMember(emu, team.id, user);
    expect((await emu.fetch(`/team-permissions/${team.id}/${user}/cyc:b`, { method: "POST", body: {}, accessType: "server" })).status).toBe(201);
    expect(await teamPermissionIds(emu, team.id, user, true)).toEqual(["$invite_members", "$read_members", "cyc:a", "cyc:b", "cyc:c", "team_member"]);
    // Unknown contained ids are still refused.
    expectKnownError(await patchDef("team", "cyc:a", { contained_permission_ids: ["cyc:ghost"] }), "CONTAINED_PERMISSION_NOT_FOUND", 400);
  });

  it("answers PERMISSION_NOT_FOUND / PERMISSION_ID_ALREADY_EXISTS on update and delete", async () => {
    await def("team", { id: "upd:one" });
    await def("team", { id: "upd:two" });
    expectKnownError(await patchDef("team", "$update_team", { description: "x" }), "PERMISSION_NOT_FOUND", 404);
    expectKnownError(await patchDef("team", "nothing_here", {}), "PERMISSION_NOT_FOUND", 404);
    expectKnownError(await patchDef("team", "upd:one", { id: "upd:two" }), "PERMISSION_ID_ALREADY_EXISTS", 400);
    expectKnownError(await patchDef("team", "upd:one", { contained_permission_ids: ["ghost"] }), "CONTAINED_PERMISSION_NOT_FOUND", 400);
    await def("project", { id: "proj:only" });
    expectKnownError(await patchDef("team", "proj:only", {}), "PERMISSION_NOT_FOUND", 404);
    expectKnownError(await emu.fetch("/team-permission-definitions/$delete_team", { method: "DELETE" }), "PERMISSION_NOT_FOUND", 404);
    expectKnownError(await emu.fetch("/team-permission-definitions/proj:only", { method: "DELETE" }), "PERMISSION_NOT_FOUND", 404);
    expectKnownError(await emu.fetch("/project-permission-definitions/upd:one", { method: "DELETE" }), "PERMISSION_NOT_FOUND", 404);
  });

  it("deletes a definition with its grants, references and defaults", async () => {
    await def("team", { id: "del:leaf" });
    await def("team", { id: "del:parent", contained_permission_ids: ["del:leaf", "$read_members"] });
    await updateConfig(emu, { "rbac.defaultPermissions.teamCreator": { "del:leaf": true } });
    const user = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: user });
    expect(await teamPermissionIds(emu, team.id, user)).toEqual(["del:leaf", "team_admin"]);
    const res = await emu.fetch("/team-permission-definitions/del:leaf", { method: "DELETE" });
    expect(res.body).toEqual({ success: true });
    expect(await teamPermissionIds(emu, team.id, user)).toEqual(["team_admin"]);
    expect((await listDefs("team")).find((d) => d.id === "del:parent")!.contained_permission_ids).toEqual(["$read_members"]);
    expect((await readConfig(emu)).rbac.defaultPermissions.teamCreator).toEqual({ team_admin: true });
    expectKnownError(await emu.fetch("/team-permission-definitions/del:leaf", { method: "DELETE" }), "PERMISSION_NOT_FOUND", 404);
  });
});

describe("team permission grants", () => {
  it("grants (201, idempotent), expands recursively, filters and sorts", async () => {
    await def("team", { id: "rec:inner", contained_permission_ids: ["$update_team"] });
    await def("team", { id: "rec:outer", contained_permission_ids: ["rec:inner"] });
    const user = await createUser(emu);
    const team = await createTeam(emu);
    await addMember(emu, team.id, user);
    const granted = await emu.fetch(`/team-permissions/${team.id}/${user}/rec:outer`, { method: "POST", accessType: "server", body: {} });
    expect(granted.status).toBe(201);
    expect(granted.text).toBe(JSON.stringify({ id: "rec:outer", user_id: user, team_id: team.id }));
    expect((await emu.fetch(`/team-permissions/${team.id}/${user}/rec:outer`, { method: "POST", body: {} })).status).toBe(201);
    expect((await outbox(emu, "webhook")).at(-1)!.payload).toEqual({ type: "team_permission.created", data: { id: "rec:outer", user_id: user, team_id: team.id } });

    expect(await teamPermissionIds(emu, team.id, user)).toEqual(["rec:outer", "team_member"]);
    expect(await teamPermissionIds(emu, team.id, user, true)).toEqual([
      "$invite_members",
      "$read_members",
      "$update_team",
      "rec:inner",
      "rec:outer",
      "team_member",
    ]);
    const filtered = await emu.fetch(`/team-permissions?team_id=${team.id}&user_id=${user}&permission_id=$update_team&recursive=true`);
    expect(filtered.body.items).toEqual([{ id: "$update_team", user_id: user, team_id: team.id }]);
    const notDirect = await emu.fetch(`/team-permissions?team_id=${team.id}&user_id=${user}&permission_id=$update_team`);
    expect(notDirect.body.items).toEqual([]);

    // Sorted by team_id, then user_id, then id.
    const team2 = await createTeam(emu);
    await addMember(emu, team2.id, user);
    const all = (await emu.fetch(`/team-permissions?user_id=${user}`)).body.items as { team_id: string; id: string }[];
    const sorted = [...all].sort((a, b) => (a.team_id < b.team_id ? -1 : a.team_id > b.team_id ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(all).toEqual(sorted);
    expect(all).toHaveLength(3);
    expectKnownError(await emu.fetch("/team-permissions?recursive=yes"), "SCHEMA_ERROR", 400);
  });

  it("answers the grant errors", async () => {
    const user = await createUser(emu);
    const outsider = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: user });
    await def("project", { id: "scope:project" });
    expectKnownError(await emu.fetch(`/team-permissions/${team.id}/${outsider}/team_member`, { method: "POST", body: {} }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/team-permissions/${team.id}/${GHOST}/team_member`, { method: "POST", body: {} }), "USER_NOT_FOUND", 404);
    const nf = expectKnownError(await emu.fetch(`/team-permissions/${team.id}/${user}/no_such_perm`, { method: "POST", body: {} }), "PERMISSION_NOT_FOUND", 404);
    expect(nf.details).toEqual({ permission_id: "no_such_perm" });
    const scope = expectKnownError(await emu.fetch(`/team-permissions/${team.id}/${user}/scope:project`, { method: "POST", body: {} }), "WRONG_PERMISSION_SCOPE", 404);
    expect(scope.details).toEqual({ permission_id: "scope:project", expected_scope: "team", actual_scope: "project" });
    expectKnownError(await emu.fetch(`/team-permissions/${team.id}/${user}/$bogus`, { method: "POST", body: {} }), "SCHEMA_ERROR", 400);
    expectKnownError(await emu.fetch(`/team-permissions/${team.id}/${user}/team_member`, { method: "POST", accessType: "client", body: {} }), "INSUFFICIENT_ACCESS_TYPE", 401);
  });

  it("revokes direct grants only (TEAM_PERMISSION_NOT_FOUND, 401)", async () => {
    const user = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: user });
    const inherited = expectKnownError(await emu.fetch(`/team-permissions/${team.id}/${user}/$update_team`, { method: "DELETE" }), "TEAM_PERMISSION_NOT_FOUND", 401);
    expect(inherited.details).toEqual({ team_id: team.id, user_id: user, permission_id: "$update_team" });
    const ok = await emu.fetch(`/team-permissions/${team.id}/${user}/team_admin`, { method: "DELETE", accessType: "server" });
    expect(ok.body).toEqual({ success: true });
    expect((await outbox(emu, "webhook")).at(-1)!.payload).toEqual({ type: "team_permission.deleted", data: { id: "team_admin", user_id: user, team_id: team.id } });
    expect(await teamPermissionIds(emu, team.id, user, true)).toEqual([]);
    expectKnownError(await emu.fetch(`/team-permissions/${team.id}/${user}/team_admin`, { method: "DELETE" }), "TEAM_PERMISSION_NOT_FOUND", 401);
    const outsider = await createUser(emu);
    expectKnownError(await emu.fetch(`/team-permissions/${team.id}/${outsider}/team_admin`, { method: "DELETE" }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
  });

  it("lets clients list only their own permissions", async () => {
    const user = await createUser(emu);
    const other = await createUser(emu);
    const team = await createTeam(emu, { creator_user_id: user });
    const client = asUser(emu, await accessTokenFor(emu, user));
    const own = await client(`/team-permissions?team_id=${team.id}&user_id=me&recursive=false`);
    expect(own.body).toEqual({ items: [{ id: "team_admin", user_id: user, team_id: team.id }], is_paginated: false });
    for (const path of [`/team-permissions?team_id=${team.id}`, `/team-permissions?user_id=${other}`]) {
      const denied = await client(path);
      expect(denied.status).toBe(403);
      expect(denied.headers.get("x-stack-known-error")).toBeNull();
    }
  });
});

describe("project permission grants", () => {
  it("grants, lists (recursive), revokes direct grants only", async () => {
    await def("project", { id: "pp:read" });
    await def("project", { id: "pp:admin", contained_permission_ids: ["pp:read"] });
    await def("team", { id: "pp:teamish" });
    const user = await createUser(emu);
    const res = await emu.fetch(`/project-permissions/${user}/pp:admin`, { method: "POST", accessType: "server", body: {} });
    expect(res.status).toBe(201);
    expect(res.text).toBe(JSON.stringify({ id: "pp:admin", user_id: user }));
    expect((await outbox(emu, "webhook")).at(-1)!.payload).toEqual({ type: "project_permission.created", data: { id: "pp:admin", user_id: user } });
    expect((await emu.fetch(`/project-permissions/${user}/pp:admin`, { method: "POST", body: {} })).status).toBe(201);
    expect((await emu.fetch(`/project-permissions?user_id=${user}`)).body).toEqual({ items: [{ id: "pp:admin", user_id: user }], is_paginated: false });
    expect((await emu.fetch(`/project-permissions?user_id=${user}&recursive=true`)).body.items).toEqual([
      { id: "pp:admin", user_id: user },
      { id: "pp:read", user_id: user },
    ]);

    expectKnownError(await emu.fetch(`/project-permissions/${GHOST}/pp:read`, { method: "POST", body: {} }), "USER_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/project-permissions/${user}/nope`, { method: "POST", body: {} }), "PERMISSION_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/project-permissions/${user}/$update_team`, { method: "POST", body: {} }), "PERMISSION_NOT_FOUND", 404);
    const scope = expectKnownError(await emu.fetch(`/project-permissions/${user}/pp:teamish`, { method: "POST", body: {} }), "WRONG_PERMISSION_SCOPE", 404);
    expect(scope.details).toEqual({ permission_id: "pp:teamish", expected_scope: "project", actual_scope: "team" });

    expectKnownError(await emu.fetch(`/project-permissions/${user}/pp:read`, { method: "DELETE" }), "PERMISSION_NOT_FOUND", 404);
    expectKnownError(await emu.fetch(`/project-permissions/${GHOST}/pp:read`, { method: "DELETE" }), "USER_NOT_FOUND", 404);
    expect((await emu.fetch(`/project-permissions/${user}/pp:admin`, { method: "DELETE" })).body).toEqual({ success: true });
    expect((await emu.fetch(`/project-permissions?user_id=${user}&recursive=true`)).body.items).toEqual([]);

    const client = asUser(emu, await accessTokenFor(emu, user));
    expect((await client("/project-permissions?user_id=me")).status).toBe(200);
    expect((await client("/project-permissions")).status).toBe(403);
  });

  it("renames and deletes project definitions with their grants", async () => {
    await def("project", { id: "pr:old" });
    const user = await createUser(emu);
    await emu.fetch(`/project-permissions/${user}/pr:old`, { method: "POST", body: {} });
    expect((await patchDef("project", "pr:old", { id: "pr:new" })).body).toEqual({ id: "pr:new", contained_permission_ids: [] });
    expect((await emu.fetch(`/project-permissions?user_id=${user}`)).body.items).toEqual([{ id: "pr:new", user_id: user }]);
    expect((await emu.fetch("/project-permission-definitions/pr:new", { method: "DELETE" })).body).toEqual({ success: true });
    expect((await emu.fetch(`/project-permissions?user_id=${user}`)).body.items).toEqual([]);
  });
});
