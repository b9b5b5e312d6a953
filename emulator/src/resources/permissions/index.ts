import { z } from "zod";
import { prep } from "../../db";
import { Errors } from "../../errors";
import { ensureClientOwnUser, recordWebhook, route, reply, type EmulatorModule } from "../../router";
import { s } from "../../validation";
import { emptyBody, ensureMembership, ensureUserExists, permissionIdSchema } from "./checks";
import { checkGrantable, ensureTeamPermission, grantTeamPermission, listProjectPermissions, listTeamPermissions } from "./grants";

// Granted permissions: /team-permissions and /project-permissions (stack-shared
// `teamPermissionsCrud`, `projectPermissionsCrud`). The helpers are shared by the team modules.
export * from "./checks";
export * from "./grants";

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
