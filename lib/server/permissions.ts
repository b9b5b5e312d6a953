import "server-only";

import type { z } from "zod";
import { teamLabel, userLabel } from "@/lib/labels";
import { cycleThrough, compareIds, cyclesIn, expandContained, formatCycle, holdings, permissionGraph, withDefinition } from "@/lib/permission-tree";
import type {
  PermissionDefinitionRow,
  PermissionDefinitionsData,
  PermissionDeletionImpact,
  PermissionGrantsData,
  PermissionScope,
  TeamMemberSummary,
} from "@/lib/permissions-dto";
import { isSystemPermission } from "@/lib/schemas/permissions";
import type * as schemas from "@/lib/schemas/permissions";
import type { ChangeRecorder } from "@/lib/server/action";
import { ActionRefusal } from "@/lib/server/failure";
import { getCapabilities } from "@/lib/stack/capabilities";
import type { StackClient } from "@/lib/stack/client";
import { isKnownError } from "@/lib/stack/errors";
import * as stackPermissions from "@/lib/stack/permissions";
import type { StackPermissionDefinition } from "@/lib/stack/schemas";
import { getTeam, listTeamMemberProfiles } from "@/lib/stack/teams";

type In<S extends z.ZodType> = z.output<S>;

/** Project permissions arrived after the February 2025 release: probed, like every optional route. */
export async function hasProjectPermissions(client: StackClient): Promise<boolean> {
  return (await getCapabilities(client, client.projectSlug)).projectPermissions;
}

function toRows(defs: readonly StackPermissionDefinition[]): PermissionDefinitionRow[] {
  const graph = permissionGraph(defs.map((d) => ({ id: d.id, containedPermissionIds: d.contained_permission_ids })));
  return defs.map((d) => ({
    id: d.id,
    description: d.description || null,
    containedPermissionIds: d.contained_permission_ids,
    impliedPermissionIds: expandContained(graph, d.id).filter((x) => x !== d.id),
    containedBy: defs.filter((o) => o.contained_permission_ids.includes(d.id)).map((o) => o.id),
    system: isSystemPermission(d.id),
  }));
}

const graphOf = (defs: readonly StackPermissionDefinition[]) => permissionGraph(defs.map((d) => ({ id: d.id, containedPermissionIds: d.contained_permission_ids })));

/** Every definition of the scope as the API lists it (team scope includes the `$…` system permissions). */
export async function getPermissionDefinitions(client: StackClient, scope: PermissionScope): Promise<PermissionDefinitionsData> {
  const defs = await stackPermissions.listPermissionDefinitions(client, scope);
  return { scope, definitions: toRows(defs), cycles: cyclesIn(graphOf(defs)) };
}

/**
 * What deleting a definition takes away: its direct grants (`GET /…-permissions?permission_id=`
 * lists them across every team and user) and the definitions that contain it. Null when it is gone.
 */
export async function getDeletionImpact(client: StackClient, scope: PermissionScope, permissionId: string): Promise<PermissionDeletionImpact | null> {
  const defs = await stackPermissions.listPermissionDefinitions(client, scope);
  const def = defs.find((d) => d.id === permissionId);
  if (!def || isSystemPermission(def.id)) return null;
  let directGrants: number | null = null;
  try {
    directGrants = (scope === "team" ? await stackPermissions.listTeamPermissions(client, { permissionId }) : await stackPermissions.listProjectPermissions(client, { permissionId })).length;
  } catch {
    // The dialog still works without the count; the delete re-reads the definition anyway.
  }
  return { id: def.id, directGrants, containedBy: defs.filter((o) => o.contained_permission_ids.includes(def.id)).map((o) => o.id) };
}

const auditTarget = (scope: PermissionScope, id: string) => ({ type: `${scope}_permission_definition`, id, label: id });

