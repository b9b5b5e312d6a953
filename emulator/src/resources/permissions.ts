import { z } from "zod";
import { prep, type DB } from "../db";
import { Errors } from "../errors";
import { TEAM_SYSTEM_PERMISSION_IDS, readProjectConfig } from "../project-bootstrap";
import { ensureClientOwnUser, recordWebhook, route, reply, type EmulatorModule } from "../router";
import { s } from "../validation";

// Granted permissions (CONTRACT §6.10) plus the permission helpers shared by the team modules
// (teams, memberships, member profiles, invitations, permission definitions).

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------


/** Descriptions the real server gives the team system permissions. */
export const SYSTEM_PERMISSION_DESCRIPTIONS: Record<string, string> = {
  $update_team: "Update the team information",
  $delete_team: "Delete the team",
  $read_members: "Read and list the other members of the team",
  $remove_members: "Remove other members from the team",
  $invite_members: "Invite other users to the team",
  $manage_api_keys: "Create and manage API keys for the team",
};
const SYSTEM_IDS = new Set<string>(TEAM_SYSTEM_PERMISSION_IDS);
export const isSystemPermission = (id: string) => SYSTEM_IDS.has(id);

/** permissionDefinitionIdSchema of stack-shared: custom ids or one of the six `$` system ids. */
export const permissionIdSchema = () =>
  z
    .string()
    .regex(/^\$?[a-z0-9_:]+$/)
    .refine((v) => !v.startsWith("$") || SYSTEM_IDS.has(v), "Invalid system permission");

/** customPermissionDefinitionIdSchema: no `$`. */
export const customPermissionIdSchema = () => z.string().regex(/^[a-z0-9_:]+$/);

/** Bodies the SDK sends as `{}` (or not at all). */
export const emptyBody = () => z.strictObject({}).optional();

export const stringCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function userExists(db: DB, projectId: string, userId: string): boolean {
  return prep(db, "SELECT 1 FROM users WHERE id = ? AND project_id = ?").get(userId, projectId) !== undefined;
}

export function teamExists(db: DB, projectId: string, teamId: string): boolean {
  return prep(db, "SELECT 1 FROM teams WHERE id = ? AND project_id = ?").get(teamId, projectId) !== undefined;
}

export function isMember(db: DB, projectId: string, teamId: string, userId: string): boolean {
  return (
    prep(db, "SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ? AND project_id = ?").get(teamId, userId, projectId) !==
    undefined
  );
}

export function ensureUserExists(db: DB, projectId: string, userId: string) {
  if (!userExists(db, projectId, userId)) throw Errors.userNotFound();
}

export function ensureTeamExists(db: DB, projectId: string, teamId: string) {
  if (!teamExists(db, projectId, teamId)) throw Errors.teamNotFound(teamId);
}

/** ensureTeamMembershipExists of the real server: USER_NOT_FOUND, then TEAM_MEMBERSHIP_NOT_FOUND. */
export function ensureMembership(db: DB, projectId: string, teamId: string, userId: string) {
  ensureUserExists(db, projectId, userId);
  if (!isMember(db, projectId, teamId, userId)) throw Errors.teamMembershipNotFound(teamId, userId);
}

/**
 * ensureUserTeamPermissionExists: membership first, then the (recursively expanded) permission.
 * `required` → TEAM_PERMISSION_REQUIRED (client permission checks), `not-exist` → TEAM_PERMISSION_NOT_FOUND.
 */
export function ensureTeamPermission(
  db: DB,
  projectId: string,
  teamId: string,
  userId: string,
  permissionId: string,
  errorType: "required" | "not-exist" = "required",
  recursive = true,
) {
  ensureMembership(db, projectId, teamId, userId);
  const found = listTeamPermissions(db, projectId, { teamId, userId, permissionId, recursive });
  if (found.length === 0) {
    if (errorType === "not-exist") throw Errors.teamPermissionNotFound(teamId, userId, permissionId);
    throw Errors.teamPermissionRequired(teamId, userId, permissionId);
  }
}

/** The user id a client request acts as (CANNOT_GET_OWN_USER_WITHOUT_USER without a user token). */
export function currentUserOrThrow(userId: string | null): string {
  if (!userId) throw Errors.cannotGetOwnUserWithoutUser();
  return userId;
}

