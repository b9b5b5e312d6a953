"use server";

// Thin wrappers over lib/server/jobs: starting a bulk job, cancelling one.
import { revalidatePath } from "next/cache";
import { bulkConfirmedUsersSchema, bulkProjectPermissionSchema, bulkRestrictUsersSchema, bulkTeamMembershipSchema, cancelJobSchema, type UserSelection } from "@/lib/schemas/jobs";
import { defineAction, type ActionContext } from "@/lib/server/action";
import * as jobs from "@/lib/server/jobs";

export const cancelJobAction = defineAction({
  name: "cancelJob",
  input: cancelJobSchema,
  target: (input) => ({ type: "job", id: input.jobId }),
  handler: async (ctx) => {
    const result = await jobs.cancelJob(ctx.input.jobId, ctx);
    revalidatePath("/jobs");
    return result;
  },
});

// Starting a bulk job over users: the single action's input with the user replaced by a
// selection (rows, or every user matching the table's URL filter). Each action's role is its
// item action's (lib/roles.ts); the dangerous ones confirm the exact count, re-counted here.
const start =
  (operation: jobs.UserOperationName) =>
  <I extends { selection: UserSelection; confirmation?: string }>(ctx: ActionContext<I>) => {
    const { selection, confirmation: _typed, ...params } = ctx.input;
    return jobs.startUserJob(ctx, operation, selection, params);
  };

export const bulkDeleteUsersAction = defineAction({
  name: "bulkDeleteUsers",
  dangerous: "bulkDeleteUsers",
  input: bulkConfirmedUsersSchema,
  handler: start("deleteUsers"),
});

export const bulkRestrictUsersAction = defineAction({
  name: "bulkRestrictUsers",
  input: bulkRestrictUsersSchema,
  handler: start("restrictUsers"),
});

export const bulkRevokeUserSessionsAction = defineAction({
  name: "bulkRevokeUserSessions",
  dangerous: "bulkRevokeSessions",
  input: bulkConfirmedUsersSchema,
  handler: start("revokeUserSessions"),
});

export const bulkAddTeamMemberAction = defineAction({
  name: "bulkAddTeamMember",
  input: bulkTeamMembershipSchema,
  handler: start("addUsersToTeam"),
});

export const bulkRemoveTeamMemberAction = defineAction({
  name: "bulkRemoveTeamMember",
  input: bulkTeamMembershipSchema,
  handler: start("removeUsersFromTeam"),
});

export const bulkGrantProjectPermissionAction = defineAction({
  name: "bulkGrantProjectPermission",
  input: bulkProjectPermissionSchema,
  handler: start("grantProjectPermission"),
});

export const bulkRevokeProjectPermissionAction = defineAction({
  name: "bulkRevokeProjectPermission",
  input: bulkProjectPermissionSchema,
  handler: start("revokeProjectPermission"),
});
