import { z } from "zod";
import { prep, type DB } from "../db";
import { Errors } from "../errors";
import { readProjectConfig } from "../project-bootstrap";
import { route, reply, type EmulatorModule, type RouteDef } from "../router";
import { s } from "../validation";
import {
  customPermissionIdSchema,
  definitionJson,
  findDefinition,
  isSystemPermission,
  listDefinitions,
  permissionIdSchema,
  stringCompare,
  type PermissionDefinition,
  type Scope,
} from "./permissions";
import { isObj, type Obj } from "./project-config";

// Permission definitions, team and project scope (stack-shared `teamPermissionDefinitionsCrud`,
// `projectPermissionDefinitionsCrud`). Custom definitions live in
// `permission_definitions`; the six team system permissions are built in. The project config's
// `rbac.defaultPermissions.{teamCreator,teamMember,signUp}` maps are kept consistent on rename/delete.

const DEFAULT_MAPS = ["teamCreator", "teamMember", "signUp"] as const;

const uniqSorted = (ids: string[]) => [...new Set(ids)].sort(stringCompare);


/** Applies `mutate` to the three default-permission maps of one config object; true if anything changed. */
function mutateMaps(config: unknown, mutate: (m: Obj) => Obj | null): boolean {
  if (!isObj(config) || !isObj(config.rbac) || !isObj(config.rbac.defaultPermissions)) return false;
  const maps = config.rbac.defaultPermissions;
  let changed = false;
  for (const key of DEFAULT_MAPS) {
    const m = maps[key];
    if (!isObj(m)) continue;
    const next = mutate(m);
    if (next) {
      maps[key] = next;
      changed = true;
    }
  }
  return changed;
}

const LAYER_COLUMNS = ["base_json", "project_json", "branch_json", "environment_json"] as const;
const hasLayersTable = new WeakMap<DB, boolean>();

/**
 * Keeps `rbac.defaultPermissions.{teamCreator,teamMember,signUp}` consistent after a rename or
 * delete: in the rendered config (projects.config_json) and, when the project-config module's
 * layer table exists, in every stored override layer, so a later re-render does not bring the
 * old id back. `mutate` returns the new map, or null when the map does not need to change.
 */
