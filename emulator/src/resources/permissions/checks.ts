import { z } from "zod";
import { prep, type DB } from "../../db";
import { Errors } from "../../errors";
import { TEAM_SYSTEM_PERMISSION_IDS } from "../../project-bootstrap";

// Existence and membership checks, id schemas and small helpers shared by the team modules
// (teams, memberships, member profiles, invitations, permission definitions).

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

/** The user id a client request acts as (CANNOT_GET_OWN_USER_WITHOUT_USER without a user token). */
export function currentUserOrThrow(userId: string | null): string {
  if (!userId) throw Errors.cannotGetOwnUserWithoutUser();
  return userId;
}