// ---------------------------------------------------------------------------------------------
// Definitions and expansion
// ---------------------------------------------------------------------------------------------

export type Scope = "team" | "project";
export type PermissionDefinition = { id: string; description?: string; contained_permission_ids: string[] };
type DefinitionRow = { id: string; scope: Scope; description: string | null; contained_json: string };

export function definitionJson(row: DefinitionRow): PermissionDefinition {
  const description = row.description || SYSTEM_PERMISSION_DESCRIPTIONS[row.id] || undefined;
  const contained = (JSON.parse(row.contained_json) as string[]).slice().sort(stringCompare);
  return description === undefined
    ? { id: row.id, contained_permission_ids: contained }
    : { id: row.id, description, contained_permission_ids: contained };
}

/** Custom definitions of one scope (+ the six system permissions for team scope), sorted by id. */
export function listDefinitions(db: DB, projectId: string, scope: Scope): PermissionDefinition[] {
  const rows = prep(
    db,
    "SELECT id, scope, description, contained_json FROM permission_definitions WHERE project_id = ? AND scope = ?",
  ).all(projectId, scope) as DefinitionRow[];
  const defs = rows.map(definitionJson);
  if (scope === "team") {
    for (const id of TEAM_SYSTEM_PERMISSION_IDS) {
      defs.push({ id, description: SYSTEM_PERMISSION_DESCRIPTIONS[id]!, contained_permission_ids: [] });
    }
  }
  return defs.sort((a, b) => stringCompare(a.id, b.id));
}

export function findDefinition(db: DB, projectId: string, id: string): DefinitionRow | undefined {
  return prep(db, "SELECT id, scope, description, contained_json FROM permission_definitions WHERE project_id = ? AND id = ?").get(
    projectId,
    id,
  ) as DefinitionRow | undefined;
}

/** Direct ids → the set of ids (direct first, then everything reachable when `recursive`). Unknown ids are skipped. */
function expand(defs: Map<string, PermissionDefinition>, direct: string[], recursive: boolean): string[] {
  const out = new Set<string>();
  const todo = [...direct];
  while (todo.length > 0) {
    const id = todo.pop()!;
    const def = defs.get(id);
    if (!def || out.has(id)) continue;
    out.add(id);
    if (recursive) todo.push(...def.contained_permission_ids);
  }
  return [...out];
}

export type TeamPermission = { id: string; user_id: string; team_id: string };
export type ProjectPermission = { id: string; user_id: string };