/** Refuses a definition that would contain itself, before anything is written (Stack itself accepts cycles). */
function refuseCycle(defs: readonly StackPermissionDefinition[], change: { oldId?: string; id: string; containedPermissionIds: readonly string[] }) {
  const cycle = cycleThrough(withDefinition(graphOf(defs), change), change.id);
  if (cycle) {
    throw new ActionRefusal("PERMISSION_CYCLE", `“${change.id}” would contain itself: ${formatCycle(cycle)}. Remove one of these containments.`);
  }
}

function freshDefinition(defs: readonly StackPermissionDefinition[], scope: PermissionScope, id: string): StackPermissionDefinition {
  // The API answers PERMISSION_NOT_FOUND for system permissions too: it refuses to change them.
  if (isSystemPermission(id)) throw new ActionRefusal("SYSTEM_PERMISSION", `${id} is a system permission: Stack does not let it be edited or deleted.`);
  const def = defs.find((d) => d.id === id);
  if (!def) throw new ActionRefusal("PERMISSION_NOT_FOUND", `The ${scope} permission “${id}” does not exist (any more). Reload the page.`);
  return def;
}

export async function createPermissionDefinition(client: StackClient, input: In<typeof schemas.createPermissionDefinitionSchema>, rec: ChangeRecorder): Promise<{ id: string }> {
  const defs = await stackPermissions.listPermissionDefinitions(client, input.scope);
  rec.audit(auditTarget(input.scope, input.id), { after: { description: input.description, contained_permission_ids: input.containedPermissionIds } });
  refuseCycle(defs, { id: input.id, containedPermissionIds: input.containedPermissionIds });
  const created = await stackPermissions.createPermissionDefinition(client, input.scope, {
    id: input.id,
    description: input.description || undefined,
    contained_permission_ids: input.containedPermissionIds,
  });
  return { id: created.id };
}

/** Sends the full definition (newer servers replace what is omitted), after the cycle check on the fresh list. */
export async function updatePermissionDefinition(client: StackClient, input: In<typeof schemas.updatePermissionDefinitionSchema>, rec: ChangeRecorder): Promise<{ id: string; changed: boolean }> {
  const defs = await stackPermissions.listPermissionDefinitions(client, input.scope);
  const before = freshDefinition(defs, input.scope, input.permissionId);
  const contained = [...input.containedPermissionIds].sort(compareIds);
  const beforeContained = [...before.contained_permission_ids].sort(compareIds);
  const unchanged = input.id === before.id && input.description === (before.description ?? "") && contained.join("\n") === beforeContained.join("\n");
  if (unchanged) return { id: before.id, changed: false };
  rec.audit(auditTarget(input.scope, before.id), {
    before: { id: before.id, description: before.description ?? null, contained_permission_ids: beforeContained },
    after: { id: input.id, description: input.description, contained_permission_ids: contained },
  });
  refuseCycle(defs, { oldId: before.id, id: input.id, containedPermissionIds: contained });
  const after = await stackPermissions.updatePermissionDefinition(client, input.scope, before.id, {
    ...(input.id !== before.id ? { id: input.id } : {}),
    description: input.description,
    contained_permission_ids: contained,
  });
  return { id: after.id, changed: true };
}

/** Deletes a definition (dangerous): the typed id is checked against the definition as listed now. */
export async function deletePermissionDefinition(client: StackClient, input: In<typeof schemas.deletePermissionDefinitionSchema>, rec: ChangeRecorder): Promise<{ deleted: string }> {
  const defs = await stackPermissions.listPermissionDefinitions(client, input.scope);
  const def = freshDefinition(defs, input.scope, input.permissionId);
  rec.audit(auditTarget(input.scope, def.id), { before: { description: def.description ?? null, contained_permission_ids: def.contained_permission_ids } });
  rec.confirm(def.id);
  await stackPermissions.deletePermissionDefinition(client, input.scope, def.id);
  return { deleted: def.id };
}

// --- grants -----------------------------------------------------------------

