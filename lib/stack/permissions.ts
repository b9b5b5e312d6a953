import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import {
  listEnvelopeSchema,
  permissionDefinitionSchema,
  projectPermissionGrantSchema,
  successSchema,
  teamPermissionGrantSchema,
  type StackPermissionDefinition,
  type StackProjectPermissionGrant,
  type StackTeamPermissionGrant,
} from "@/lib/stack/schemas";
import { compact } from "@/lib/stack/util";

/** "team" definitions exist everywhere; "project" ones are [NEW]. */
export type PermissionScope = "team" | "project";

const definitionListSchema = listEnvelopeSchema(permissionDefinitionSchema);
const teamGrantListSchema = listEnvelopeSchema(teamPermissionGrantSchema);
const projectGrantListSchema = listEnvelopeSchema(projectPermissionGrantSchema);

const definitionsPath = (scope: PermissionScope) =>
  scope === "team" ? "/team-permission-definitions" : "/project-permission-definitions";

/** Team scope includes the `$…` system permissions. Returned in full (no paging params are sent). */
export async function listPermissionDefinitions(
  client: StackClient,
  scope: PermissionScope,
): Promise<StackPermissionDefinition[]> {
  const env = await client.request({ path: definitionsPath(scope), schema: definitionListSchema });
  return env.items;
}

export interface CreatePermissionDefinitionBody {
  /** ^[a-z0-9_:]+$ — custom ids never start with `$`. */
  id: string;
  description?: string;
  contained_permission_ids?: string[];
}

export async function createPermissionDefinition(
  client: StackClient,
  scope: PermissionScope,
  body: CreatePermissionDefinitionBody,
): Promise<StackPermissionDefinition> {
  return client.request({
    method: "POST",
    path: definitionsPath(scope),
    body: compact(body),
    schema: permissionDefinitionSchema,
  });
}

/**
 * New servers replace `description`/`contained_permission_ids` with what is sent (omitting
 * `contained_permission_ids` empties it), so always send the full definition.
 */
export interface UpdatePermissionDefinitionBody {
  id?: string;
  description?: string;
  contained_permission_ids: string[];
}

export async function updatePermissionDefinition(
  client: StackClient,
  scope: PermissionScope,
  permissionId: string,
  body: UpdatePermissionDefinitionBody,
): Promise<StackPermissionDefinition> {
  return client.request({
    method: "PATCH",
    path: `${definitionsPath(scope)}${stackPath`/${permissionId}`}`,
    endpoint: `PATCH ${definitionsPath(scope)}/{permission_id}`,
    body: compact(body),
    schema: permissionDefinitionSchema,
  });
}

export async function deletePermissionDefinition(
  client: StackClient,
  scope: PermissionScope,
  permissionId: string,
): Promise<void> {
  await client.request({
    method: "DELETE",
    path: `${definitionsPath(scope)}${stackPath`/${permissionId}`}`,
    endpoint: `DELETE ${definitionsPath(scope)}/{permission_id}`,
    schema: successSchema,
  });
}

// --- grants -----------------------------------------------------------------

export interface ListTeamPermissionsOptions {
  teamId?: string;
  userId?: string;
  permissionId?: string;
  /** true: also everything implied through contained_permission_ids. */
  recursive?: boolean;
}

export async function listTeamPermissions(
  client: StackClient,
  opts: ListTeamPermissionsOptions = {},
): Promise<StackTeamPermissionGrant[]> {
  const env = await client.request({
    path: "/team-permissions",
    query: {
      team_id: opts.teamId,
      user_id: opts.userId,
      permission_id: opts.permissionId,
      recursive: opts.recursive,
    },
    schema: teamGrantListSchema,
  });
  return env.items;
}

export async function grantTeamPermission(
  client: StackClient,
  opts: { teamId: string; userId: string; permissionId: string },
): Promise<StackTeamPermissionGrant> {
  return client.request({
    method: "POST",
    path: stackPath`/team-permissions/${opts.teamId}/${opts.userId}/${opts.permissionId}`,
    endpoint: "POST /team-permissions/{team_id}/{user_id}/{permission_id}",
    body: {},
    schema: teamPermissionGrantSchema,
  });
}

/** Only direct grants can be revoked (TEAM_PERMISSION_NOT_FOUND, HTTP 401, otherwise). */
export async function revokeTeamPermission(
  client: StackClient,
  opts: { teamId: string; userId: string; permissionId: string },
): Promise<void> {
  await client.request({
    method: "DELETE",
    path: stackPath`/team-permissions/${opts.teamId}/${opts.userId}/${opts.permissionId}`,
    endpoint: "DELETE /team-permissions/{team_id}/{user_id}/{permission_id}",
    body: {},
    schema: successSchema,
  });
}

export async function listProjectPermissions(
  client: StackClient,
  opts: { userId?: string; permissionId?: string; recursive?: boolean } = {},
): Promise<StackProjectPermissionGrant[]> {
  const env = await client.request({
    path: "/project-permissions",
    query: { user_id: opts.userId, permission_id: opts.permissionId, recursive: opts.recursive },
    schema: projectGrantListSchema,
  });
  return env.items;
}

export async function grantProjectPermission(
  client: StackClient,
  opts: { userId: string; permissionId: string },
): Promise<StackProjectPermissionGrant> {
  return client.request({
    method: "POST",
    path: stackPath`/project-permissions/${opts.userId}/${opts.permissionId}`,
    endpoint: "POST /project-permissions/{user_id}/{permission_id}",
    body: {},
    schema: projectPermissionGrantSchema,
  });
}

export async function revokeProjectPermission(
  client: StackClient,
  opts: { userId: string; permissionId: string },
): Promise<void> {
  await client.request({
    method: "DELETE",
    path: stackPath`/project-permissions/${opts.userId}/${opts.permissionId}`,
    endpoint: "DELETE /project-permissions/{user_id}/{permission_id}",
    body: {},
    schema: successSchema,
  });
}
