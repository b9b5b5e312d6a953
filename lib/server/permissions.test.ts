import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionRefusal } from "@/lib/server/failure";
import {
  createPermissionDefinition,
  deletePermissionDefinition,
  getDeletionImpact,
  getPermissionDefinitions,
  getTeamMemberPermissions,
  getTeamMemberSummary,
  getUserProjectPermissions,
  grantTeamPermission,
  revokeTeamPermission,
  updatePermissionDefinition,
} from "@/lib/server/permissions";
import { resetCapabilitiesCacheForTests } from "@/lib/stack/capabilities";
import { createStackClient } from "@/lib/stack/client";
import { StackKnownError } from "@/lib/stack/errors";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";
import { recorder } from "@/lib/testing/recorder";

// The server layer against real emulators over HTTP: the newest release and the February 2025 one.
let emu: TestEmulator;
let old: TestEmulator;
beforeAll(async () => {
  resetCapabilitiesCacheForTests();
  [emu, old] = await Promise.all([startEmulatorProcess({}), startEmulatorProcess({ release: "2025-02" })]);
}, 60_000);
afterAll(async () => {
  await Promise.all([emu?.stop(), old?.stop()]);
});

const clientOf = (e: TestEmulator, slug: string) => createStackClient({ slug, projectId: TEST_PROJECT.projectId, apiUrl: e.url, adminKey: TEST_PROJECT.superSecretAdminKey });
const client = () => clientOf(emu, "perms-latest");
const tag = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The stored definition, read back over HTTP. */
async function stored(scope: "team" | "project", id: string) {
  const defs = (await emu.fetch(`/${scope}-permission-definitions`)).body.items as { id: string; contained_permission_ids: string[] }[];
  return defs.find((d) => d.id === id);
}
const requestCount = async () => ((await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { api_requests: number }).api_requests;

describe("permission definitions", () => {
  it("lists team definitions with the system permissions, containment both ways and what each implies", async () => {
    const t = tag();
    await createPermissionDefinition(client(), { scope: "team", id: `${t}_read`, description: "", containedPermissionIds: [] }, recorder());
    await createPermissionDefinition(client(), { scope: "team", id: `${t}_lead`, description: "Lead", containedPermissionIds: [`${t}_read`, "team_member"] }, recorder());
    const data = await getPermissionDefinitions(client(), "team");
    const lead = data.definitions.find((d) => d.id === `${t}_lead`)!;
    expect(lead).toEqual({
      id: `${t}_lead`,
      description: "Lead",
      containedPermissionIds: [`${t}_read`, "team_member"].sort(),
      impliedPermissionIds: expect.arrayContaining([`${t}_read`, "team_member", "$read_members", "$invite_members"]),
      containedBy: [],
      system: false,
    });
    expect(data.definitions.find((d) => d.id === `${t}_read`)!.containedBy).toEqual([`${t}_lead`]);
    expect(data.definitions.find((d) => d.id === "$update_team")).toMatchObject({ system: true, description: "Update the team information" });
  });

  it("refuses a cycle before any write, naming it; a rename follows every reference", async () => {
    const t = tag();
    await createPermissionDefinition(client(), { scope: "team", id: `${t}_a`, description: "", containedPermissionIds: [] }, recorder());
    await createPermissionDefinition(client(), { scope: "team", id: `${t}_b`, description: "", containedPermissionIds: [`${t}_a`] }, recorder());
    const before = await requestCount();
    const err = await updatePermissionDefinition(client(), { scope: "team", permissionId: `${t}_a`, id: `${t}_a`, description: "", containedPermissionIds: [`${t}_b`] }, recorder()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActionRefusal);
    expect((err as ActionRefusal).code).toBe("PERMISSION_CYCLE");
    expect((err as ActionRefusal).message).toContain(`${t}_a → ${t}_b → ${t}_a`);
    // Only the fresh list was read: no PATCH.
    expect(await requestCount()).toBe(before + 1);
    expect((await stored("team", `${t}_a`))!.contained_permission_ids).toEqual([]);

    // Self-containment through a rename: b renamed to c while containing its own old name.
    await expect(updatePermissionDefinition(client(), { scope: "team", permissionId: `${t}_b`, id: `${t}_c`, description: "", containedPermissionIds: [`${t}_b`] }, recorder())).rejects.toThrow(`${t}_c → ${t}_c`);
    const rec = recorder();
    expect(await updatePermissionDefinition(client(), { scope: "team", permissionId: `${t}_b`, id: `${t}_c`, description: "renamed", containedPermissionIds: [`${t}_a`] }, rec)).toEqual({ id: `${t}_c`, changed: true });
    expect(await stored("team", `${t}_b`)).toBeUndefined();
    expect(await stored("team", `${t}_c`)).toEqual({ id: `${t}_c`, description: "renamed", contained_permission_ids: [`${t}_a`] });
    expect(rec.audits[0]!.target).toEqual({ type: "team_permission_definition", id: `${t}_b`, label: `${t}_b` });
    // Nothing changed: nothing sent, nothing audited.
    const same = recorder();
    expect(await updatePermissionDefinition(client(), { scope: "team", permissionId: `${t}_c`, id: `${t}_c`, description: "renamed", containedPermissionIds: [`${t}_a`] }, same)).toEqual({ id: `${t}_c`, changed: false });
    expect(same.audits).toEqual([]);
  });

  it("refuses to edit or delete system permissions, and unknown ones, without calling Stack to write", async () => {
    await expect(updatePermissionDefinition(client(), { scope: "team", permissionId: "$update_team", id: "$update_team", description: "x", containedPermissionIds: [] }, recorder())).rejects.toMatchObject({ code: "SYSTEM_PERMISSION" });
    await expect(deletePermissionDefinition(client(), { scope: "project", permissionId: "nope_nothing", confirmation: "nope_nothing" }, recorder("nope_nothing"))).rejects.toMatchObject({ code: "PERMISSION_NOT_FOUND" });
  });

  it("counts the grants a delete removes, and deletes only with the fresh id typed", async () => {
    const t = tag();
    await createPermissionDefinition(client(), { scope: "project", id: `${t}_p`, description: "", containedPermissionIds: [] }, recorder());
    await createPermissionDefinition(client(), { scope: "project", id: `${t}_q`, description: "", containedPermissionIds: [`${t}_p`] }, recorder());
    for (let i = 0; i < 2; i++) {
      const user = (await emu.fetch("/users", { method: "POST", body: {} })).body as { id: string };
      expect((await emu.fetch(`/project-permissions/${user.id}/${t}_p`, { method: "POST", body: {} })).status).toBe(201);
    }
    expect(await getDeletionImpact(client(), "project", `${t}_p`)).toEqual({ id: `${t}_p`, directGrants: 2, containedBy: [`${t}_q`] });
    expect(await getDeletionImpact(client(), "project", "absent_one")).toBeNull();
    await expect(deletePermissionDefinition(client(), { scope: "project", permissionId: `${t}_p`, confirmation: `${t}_q` }, recorder(`${t}_q`))).rejects.toThrow("CONFIRMATION_MISMATCH");
    expect(await stored("project", `${t}_p`)).toBeDefined();
    expect(await deletePermissionDefinition(client(), { scope: "project", permissionId: `${t}_p`, confirmation: `${t}_p` }, recorder(`${t}_p`))).toEqual({ deleted: `${t}_p` });
    expect(await stored("project", `${t}_p`)).toBeUndefined();
  });
});

describe("grants", () => {
  it("a member's holdings: direct, through a containing permission, and revoking twice answers TEAM_PERMISSION_NOT_FOUND", async () => {
    const t = tag();
    await createPermissionDefinition(client(), { scope: "team", id: `${t}_leaf`, description: "", containedPermissionIds: [] }, recorder());
    await createPermissionDefinition(client(), { scope: "team", id: `${t}_top`, description: "", containedPermissionIds: [`${t}_leaf`] }, recorder());
    const user = (await emu.fetch("/users", { method: "POST", body: { display_name: "Member" } })).body as { id: string };
    const team = (await emu.fetch("/teams", { method: "POST", body: { display_name: `Team ${t}` } })).body as { id: string };
    expect(await getTeamMemberSummary(client(), team.id, user.id)).toBeNull();
    expect((await emu.fetch(`/team-memberships/${team.id}/${user.id}`, { method: "POST", body: {} })).status).toBe(201);
    expect(await getTeamMemberSummary(client(), team.id, user.id)).toMatchObject({ teamName: `Team ${t}`, userLabel: "Member", userId: user.id });

    const input = { teamId: team.id, userId: user.id, permissionId: `${t}_top` };
    await grantTeamPermission(client(), input, recorder());
    const held = (await getTeamMemberPermissions(client(), team.id, user.id)).held;
    expect(held.find((h) => h.id === `${t}_top`)).toEqual({ id: `${t}_top`, description: null, direct: true, via: null });
    expect(held.find((h) => h.id === `${t}_leaf`)).toEqual({ id: `${t}_leaf`, description: null, direct: false, via: [`${t}_top`, `${t}_leaf`] });

    // Only direct grants can be revoked.
    await expect(revokeTeamPermission(client(), { ...input, permissionId: `${t}_leaf` }, recorder())).rejects.toMatchObject({ code: "TEAM_PERMISSION_NOT_FOUND" });
    await revokeTeamPermission(client(), input, recorder());
    const again = await revokeTeamPermission(client(), input, recorder()).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(StackKnownError);
    expect((again as StackKnownError).code).toBe("TEAM_PERMISSION_NOT_FOUND");
  });

  it("project permissions are hidden (null) on a release without them", async () => {
    const user = (await old.fetch("/users", { method: "POST", body: {} })).body as { id: string };
    expect(await getUserProjectPermissions(clientOf(old, "perms-2025-02"), user.id)).toBeNull();
    const fresh = (await emu.fetch("/users", { method: "POST", body: {} })).body as { id: string };
    expect(await getUserProjectPermissions(client(), fresh.id)).toMatchObject({ held: [] });
  });
});