function updateDefaultPermissionMaps(db: DB, projectId: string, mutate: (m: Obj) => Obj | null) {
  const config = structuredClone(readProjectConfig(db, projectId));
  if (mutateMaps(config, mutate)) prep(db, "UPDATE projects SET config_json = ? WHERE id = ?").run(JSON.stringify(config), projectId);
  let has = hasLayersTable.get(db);
  if (has === undefined) {
    has = prep(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'project_config_layers'").get() !== undefined;
    hasLayersTable.set(db, has);
  }
  if (!has) return;
  const row = prep(db, `SELECT ${LAYER_COLUMNS.join(", ")} FROM project_config_layers WHERE project_id = ?`).get(projectId) as
    | Record<(typeof LAYER_COLUMNS)[number], string>
    | undefined;
  if (!row) return;
  for (const col of LAYER_COLUMNS) {
    const layer = JSON.parse(row[col]) as unknown;
    if (mutateMaps(layer, mutate)) {
      prep(db, `UPDATE project_config_layers SET ${col} = ? WHERE project_id = ?`).run(JSON.stringify(layer), projectId);
    }
  }
}

/** Ids a definition of `scope` may contain: the scope's custom ids (+ system ids for team scope). */
function containableIds(db: DB, projectId: string, scope: Scope): Set<string> {
  return new Set(listDefinitions(db, projectId, scope).map((d) => d.id));
}

function checkContained(db: DB, projectId: string, scope: Scope, contained: string[]) {
  const all = containableIds(db, projectId, scope);
  const missing = contained.find((id) => !all.has(id));
  if (missing !== undefined) throw Errors.containedPermissionNotFound(missing);
}

function createDefinition(
  db: DB,
  projectId: string,
  scope: Scope,
  data: { id: string; description?: string; contained_permission_ids?: string[] },
  now: number,
): PermissionDefinition {
  return db.transaction(() => {
    // One id space across both scopes (the real config has a single rbac.permissions map).
    if (findDefinition(db, projectId, data.id)) throw Errors.permissionIdAlreadyExists(data.id);
    const contained = uniqSorted(data.contained_permission_ids ?? []);
    checkContained(db, projectId, scope, contained);
    prep(
      db,
      "INSERT INTO permission_definitions (project_id, scope, id, description, contained_json, created_at_millis) VALUES (?, ?, ?, ?, ?, ?)",
    ).run(projectId, scope, data.id, data.description || null, JSON.stringify(contained), now);
    return definitionJson({ id: data.id, scope, description: data.description || null, contained_json: JSON.stringify(contained) });
  })();
}

function updateDefinition(
  db: DB,
  projectId: string,
  scope: Scope,
  oldId: string,
  data: { id?: string; description?: string; contained_permission_ids?: string[] },
): PermissionDefinition {
  return db.transaction(() => {
    const existing = findDefinition(db, projectId, oldId);
    // System permissions are not stored: they cannot be edited (PERMISSION_NOT_FOUND).
    if (!existing || existing.scope !== scope || isSystemPermission(oldId)) throw Errors.permissionNotFound(oldId);
    const newId = data.id ?? oldId;
    if (newId !== oldId && findDefinition(db, projectId, newId)) throw Errors.permissionIdAlreadyExists(newId);
    // Validated against the ids before the update, like the real server.
    const requested = data.contained_permission_ids ?? [];
    checkContained(db, projectId, scope, requested);
    const rename = (id: string) => (id === oldId ? newId : id);
    const contained = uniqSorted(requested.map(rename));

    // Cycles are accepted, like on a real server: `updatePermissionDefinition` (apps/backend
    // src/lib/permissions.tsx) checks only that contained ids exist, and the recursive expansion
    // stops at ids it has seen. Refusing them is the console's job.
    const others = prep(
      db,
      "SELECT id, contained_json FROM permission_definitions WHERE project_id = ? AND scope = ? AND id != ?",
    ).all(projectId, scope, oldId) as { id: string; contained_json: string }[];

    prep(db, "UPDATE permission_definitions SET id = ?, description = ?, contained_json = ? WHERE project_id = ? AND id = ?").run(
      newId,
      data.description || null,
      JSON.stringify(contained),
      projectId,
      oldId,
    );
    if (newId !== oldId) {
      // Every reference follows the rename: other definitions, grants, default-permission maps.
      for (const o of others) {
        const ids = JSON.parse(o.contained_json) as string[];
        if (!ids.includes(oldId)) continue;
        prep(db, "UPDATE permission_definitions SET contained_json = ? WHERE project_id = ? AND id = ?").run(
          JSON.stringify(uniqSorted(ids.map(rename))),
          projectId,
          o.id,
        );
      }
      const table = scope === "team" ? "team_permissions" : "project_permissions";
      prep(db, `UPDATE OR IGNORE ${table} SET permission_id = ? WHERE project_id = ? AND permission_id = ?`).run(newId, projectId, oldId);
      prep(db, `DELETE FROM ${table} WHERE project_id = ? AND permission_id = ?`).run(projectId, oldId);
      updateDefaultPermissionMaps(db, projectId, (m) =>
        Object.prototype.hasOwnProperty.call(m, oldId)
          ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k === oldId ? newId : k, v]))
          : null,
      );
    }
    return definitionJson({ id: newId, scope, description: data.description || null, contained_json: JSON.stringify(contained) });
  })();
}

