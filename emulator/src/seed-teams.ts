import { prep, type DB } from "./db";
import { defaultTeamPermissionIds } from "./resources/permissions";
import { createTeam } from "./resources/teams";

/** The demo project's one big team: paging and search over a team's members need a team this large. */
export const LARGE_TEAM = {
  id: "5a1e7ea3-0000-4000-8000-000000005000",
  displayName: "Everyone at Acme",
  members: 5_000,
} as const;

export type AddMember = (teamId: string, userId: string, kind: "creator" | "member", now: number) => number;

/**
 * The rows `addMembership` (team-memberships.ts) writes, for the seed's 340,000 memberships at
 * 1,000,000 users: the membership, then the creator or member defaults (rbac.defaultPermissions)
 * in config order. The defaults are read once instead of once per membership (the config and
 * definitions do not change while seeding), and there is no membership check or savepoint per
 * call: the seed's teams are new and their member lists are sets, and the primary key of
 * team_members still rejects a duplicate. Returns how many permissions it granted.
 */
export function memberWriter(db: DB, projectId: string): AddMember {
  const grants = { creator: defaultTeamPermissionIds(db, projectId, "teamCreator"), member: defaultTeamPermissionIds(db, projectId, "teamMember") };
  const member = prep(db, "INSERT INTO team_members (project_id, team_id, user_id, created_at_millis) VALUES (?, ?, ?, ?)");
  const grant = prep(db, "INSERT OR IGNORE INTO team_permissions (project_id, team_id, user_id, permission_id) VALUES (?, ?, ?, ?)");
  return (teamId, userId, kind, now) => {
    member.run(projectId, teamId, userId, now);
    const ids = grants[kind];
    for (const id of ids) grant.run(projectId, teamId, userId, id);
    return ids.length;
  };
}

/**
 * Seeds LARGE_TEAM with the first `LARGE_TEAM.members` of `users` (fewer when the project has fewer
 * users); each member gets the team-member defaults (the first the creator defaults) and a team
 * profile. Returns the memberships and permission grants it added.
 */
export function seedLargeTeam(
  db: DB,
  o: { projectId: string; users: readonly { id: string; signedUp: number }[]; anchor: number; addMember: AddMember },
): { teams: number; memberships: number; teamPermissions: number } {
  const members = o.users.slice(0, LARGE_TEAM.members);
  if (members.length === 0) return { teams: 0, memberships: 0, teamPermissions: 0 };
  const created = Math.min(...members.slice(0, 50).map((u) => u.signedUp));
  createTeam(db, { projectId: o.projectId, id: LARGE_TEAM.id, displayName: LARGE_TEAM.displayName, serverMetadata: { seeded: "large-team" }, now: created });
  let teamPermissions = 0;
  members.forEach((u, i) => {
    const joined = Math.min(o.anchor - 1, Math.max(created, u.signedUp) + i);
    teamPermissions += o.addMember(LARGE_TEAM.id, u.id, i === 0 ? "creator" : "member", joined);
  });
  return { teams: 1, memberships: members.length, teamPermissions };
}
