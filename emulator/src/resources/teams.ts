import crypto from "node:crypto";
import { z } from "zod";
import type { AccessType } from "../auth";
import { json, prep, type DB } from "../db";
import { Errors, TextError } from "../errors";
import { readProjectConfig } from "../project-bootstrap";
import { ensureClientOwnUser, recordWebhook, route, reply, type EmulatorModule, type EmulatorServices } from "../router";
import { s } from "../validation";
import { addMembership } from "./team-memberships";
import {
  ensureMembership,
  ensureTeamExists,
  ensureTeamPermission,
  ensureUserExists,
} from "./permissions";

// Teams (stack-shared `teamsCrud`).

export type TeamRow = {
  id: string;
  project_id: string;
  display_name: string;
  profile_image_url: string | null;
  client_metadata: string | null;
  client_read_only_metadata: string | null;
  server_metadata: string | null;
  created_at_millis: number;
};

const TEAM_COLUMNS =
  "id, project_id, display_name, profile_image_url, client_metadata, client_read_only_metadata, server_metadata, created_at_millis";

/** Server/admin team object, in the real server's field order (teamPrismaToCrud). */
export function teamServerJson(row: TeamRow) {
  return {
    id: row.id,
    display_name: row.display_name,
    profile_image_url: row.profile_image_url,
    created_at_millis: row.created_at_millis,
    client_metadata: json.read(row.client_metadata),
    client_read_only_metadata: json.read(row.client_read_only_metadata),
    server_metadata: json.read(row.server_metadata),
  };
}

/** Client team object: no created_at_millis, no server_metadata. */
export function teamClientJson(row: TeamRow) {
  return {
    id: row.id,
    display_name: row.display_name,
    profile_image_url: row.profile_image_url,
    client_metadata: json.read(row.client_metadata),
    client_read_only_metadata: json.read(row.client_read_only_metadata),
  };
}

export const teamJson = (row: TeamRow, accessType: AccessType) =>
  accessType === "client" ? teamClientJson(row) : teamServerJson(row);

export function readTeam(db: DB, projectId: string, teamId: string): TeamRow | undefined {
  return prep(db, `SELECT ${TEAM_COLUMNS} FROM teams WHERE id = ? AND project_id = ?`).get(teamId, projectId) as TeamRow | undefined;
}

/**
 * Creates a team; with `creatorUserId` the user becomes a member with the project's team-creator
 * default permissions (USER_NOT_FOUND if the user does not exist — nothing is written then).
 * With `record` (services.record) the webhooks team.created, team_membership.created and
 * team_permission.created are recorded. Returns the server team object.
 */
