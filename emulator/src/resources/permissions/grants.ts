import { prep, type DB } from "../../db";
import { Errors } from "../../errors";
import { TEAM_SYSTEM_PERMISSION_IDS, readProjectConfig } from "../../project-bootstrap";
import { ensureMembership, isSystemPermission, stringCompare, SYSTEM_PERMISSION_DESCRIPTIONS } from "./checks";

// Permission definitions, their recursive expansion, and granted permissions.

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
export function checkGrantable(db: DB, projectId: string, permissionId: string, scope: Scope) {
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
  const granted = defaultTeamPermissionIds(db, projectId, kind);
  const insert = prep(db, "INSERT OR IGNORE INTO team_permissions (project_id, team_id, user_id, permission_id) VALUES (?, ?, ?, ?)");
  for (const id of granted) insert.run(projectId, teamId, userId, id);
  return granted;
}

/**
 * The permissions a new team creator or member gets (rbac.defaultPermissions of the project
 * config), in config order: system permissions and the custom team-scope definitions that exist.
 */
export function defaultTeamPermissionIds(db: DB, projectId: string, kind: "teamCreator" | "teamMember"): string[] {
  const defaults = readProjectConfig(db, projectId).rbac?.defaultPermissions?.[kind] ?? {};
  const ids: string[] = [];
  for (const [id, on] of Object.entries(defaults)) {
    if (!on) continue;
    if (!isSystemPermission(id)) {
      const def = findDefinition(db, projectId, id);
      if (!def || def.scope !== "team") continue;
    }
    ids.push(id);
  }
  return ids;
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
