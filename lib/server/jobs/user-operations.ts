import "server-only";

import { z } from "zod";
import { permissionParamsSchema, teamParamsSchema, type UserSelection } from "@/lib/schemas/jobs";
import { openUserWalk } from "@/lib/server/export";
import { ActionRefusal } from "@/lib/server/failure";
import { MAX_JOB_ITEMS, startJob, type JobContext } from "@/lib/server/jobs/core";
import { registerJobOperation, type JobOperation } from "@/lib/server/jobs/registry";
import * as permissions from "@/lib/server/permissions";
import * as teams from "@/lib/server/teams";
import * as users from "@/lib/server/users";
import type { StackClient } from "@/lib/stack/client";
import { usersUrl } from "@/lib/url-state/users";

// The bulk operations over users. Each item runs the same lib/server function as the
// single-user action, with the job's recorder (so the same audit entry, per user).

type UserItem = { userId: string };
const item = z.object({ userId: z.uuid() });
const target = (i: UserItem) => ({ type: "user", id: i.userId });
const none = z.object({});
// restrictUserSchema's output (its blank texts already null): params are stored parsed and parsed again on resume.
const restrictParams = z.object({ restricted: z.boolean(), publicReason: z.string().max(1000).nullable(), privateDetails: z.string().max(5000).nullable() });

/** An operation over users by id: the item and its audit target are the same for all of them. */
function userOperation<P>(op: Omit<JobOperation<P, UserItem>, "item" | "target">): JobOperation<P, UserItem> {
  return { ...op, item, target };
}

// Dangerous items were confirmed once, by the exact count, when the job started; each item's
// own check (`rec.confirm`) is the job's recorder, which accepts it.
export const USER_OPERATIONS = {
  deleteUsers: userOperation({
    name: "deleteUsers",
    label: "Delete users",
    itemAction: "deleteUser",
    dangerous: "bulkDeleteUsers",
    params: none,
    run: async (client, i, _p, rec) => void (await users.deleteUser(client, { userId: i.userId, confirmation: "" }, rec)),
  }),
  restrictUsers: userOperation({
    name: "restrictUsers",
    label: "Restrict or lift users",
    itemAction: "restrictUser",
    params: restrictParams,
    run: async (client, i, p, rec) => void (await users.restrictUser(client, { userId: i.userId, ...p }, rec)),
  }),
  revokeUserSessions: userOperation({
    name: "revokeUserSessions",
    label: "Revoke all sessions",
    itemAction: "revokeAllUserSessions",
    dangerous: "bulkRevokeSessions",
    params: none,
    run: async (client, i, _p, rec) => void (await users.revokeAllUserSessions(client, { userId: i.userId, confirmation: "" }, rec)),
  }),
  addUsersToTeam: userOperation({
    name: "addUsersToTeam",
    label: "Add to a team",
    itemAction: "addTeamMember",
    params: teamParamsSchema,
    run: async (client, i, p, rec) => void (await teams.addTeamMember(client, { teamId: p.teamId, userId: i.userId }, rec)),
  }),
  removeUsersFromTeam: userOperation({
    name: "removeUsersFromTeam",
    label: "Remove from a team",
    itemAction: "removeTeamMember",
    params: teamParamsSchema,
    run: async (client, i, p, rec) => void (await teams.removeTeamMember(client, { teamId: p.teamId, userId: i.userId }, rec)),
  }),
  grantProjectPermission: userOperation({
    name: "grantProjectPermission",
    label: "Grant a project permission",
    itemAction: "grantProjectPermission",
    params: permissionParamsSchema,
    run: async (client, i, p, rec) => void (await permissions.grantProjectPermission(client, { userId: i.userId, permissionId: p.permissionId }, rec)),
  }),
  revokeProjectPermission: userOperation({
    name: "revokeProjectPermission",
    label: "Revoke a project permission",
    itemAction: "revokeProjectPermission",
    params: permissionParamsSchema,
    run: async (client, i, p, rec) => void (await permissions.revokeProjectPermission(client, { userId: i.userId, permissionId: p.permissionId }, rec)),
  }),
} as const;

export type UserOperationName = keyof typeof USER_OPERATIONS;

for (const op of Object.values(USER_OPERATIONS)) registerJobOperation(op);

/**
 * The users a selection names: the selected ids (each once), or every user matching the users
 * table's URL filter, walked page by page on the server. More than a job takes is refused.
 */
export async function resolveUserSelection(client: StackClient, selection: UserSelection): Promise<string[]> {
  if (selection.kind === "ids") return [...new Set(selection.userIds)];
  const { params } = usersUrl.parse(new URLSearchParams(selection.search));
  const ids: string[] = [];
  for await (const u of await openUserWalk(client, params)) {
    ids.push(u.id);
    if (ids.length > MAX_JOB_ITEMS) throw new ActionRefusal("TOO_MANY_ITEMS", `More than ${MAX_JOB_ITEMS.toLocaleString("en")} users match: narrow the search.`);
  }
  return ids;
}

/** Starts a user operation over a selection (the count a dangerous one confirms is of the users resolved here). */
export async function startUserJob(ctx: JobContext, operation: UserOperationName, selection: UserSelection, params: unknown = {}): Promise<{ jobId: string; total: number }> {
  const ids = await resolveUserSelection(ctx.client, selection);
  if (ids.length === 0) throw new ActionRefusal("NOTHING_SELECTED", "No users match: nothing was started.");
  const { jobId } = await startJob(ctx, { operation, params, items: ids.map((userId) => ({ userId })) });
  return { jobId, total: ids.length };
}

/** How many users a selection names (the count the operator confirms a dangerous job with). */
export async function countUserSelection(client: StackClient, selection: UserSelection): Promise<number> {
  return (await resolveUserSelection(client, selection)).length;
}