function grantsData(defs: readonly StackPermissionDefinition[], directIds: readonly string[]): PermissionGrantsData {
  const described = new Map(defs.map((d) => [d.id, d.description || null]));
  return {
    definitions: defs.map((d) => ({ id: d.id, description: d.description || null, system: isSystemPermission(d.id) })),
    held: holdings(graphOf(defs), directIds).map((h) => ({ ...h, description: described.get(h.id) ?? null })),
  };
}

/** The member's team profile and names; null when the user is not a member of the team. */
export async function getTeamMemberSummary(client: StackClient, teamId: string, userId: string): Promise<TeamMemberSummary | null> {
  try {
    const [team, profiles] = await Promise.all([getTeam(client, teamId), listTeamMemberProfiles(client, { teamId, userId })]);
    const profile = profiles.find((p) => p.user_id === userId);
    if (!profile) return null;
    return {
      teamId: team.id,
      teamName: teamLabel(team),
      userId,
      profileName: profile.display_name,
      profileImageUrl: profile.profile_image_url,
      userLabel: userLabel(profile.user),
      primaryEmail: profile.user.primary_email,
    };
  } catch (err) {
    if (isKnownError(err, "TEAM_NOT_FOUND", "USER_NOT_FOUND", "TEAM_MEMBERSHIP_NOT_FOUND")) return null;
    throw err;
  }
}

/** Every team permission, and which of them the member holds directly or through another. */
export async function getTeamMemberPermissions(client: StackClient, teamId: string, userId: string): Promise<PermissionGrantsData> {
  const [defs, direct] = await Promise.all([stackPermissions.listPermissionDefinitions(client, "team"), stackPermissions.listTeamPermissions(client, { teamId, userId })]);
  return grantsData(defs, direct.map((g) => g.id));
}

/** Every project permission and what the user holds; null on a release without project permissions. */
export async function getUserProjectPermissions(client: StackClient, userId: string): Promise<PermissionGrantsData | null> {
  if (!(await hasProjectPermissions(client))) return null;
  const [defs, direct] = await Promise.all([stackPermissions.listPermissionDefinitions(client, "project"), stackPermissions.listProjectPermissions(client, { userId })]);
  return grantsData(defs, direct.map((g) => g.id));
}

const grantChange = (permissionId: string, granted: boolean, teamId?: string) => ({ permission_id: permissionId, granted, ...(teamId ? { team_id: teamId } : {}) });

export async function grantTeamPermission(client: StackClient, input: In<typeof schemas.teamPermissionGrantSchema>, rec: ChangeRecorder): Promise<{ id: string }> {
  rec.audit({ type: "user", id: input.userId }, grantChange(input.permissionId, true, input.teamId));
  await stackPermissions.grantTeamPermission(client, input);
  return { id: input.permissionId };
}

/** Only direct grants can be revoked: Stack answers TEAM_PERMISSION_NOT_FOUND otherwise (a second revoke too). */
export async function revokeTeamPermission(client: StackClient, input: In<typeof schemas.teamPermissionGrantSchema>, rec: ChangeRecorder): Promise<{ id: string }> {
  rec.audit({ type: "user", id: input.userId }, grantChange(input.permissionId, false, input.teamId));
  await stackPermissions.revokeTeamPermission(client, input);
  return { id: input.permissionId };
}

export async function grantProjectPermission(client: StackClient, input: In<typeof schemas.projectPermissionGrantSchema>, rec: ChangeRecorder): Promise<{ id: string }> {
  rec.audit({ type: "user", id: input.userId }, grantChange(input.permissionId, true));
  await stackPermissions.grantProjectPermission(client, input);
  return { id: input.permissionId };
}

export async function revokeProjectPermission(client: StackClient, input: In<typeof schemas.projectPermissionGrantSchema>, rec: ChangeRecorder): Promise<{ id: string }> {
  rec.audit({ type: "user", id: input.userId }, grantChange(input.permissionId, false));
  await stackPermissions.revokeProjectPermission(client, input);
  return { id: input.permissionId };
}