export function createTeam(
  db: DB,
  o: {
    projectId: string;
    /** A fixed id (the seed's deterministic ids); a random UUID otherwise. */
    id?: string;
    displayName: string;
    profileImageUrl?: string | null;
    clientMetadata?: unknown;
    clientReadOnlyMetadata?: unknown;
    serverMetadata?: unknown;
    creatorUserId?: string | null;
    now?: number;
    record?: EmulatorServices["record"];
  },
) {
  return db.transaction(() => {
    const now = o.now ?? Date.now();
    const row: TeamRow = {
      id: o.id ?? crypto.randomUUID(),
      project_id: o.projectId,
      display_name: o.displayName,
      profile_image_url: o.profileImageUrl ?? null,
      client_metadata: json.write(o.clientMetadata),
      client_read_only_metadata: json.write(o.clientReadOnlyMetadata),
      server_metadata: json.write(o.serverMetadata),
      created_at_millis: now,
    };
    prep(db, `INSERT INTO teams (${TEAM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
      row.id,
      row.project_id,
      row.display_name,
      row.profile_image_url,
      row.client_metadata,
      row.client_read_only_metadata,
      row.server_metadata,
      row.created_at_millis,
    );
    const result = teamServerJson(row);
    if (o.record) recordWebhook({ record: o.record }, o.projectId, "team.created", result);
    if (o.creatorUserId) {
      ensureUserExists(db, o.projectId, o.creatorUserId);
      addMembership(db, { projectId: o.projectId, teamId: row.id, userId: o.creatorUserId, kind: "creator", now, record: o.record });
    }
    return result;
  })();
}

/** Deletes a team with its memberships, permissions, invitations and team API keys; deselects it everywhere. */
export function deleteTeam(db: DB, projectId: string, teamId: string) {
  db.transaction(() => {
    prep(db, "DELETE FROM team_permissions WHERE team_id = ? AND project_id = ?").run(teamId, projectId);
    prep(db, "DELETE FROM team_members WHERE team_id = ? AND project_id = ?").run(teamId, projectId);
    prep(db, "DELETE FROM team_invitations WHERE team_id = ? AND project_id = ?").run(teamId, projectId);
    prep(db, "DELETE FROM user_api_keys WHERE team_id = ? AND project_id = ?").run(teamId, projectId);
    prep(db, "UPDATE users SET selected_team_id = NULL WHERE project_id = ? AND selected_team_id = ?").run(projectId, teamId);
    prep(db, "DELETE FROM teams WHERE id = ? AND project_id = ?").run(teamId, projectId);
  })();
}


/** Client-uploaded images must be base64 data URLs (Stack refuses URLs from client access). */
export function checkClientImage(accessType: AccessType, url: string | null | undefined) {
  if (accessType === "client" && url && !/^data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/]+=*$/i.test(url)) {
    throw new TextError(400, "Invalid profile image URL");
  }
}

const clientUpdateShape = {
  display_name: z.string().optional(),
  profile_image_url: s.imageUrl().nullable().optional(),
  client_metadata: z.unknown().optional(),
};
const serverUpdateShape = {
  ...clientUpdateShape,
  client_read_only_metadata: z.unknown().optional(),
  server_metadata: z.unknown().optional(),
};
type UpdateBody = {
  display_name?: string;
  profile_image_url?: string | null;
  client_metadata?: unknown;
  client_read_only_metadata?: unknown;
  server_metadata?: unknown;
};
type CreateBody = UpdateBody & { display_name: string; creator_user_id?: string };

const createBody = (a: AccessType) =>
  z.strictObject({
    ...(a === "client" ? clientUpdateShape : serverUpdateShape),
    display_name: z.string(),
    creator_user_id: s.userIdOrMe().optional(),
  }) as unknown as z.ZodType<CreateBody>;
const updateBody = (a: AccessType) =>
  z.strictObject(a === "client" ? clientUpdateShape : serverUpdateShape) as unknown as z.ZodType<UpdateBody>;
const teamParams = z.strictObject({ team_id: s.uuid() });

export const teamsModule: EmulatorModule = {
  name: "teams",
  migrations: [
    {
      id: "teams-0001-indexes",
      sql: `CREATE INDEX IF NOT EXISTS team_members_team_created ON team_members(team_id, created_at_millis);`,
    },
  ],
  routes: [
    route({
      method: "GET",
      path: "/teams",
      access: ["client", "server", "admin"],
      query: z.strictObject({
        user_id: s.userIdOrMe().optional(),
        limit: s.queryInt(1).optional(),
        cursor: z.string().optional(),
        order_by: z.enum(["created_at"]).optional(),
        desc: s.queryBool().optional(),
        query: z.string().optional(),
      }),
      handler: ({ auth, query, services, userIdOrMe }) => {
        const db = services.db;
        const userId = query.user_id === undefined ? undefined : userIdOrMe(query.user_id);
        ensureClientOwnUser(auth, userId, 'Client can only list teams for their own user. user_id must be either "me" or the ID of the current user');
        const desc = query.desc === true;
        let from = "teams t";
        let where = "t.project_id = ?";
        const args: (string | number)[] = [];
        if (userId !== undefined) {
          // Start from the user's memberships (team_members_user index; CROSS JOIN fixes the loop order) instead of scanning all teams.
          from = "team_members m CROSS JOIN teams t ON t.id = m.team_id";
          where = "m.user_id = ? AND t.project_id = ?";
          args.push(userId);
        }
        args.push(auth.projectId);
        if (query.query) {
          // Case-insensitive substring (LIKE is ASCII case-insensitive in SQLite).
          where += " AND t.display_name LIKE ? ESCAPE '\\'";
          args.push(`%${query.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        }
        if (query.cursor !== undefined) {
          // New-server cursor convention: the id of the last row of the previous page.
          const c = prep(db, "SELECT created_at_millis FROM teams WHERE id = ? AND project_id = ?").get(query.cursor, auth.projectId) as
            | { created_at_millis: number }
            | undefined;
          if (!c) throw new TextError(400, "Invalid cursor: no team with this id exists in this project.");
          const op = desc ? "<" : ">";
          where += ` AND (t.created_at_millis ${op} ? OR (t.created_at_millis = ? AND t.id ${op} ?))`;
          args.push(c.created_at_millis, c.created_at_millis, query.cursor);
        }
        const dir = desc ? "DESC" : "ASC";
        let sql = `SELECT ${TEAM_COLUMNS.split(", ").map((c) => `t.${c}`).join(", ")} FROM ${from} WHERE ${where} ORDER BY t.created_at_millis ${dir}, t.id ${dir}`;
        if (query.limit !== undefined) {
          sql += " LIMIT ?";
          args.push(query.limit + 1);
        }
        const rows = prep(db, sql).all(...args) as TeamRow[];
        let nextCursor: string | null = null;
        if (query.limit !== undefined && rows.length > query.limit) {
          rows.length = query.limit;
          nextCursor = rows[rows.length - 1]!.id;
        }
        return {
          items: rows.map((r) => teamJson(r, auth.accessType)),
          is_paginated: true,
          pagination: { next_cursor: nextCursor },
        };
      },
    }),
    route({
      method: "POST",
      path: "/teams",
      access: ["client", "server", "admin"],
      query: z.strictObject({ add_current_user: z.enum(["true", "false"]).optional() }),
      body: createBody,
      handler: ({ auth, body, query, services, userIdOrMe }) => {
        const db = services.db;
        let creator = body.creator_user_id === undefined ? undefined : userIdOrMe(body.creator_user_id);
        if (body.creator_user_id !== undefined && query.add_current_user) {
          throw new TextError(
            400,
            "Cannot use both creator_user_id and add_current_user. add_current_user is deprecated, please only use creator_user_id in the body.",
          );
        }
        if (auth.accessType === "client") {
          if (!auth.userId) throw Errors.userAuthenticationRequired();
          if (!readProjectConfig(db, auth.projectId).teams?.allowClientTeamCreation) {
            throw new TextError(403, "Client team creation is disabled for this project");
          }
          checkClientImage(auth.accessType, body.profile_image_url);
          if (creator === undefined) creator = auth.userId;
          else if (creator !== auth.userId) {
            throw new TextError(403, "You cannot create a team as a user that is not yourself. Make sure you set the creator_user_id to 'me'.");
          }
        }
        if (query.add_current_user === "true") {
          if (!auth.userId) throw new TextError(401, "You must be logged in to create a team with the current user as a member.");
          creator = auth.userId;
        }
        const team = createTeam(db, {
          projectId: auth.projectId,
          displayName: body.display_name,
          profileImageUrl: body.profile_image_url,
          clientMetadata: body.client_metadata,
          clientReadOnlyMetadata: body.client_read_only_metadata,
          serverMetadata: body.server_metadata,
          creatorUserId: creator,
          now: services.now(),
          record: services.record,
        });
        if (auth.accessType !== "client") return reply.created(team);
        const { created_at_millis: _c, server_metadata: _s, ...client } = team;
        return reply.created(client);
      },
    }),
    route({
      method: "GET",
      path: "/teams/:team_id",
      access: ["client", "server", "admin"],
      params: teamParams,
      handler: ({ auth, params, services }) => {
        const db = services.db;
        if (auth.accessType === "client") {
          if (!auth.userId) throw Errors.userAuthenticationRequired();
          ensureMembership(db, auth.projectId, params.team_id, auth.userId);
        }
        const row = readTeam(db, auth.projectId, params.team_id);
        if (!row) throw Errors.teamNotFound(params.team_id);
        return teamJson(row, auth.accessType);
      },
    }),
    route({
      method: "PATCH",
      path: "/teams/:team_id",
      access: ["client", "server", "admin"],
      params: teamParams,
      body: updateBody,
      handler: ({ auth, body, params, services }) => {
        const db = services.db;
        const row = db.transaction(() => {
          if (auth.accessType === "client") {
            checkClientImage(auth.accessType, body.profile_image_url);
            if (!auth.userId) throw Errors.userAuthenticationRequired();
            ensureTeamPermission(db, auth.projectId, params.team_id, auth.userId, "$update_team");
          }
          ensureTeamExists(db, auth.projectId, params.team_id);
          const sets: string[] = [];
          const args: unknown[] = [];
          const set = (col: string, v: unknown) => {
            sets.push(`${col} = ?`);
            args.push(v);
          };
          if (body.display_name !== undefined) set("display_name", body.display_name);
          if (body.profile_image_url !== undefined) set("profile_image_url", body.profile_image_url);
          if (body.client_metadata !== undefined) set("client_metadata", json.write(body.client_metadata));
          if (body.client_read_only_metadata !== undefined) set("client_read_only_metadata", json.write(body.client_read_only_metadata));
          if (body.server_metadata !== undefined) set("server_metadata", json.write(body.server_metadata));
          if (sets.length > 0) {
            prep(db, `UPDATE teams SET ${sets.join(", ")} WHERE id = ? AND project_id = ?`).run(...args, params.team_id, auth.projectId);
          }
          const updated = readTeam(db, auth.projectId, params.team_id)!;
          recordWebhook(services, auth.projectId, "team.updated", teamServerJson(updated));
          return updated;
        })();
        return teamJson(row, auth.accessType);
      },
    }),
    route({
      method: "DELETE",
      path: "/teams/:team_id",
      access: ["client", "server", "admin"],
      params: teamParams,
      handler: ({ auth, params, services }) => {
        const db = services.db;
        db.transaction(() => {
          if (auth.accessType === "client") {
            if (!auth.userId) throw Errors.userAuthenticationRequired();
            ensureTeamPermission(db, auth.projectId, params.team_id, auth.userId, "$delete_team");
          }
          ensureTeamExists(db, auth.projectId, params.team_id);
          deleteTeam(db, auth.projectId, params.team_id);
          recordWebhook(services, auth.projectId, "team.deleted", { id: params.team_id });
        })();
        return reply.success();
      },
    }),
  ],
};
