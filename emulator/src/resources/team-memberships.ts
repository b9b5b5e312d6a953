import { z } from "zod";
import { prep, type DB } from "../db";
import { Errors } from "../errors";
import { recordWebhook, route, reply, type EmulatorModule, type EmulatorServices } from "../router";
import { s } from "../validation";
import {
  currentUserOrThrow,
  emptyBody,
  ensureMembership,
  ensureTeamExists,
  ensureTeamPermission,
  ensureUserExists,
  grantDefaultTeamPermissions,
  isMember,
} from "./permissions";

// Team memberships (stack-shared `teamMembershipsCrud`). There is no list endpoint: members are listed through
// GET /users?team_id= and GET /team-member-profiles?team_id=.

/**
 * Adds `userId` to `teamId` with the project's default team permissions
 * (`kind: "creator"` → rbac.defaultPermissions.teamCreator, `"member"` → .teamMember).
 * Does not check that the user/team exist (callers do); throws TEAM_MEMBERSHIP_ALREADY_EXISTS.
 * When `record` is given (services.record), the webhooks `team_membership.created` and one
 * `team_permission.created` per granted permission are recorded, like the real server.
 * Call inside a transaction when combined with other writes (it opens its own otherwise).
 */
export function addMembership(
  db: DB,
  o: {
    projectId: string;
    teamId: string;
    userId: string;
    kind: "creator" | "member";
    now?: number;
    record?: EmulatorServices["record"];
  },
): { team_id: string; user_id: string; granted_permission_ids: string[] } {
  return db.transaction(() => {
    if (isMember(db, o.projectId, o.teamId, o.userId)) throw Errors.teamMembershipAlreadyExists();
    prep(db, "INSERT INTO team_members (project_id, team_id, user_id, created_at_millis) VALUES (?, ?, ?, ?)").run(
      o.projectId,
      o.teamId,
      o.userId,
      o.now ?? Date.now(),
    );
    const granted = grantDefaultTeamPermissions(db, o.projectId, o.teamId, o.userId, o.kind === "creator" ? "teamCreator" : "teamMember");
    if (o.record) {
      const services = { record: o.record };
      recordWebhook(services, o.projectId, "team_membership.created", { team_id: o.teamId, user_id: o.userId });
      for (const id of granted) {
        recordWebhook(services, o.projectId, "team_permission.created", { id, user_id: o.userId, team_id: o.teamId });
      }
    }
    return { team_id: o.teamId, user_id: o.userId, granted_permission_ids: granted };
  })();
}

/** Removes a membership with its team permissions and deselects the team if the user had it selected. */
export function removeMembership(db: DB, projectId: string, teamId: string, userId: string) {
  db.transaction(() => {
    prep(db, "DELETE FROM team_permissions WHERE team_id = ? AND user_id = ? AND project_id = ?").run(teamId, userId, projectId);
    prep(db, "DELETE FROM team_members WHERE team_id = ? AND user_id = ? AND project_id = ?").run(teamId, userId, projectId);
    prep(db, "UPDATE users SET selected_team_id = NULL WHERE id = ? AND project_id = ? AND selected_team_id = ?").run(
      userId,
      projectId,
      teamId,
    );
  })();
}

const params = z.strictObject({ team_id: s.uuid(), user_id: s.userIdOrMe() });

export const teamMembershipsModule: EmulatorModule = {
  name: "team-memberships",
  routes: [
    route({
      method: "POST",
      path: "/team-memberships/:team_id/:user_id",
      access: ["server", "admin"],
      params,
      body: emptyBody(),
      handler: ({ auth, params, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(params.user_id);
        db.transaction(() => {
          ensureUserExists(db, auth.projectId, userId);
          ensureTeamExists(db, auth.projectId, params.team_id);
          addMembership(db, {
            projectId: auth.projectId,
            teamId: params.team_id,
            userId,
            kind: "member",
            now: services.now(),
            record: services.record,
          });
        })();
        return reply.created({ team_id: params.team_id, user_id: userId });
      },
    }),
    route({
      method: "DELETE",
      path: "/team-memberships/:team_id/:user_id",
      access: ["client", "server", "admin"],
      params,
      handler: ({ auth, params, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(params.user_id);
        db.transaction(() => {
          if (auth.accessType === "client") {
            // Everyone may leave a team; removing others needs $remove_members.
            const me = currentUserOrThrow(auth.userId);
            if (userId !== me) ensureTeamPermission(db, auth.projectId, params.team_id, me, "$remove_members");
          }
          ensureMembership(db, auth.projectId, params.team_id, userId);
          removeMembership(db, auth.projectId, params.team_id, userId);
          recordWebhook(services, auth.projectId, "team_membership.deleted", { team_id: params.team_id, user_id: userId });
        })();
        return reply.success();
      },
    }),
  ],
};
