import { z } from "zod";
import type { AccessType } from "../auth";
import { prep, type DB } from "../db";
import { TextError } from "../errors";
import { route, type EmulatorModule } from "../router";
import { s } from "../validation";
import {
  currentUserOrThrow,
  ensureMembership,
  ensureTeamExists,
  ensureTeamPermission,
  ensureUserExists,
} from "./permissions";
import { checkClientImage } from "./teams";
import { getUserJson } from "./users";

// Team member profiles (stack-shared `teamMemberProfilesCrud`): the team-specific display name / image stored on
// team_members, falling back to the user's own, plus (server/admin only) the full user object.

type MemberRow = {
  team_id: string;
  user_id: string;
  member_display_name: string | null;
  member_profile_image_url: string | null;
  user_display_name: string | null;
  user_profile_image_url: string | null;
};

const MEMBER_SELECT = `SELECT m.team_id, m.user_id, m.display_name AS member_display_name, m.profile_image_url AS member_profile_image_url,
       u.display_name AS user_display_name, u.profile_image_url AS user_profile_image_url
  FROM team_members m JOIN users u ON u.id = m.user_id`;

function profileJson(db: DB, projectId: string, row: MemberRow, accessType: AccessType) {
  const base = {
    team_id: row.team_id,
    user_id: row.user_id,
    display_name: row.member_display_name ?? row.user_display_name,
    profile_image_url: row.member_profile_image_url ?? row.user_profile_image_url,
  };
  if (accessType === "client") return base;
  // The full server user object, rendered by the users module (one canonical user shape).
  return { ...base, user: getUserJson(db, projectId, row.user_id, "server") };
}

function readProfileRow(db: DB, projectId: string, teamId: string, userId: string): MemberRow | undefined {
  return prep(db, `${MEMBER_SELECT} WHERE m.team_id = ? AND m.user_id = ? AND m.project_id = ?`).get(teamId, userId, projectId) as
    | MemberRow
    | undefined;
}

const params = z.strictObject({ team_id: s.uuid(), user_id: s.userIdOrMe() });

export const teamMemberProfilesModule: EmulatorModule = {
  name: "team-member-profiles",
  routes: [
    route({
      method: "GET",
      path: "/team-member-profiles",
      access: ["client", "server", "admin"],
      query: z.strictObject({ team_id: s.uuid().optional(), user_id: s.userIdOrMe().optional() }),
      handler: ({ auth, query, services, userIdOrMe }) => {
        const db = services.db;
        const userId = query.user_id === undefined ? undefined : userIdOrMe(query.user_id);
        if (auth.accessType === "client") {
          const me = currentUserOrThrow(auth.userId);
          if (!query.team_id) throw new TextError(400, "team_id is required for access type client");
          ensureMembership(db, auth.projectId, query.team_id, me);
          if (userId !== me) ensureTeamPermission(db, auth.projectId, query.team_id, me, "$read_members");
        } else {
          if (query.team_id) ensureTeamExists(db, auth.projectId, query.team_id);
          if (userId) ensureUserExists(db, auth.projectId, userId);
        }
        let sql = `${MEMBER_SELECT} WHERE m.project_id = ?`;
        const args: string[] = [auth.projectId];
        if (query.team_id) {
          sql += " AND m.team_id = ?";
          args.push(query.team_id);
        }
        if (userId) {
          sql += " AND m.user_id = ?";
          args.push(userId);
        }
        sql += " ORDER BY m.created_at_millis, m.team_id, m.user_id";
        const rows = prep(db, sql).all(...args) as MemberRow[];
        return { items: rows.map((r) => profileJson(db, auth.projectId, r, auth.accessType)), is_paginated: false };
      },
    }),
    route({
      method: "GET",
      path: "/team-member-profiles/:team_id/:user_id",
      access: ["client", "server", "admin"],
      params,
      handler: ({ auth, params, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(params.user_id);
        if (auth.accessType === "client") {
          const me = currentUserOrThrow(auth.userId);
          if (userId !== me) ensureTeamPermission(db, auth.projectId, params.team_id, me, "$read_members");
        }
        ensureMembership(db, auth.projectId, params.team_id, userId);
        const row = readProfileRow(db, auth.projectId, params.team_id, userId)!;
        return profileJson(db, auth.projectId, row, auth.accessType);
      },
    }),
    route({
      method: "PATCH",
      path: "/team-member-profiles/:team_id/:user_id",
      access: ["client", "server", "admin"],
      params,
      body: z.strictObject({
        display_name: z.string().optional(),
        profile_image_url: s.imageUrl().nullable().optional(),
      }),
      handler: ({ auth, body, params, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(params.user_id);
        const row = db.transaction(() => {
          if (auth.accessType === "client") {
            const me = currentUserOrThrow(auth.userId);
            if (userId !== me) throw new TextError(403, "Cannot update another user's profile");
            checkClientImage(auth.accessType, body.profile_image_url);
          }
          ensureMembership(db, auth.projectId, params.team_id, userId);
          if (body.display_name !== undefined) {
            prep(db, "UPDATE team_members SET display_name = ? WHERE team_id = ? AND user_id = ? AND project_id = ?").run(
              body.display_name,
              params.team_id,
              userId,
              auth.projectId,
            );
          }
          if (body.profile_image_url !== undefined) {
            prep(db, "UPDATE team_members SET profile_image_url = ? WHERE team_id = ? AND user_id = ? AND project_id = ?").run(
              body.profile_image_url,
              params.team_id,
              userId,
              auth.projectId,
            );
          }
          return readProfileRow(db, auth.projectId, params.team_id, userId)!;
        })();
        return profileJson(db, auth.projectId, row, auth.accessType);
      },
    }),
  ],
};