function deleteDefinition(db: DB, projectId: string, scope: Scope, id: string) {
  db.transaction(() => {
    const existing = findDefinition(db, projectId, id);
    if (!existing || existing.scope !== scope || isSystemPermission(id)) throw Errors.permissionNotFound(id);
    prep(db, "DELETE FROM permission_definitions WHERE project_id = ? AND id = ?").run(projectId, id);
    const others = prep(db, "SELECT id, contained_json FROM permission_definitions WHERE project_id = ?").all(projectId) as {
      id: string;
      contained_json: string;
    }[];
    for (const o of others) {
      const ids = JSON.parse(o.contained_json) as string[];
      if (!ids.includes(id)) continue;
      prep(db, "UPDATE permission_definitions SET contained_json = ? WHERE project_id = ? AND id = ?").run(
        JSON.stringify(ids.filter((x) => x !== id)),
        projectId,
        o.id,
      );
    }
    const table = scope === "team" ? "team_permissions" : "project_permissions";
    prep(db, `DELETE FROM ${table} WHERE project_id = ? AND permission_id = ?`).run(projectId, id);
    updateDefaultPermissionMaps(db, projectId, (m) =>
      Object.prototype.hasOwnProperty.call(m, id) ? Object.fromEntries(Object.entries(m).filter(([k]) => k !== id)) : null,
    );
  })();
}

const createBody = z.strictObject({
  id: customPermissionIdSchema(),
  description: z.string().optional(),
  contained_permission_ids: z.array(permissionIdSchema()).optional(),
});
const updateBody = z.strictObject({
  id: customPermissionIdSchema().optional(),
  description: z.string().optional(),
  contained_permission_ids: z.array(permissionIdSchema()).optional(),
});
const idParams = z.strictObject({ permission_id: permissionIdSchema() });

function routesFor(scope: Scope): RouteDef[] {
  const base = scope === "team" ? "/team-permission-definitions" : "/project-permission-definitions";
  return [
    route({
      method: "GET",
      path: base,
      access: ["admin"],
      // The 2.8.109 SDK's listTeamPermissionDefinitionsPaginated sends limit/cursor/query.
      query:
        scope === "team"
          ? z.strictObject({ limit: s.queryInt(1).optional(), cursor: z.string().optional(), query: z.string().optional() })
          : undefined,
      handler: ({ auth, query, services }) => {
        let items = listDefinitions(services.db, auth.projectId, scope);
        const q = (query ?? {}) as { limit?: number; cursor?: string; query?: string };
        if (q.query) {
          const needle = q.query.toLowerCase();
          items = items.filter((d) => d.id.toLowerCase().includes(needle));
        }
        if (q.limit === undefined && q.cursor === undefined) return { items, is_paginated: false };
        if (q.cursor !== undefined) items = items.filter((d) => d.id > q.cursor!);
        const limit = q.limit ?? items.length;
        const page = items.slice(0, limit);
        const nextCursor = items.length > limit && page.length > 0 ? page[page.length - 1]!.id : null;
        return { items: page, is_paginated: true, pagination: { next_cursor: nextCursor } };
      },
    }),
    route({
      method: "POST",
      path: base,
      access: ["admin"],
      body: createBody,
      handler: ({ auth, body, services }) => reply.created(createDefinition(services.db, auth.projectId, scope, body, services.now())),
    }),
    route({
      method: "PATCH",
      path: `${base}/:permission_id`,
      access: ["admin"],
      params: idParams,
      body: updateBody,
      handler: ({ auth, body, params, services }) => updateDefinition(services.db, auth.projectId, scope, params.permission_id, body),
    }),
    route({
      method: "DELETE",
      path: `${base}/:permission_id`,
      access: ["admin"],
      params: idParams,
      handler: ({ auth, params, services }) => {
        deleteDefinition(services.db, auth.projectId, scope, params.permission_id);
        return reply.success();
      },
    }),
  ];
}

export const permissionDefinitionsModule: EmulatorModule = {
  name: "permission-definitions",
  routes: [...routesFor("team"), ...routesFor("project")],
};