export function listTeamPermissions(
  db: DB,
  projectId: string,
  o: { teamId?: string; userId?: string; permissionId?: string; recursive: boolean },
): TeamPermission[] {
  let sql = "SELECT team_id, user_id, permission_id FROM team_permissions WHERE project_id = ?";
  const args: string[] = [projectId];
  if (o.teamId !== undefined) {
    sql += " AND team_id = ?";
    args.push(o.teamId);
  }
  if (o.userId !== undefined) {
    sql += " AND user_id = ?";
    args.push(o.userId);
  }
  const rows = prep(db, sql).all(...args) as { team_id: string; user_id: string; permission_id: string }[];
  if (rows.length === 0) return [];
  const defs = new Map(listDefinitions(db, projectId, "team").map((d) => [d.id, d]));
  const groups = new Map<string, { team_id: string; user_id: string; ids: string[] }>();
  for (const r of rows) {
    const key = `${r.team_id}\u0000${r.user_id}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { team_id: r.team_id, user_id: r.user_id, ids: [] }));
    g.ids.push(r.permission_id);
  }
  const out: TeamPermission[] = [];
  for (const g of groups.values()) {
    for (const id of expand(defs, g.ids, o.recursive)) {
      if (o.permissionId === undefined || o.permissionId === id) out.push({ id, user_id: g.user_id, team_id: g.team_id });
    }
  }
  return out.sort((a, b) => stringCompare(a.team_id, b.team_id) || stringCompare(a.user_id, b.user_id) || stringCompare(a.id, b.id));
}

export function listProjectPermissions(
  db: DB,
  projectId: string,
  o: { userId?: string; permissionId?: string; recursive: boolean },
): ProjectPermission[] {
  const rows = (
    o.userId !== undefined
      ? prep(db, "SELECT user_id, permission_id FROM project_permissions WHERE project_id = ? AND user_id = ?").all(projectId, o.userId)
      : prep(db, "SELECT user_id, permission_id FROM project_permissions WHERE project_id = ?").all(projectId)
  ) as { user_id: string; permission_id: string }[];
  if (rows.length === 0) return [];
  const defs = new Map(listDefinitions(db, projectId, "project").map((d) => [d.id, d]));
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    let g = groups.get(r.user_id);
    if (!g) groups.set(r.user_id, (g = []));
    g.push(r.permission_id);
  }
  const out: ProjectPermission[] = [];
  for (const [userId, ids] of groups) {
    for (const id of expand(defs, ids, o.recursive)) {
      if (o.permissionId === undefined || o.permissionId === id) out.push({ id, user_id: userId });
    }
  }
  return out.sort((a, b) => stringCompare(a.user_id, b.user_id) || stringCompare(a.id, b.id));
}

/** Scope check of the real grantTeamPermission / grantProjectPermission. */
function checkGrantable(db: DB, projectId: string, permissionId: string, scope: Scope) {
  if (scope === "team" && isSystemPermission(permissionId)) return;
  const def = findDefinition(db, projectId, permissionId);
  if (!def) throw Errors.permissionNotFound(permissionId);
  if (def.scope !== scope) throw Errors.wrongPermissionScope(permissionId, scope, def.scope);
}

/** Grants one team permission (idempotent). Returns true if it was not granted before. */
export function grantTeamPermission(db: DB, projectId: string, teamId: string, userId: string, permissionId: string): boolean {
  checkGrantable(db, projectId, permissionId, "team");
  const r = prep(
    db,
    "INSERT OR IGNORE INTO team_permissions (project_id, team_id, user_id, permission_id) VALUES (?, ?, ?, ?)",
  ).run(projectId, teamId, userId, permissionId);
  return r.changes > 0;
}

/**
 * Grants the project's default team permissions (`rbac.defaultPermissions.teamCreator` or
 * `.teamMember` of the project config) to a member. The membership row must exist. Ids that no
 * longer name a team permission are skipped. Returns the ids granted. Call inside a transaction.
 */
export function grantDefaultTeamPermissions(
  db: DB,
  projectId: string,
  teamId: string,
  userId: string,
  kind: "teamCreator" | "teamMember",
): string[] {
  const defaults = readProjectConfig(db, projectId).rbac?.defaultPermissions?.[kind] ?? {};
  const granted: string[] = [];
  for (const [id, on] of Object.entries(defaults)) {
    if (!on) continue;
    if (!isSystemPermission(id)) {
      const def = findDefinition(db, projectId, id);
      if (!def || def.scope !== "team") continue;
    }
    prep(db, "INSERT OR IGNORE INTO team_permissions (project_id, team_id, user_id, permission_id) VALUES (?, ?, ?, ?)").run(
      projectId,
      teamId,
      userId,
      id,
    );
    granted.push(id);
  }
  return granted;
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

const teamPermissionParams = z.strictObject({ team_id: s.uuid(), user_id: s.userIdOrMe(), permission_id: permissionIdSchema() });
const projectPermissionParams = z.strictObject({ user_id: s.userIdOrMe(), permission_id: permissionIdSchema() });
const recursiveQuery = z.enum(["true", "false"]).optional();

export const permissionsModule: EmulatorModule = {
  name: "permissions",
  migrations: [
    {
      id: "permissions-0001-indexes",
      sql: `CREATE INDEX IF NOT EXISTS team_permissions_user ON team_permissions(user_id);`,
    },
  ],
  routes: [
    route({
      method: "GET",
      path: "/team-permissions",
      access: ["client", "server", "admin"],
      query: z.strictObject({
        team_id: s.uuid().optional(),
        user_id: s.userIdOrMe().optional(),
        permission_id: permissionIdSchema().optional(),
        recursive: recursiveQuery,
      }),
      handler: ({ auth, query, services, userIdOrMe }) => {
        const userId = query.user_id === undefined ? undefined : userIdOrMe(query.user_id);
        ensureClientOwnUser(auth, userId, 'Client can only list permissions for their own user. user_id must be either "me" or the ID of the current user');
        return {
          items: listTeamPermissions(services.db, auth.projectId, {
            teamId: query.team_id,
            userId,
            permissionId: query.permission_id,
            recursive: query.recursive === "true",
          }),
          is_paginated: false,
        };
      },
    }),
    route({
      method: "POST",
      path: "/team-permissions/:team_id/:user_id/:permission_id",
      access: ["server", "admin"],
      params: teamPermissionParams,
      body: emptyBody(),
      handler: ({ auth, params, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(params.user_id);
        const result = { id: params.permission_id, user_id: userId, team_id: params.team_id };
        db.transaction(() => {
          ensureMembership(db, auth.projectId, params.team_id, userId);
          grantTeamPermission(db, auth.projectId, params.team_id, userId, params.permission_id);
          recordWebhook(services, auth.projectId, "team_permission.created", result);
        })();
        return reply.created(result);
      },
    }),
    route({
      method: "DELETE",
      path: "/team-permissions/:team_id/:user_id/:permission_id",
      access: ["server", "admin"],
      params: teamPermissionParams,
      handler: ({ auth, params, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(params.user_id);
        db.transaction(() => {
          // Only direct grants can be revoked (TEAM_PERMISSION_NOT_FOUND, 401 sic).
          ensureTeamPermission(db, auth.projectId, params.team_id, userId, params.permission_id, "not-exist", false);
          prep(db, "DELETE FROM team_permissions WHERE team_id = ? AND user_id = ? AND permission_id = ? AND project_id = ?").run(
            params.team_id,
            userId,
            params.permission_id,
            auth.projectId,
          );
          recordWebhook(services, auth.projectId, "team_permission.deleted", {
            id: params.permission_id,
            user_id: userId,
            team_id: params.team_id,
          });
        })();
        return reply.success();
      },
    }),
    route({
      method: "GET",
      path: "/project-permissions",
      access: ["client", "server", "admin"],
      query: z.strictObject({
        user_id: s.userIdOrMe().optional(),
        permission_id: permissionIdSchema().optional(),
        recursive: recursiveQuery,
      }),
      handler: ({ auth, query, services, userIdOrMe }) => {
        const userId = query.user_id === undefined ? undefined : userIdOrMe(query.user_id);
        ensureClientOwnUser(auth, userId, 'Client can only list permissions for their own user. user_id must be either "me" or the ID of the current user');
        return {
          items: listProjectPermissions(services.db, auth.projectId, {
            userId,
            permissionId: query.permission_id,
            recursive: query.recursive === "true",
          }),
          is_paginated: false,
        };
      },
    }),
    route({
      method: "POST",
      path: "/project-permissions/:user_id/:permission_id",
      access: ["server", "admin"],
      params: projectPermissionParams,
      body: emptyBody(),
      handler: ({ auth, params, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(params.user_id);
        const result = { id: params.permission_id, user_id: userId };
        db.transaction(() => {
          ensureUserExists(db, auth.projectId, userId);
          checkGrantable(db, auth.projectId, params.permission_id, "project");
          prep(db, "INSERT OR IGNORE INTO project_permissions (project_id, user_id, permission_id) VALUES (?, ?, ?)").run(
            auth.projectId,
            userId,
            params.permission_id,
          );
          recordWebhook(services, auth.projectId, "project_permission.created", result);
        })();
        return reply.created(result);
      },
    }),
    route({
      method: "DELETE",
      path: "/project-permissions/:user_id/:permission_id",
      access: ["server", "admin"],
      params: projectPermissionParams,
      handler: ({ auth, params, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(params.user_id);
        db.transaction(() => {
          ensureUserExists(db, auth.projectId, userId);
          const r = prep(db, "DELETE FROM project_permissions WHERE user_id = ? AND permission_id = ? AND project_id = ?").run(
            userId,
            params.permission_id,
            auth.projectId,
          );
          // Not directly granted → PERMISSION_NOT_FOUND (the team variant answers TEAM_PERMISSION_NOT_FOUND instead).
          if (r.changes === 0) throw Errors.permissionNotFound(params.permission_id);
          recordWebhook(services, auth.projectId, "project_permission.deleted", { id: params.permission_id, user_id: userId });
        })();
        return reply.success();
      },
    }),
  ],
};
