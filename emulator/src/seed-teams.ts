import type { DB } from "./db";
import { addMembership } from "./resources/team-memberships";
import { createTeam } from "./resources/teams";

/** The demo project's one big team: paging and search over a team's members need a team this large. */
export const LARGE_TEAM = {
  id: "5a1e7ea3-0000-4000-8000-000000005000",
  displayName: "Everyone at Acme",
  members: 5_000,
} as const;

/**
 * Seeds LARGE_TEAM with the first `LARGE_TEAM.members` of `users` (fewer when the project has fewer
 * users), through the API's own membership logic so each member gets the team-member defaults and
 * a team profile. Returns the memberships and permission grants it added.
 */
export function seedLargeTeam(
  db: DB,
  o: { projectId: string; users: readonly { id: string; signedUp: number }[]; anchor: number },
): { teams: number; memberships: number; teamPermissions: number } {
  const members = o.users.slice(0, LARGE_TEAM.members);
  if (members.length === 0) return { teams: 0, memberships: 0, teamPermissions: 0 };
  const created = Math.min(...members.slice(0, 50).map((u) => u.signedUp));
  createTeam(db, { projectId: o.projectId, id: LARGE_TEAM.id, displayName: LARGE_TEAM.displayName, serverMetadata: { seeded: "large-team" }, now: created });
  let teamPermissions = 0;
  members.forEach((u, i) => {
    const joined = Math.min(o.anchor - 1, Math.max(created, u.signedUp) + i);
    teamPermissions += addMembership(db, { projectId: o.projectId, teamId: LARGE_TEAM.id, userId: u.id, kind: i === 0 ? "creator" : "member", now: joined }).granted_permission_ids.length;
  });
  return { teams: 1, memberships: members.length, teamPermissions };
}
