"use server";

// Thin wrappers over lib/server/jobs: starting a bulk job, cancelling one.
import { revalidatePath } from "next/cache";
import { bulkConfirmedUsersSchema, bulkProjectPermissionSchema, bulkRestrictUsersSchema, bulkTeamMembershipSchema, cancelJobSchema } from "@/lib/schemas/jobs";
import { defineAction } from "@/lib/server/action";
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
const params = <T extends { selection: unknown }>({ selection: _selection, ...rest }: T) => rest;

export const bulkDeleteUsersAction = defineAction({
  name: "bulkDeleteUsers",
  dangerous: "bulkDeleteUsers",
  input: bulkConfirmedUsersSchema,
  handler: (ctx) => jobs.startUserJob(ctx, "deleteUsers", ctx.input.selection),
});

export const bulkRestrictUsersAction = defineAction({
  name: "bulkRestrictUsers",
  input: bulkRestrictUsersSchema,
  handler: (ctx) => jobs.startUserJob(ctx, "restrictUsers", ctx.input.selection, params(ctx.input)),
});

export const bulkRevokeUserSessionsAction = defineAction({
  name: "bulkRevokeUserSessions",
  dangerous: "bulkRevokeSessions",
  input: bulkConfirmedUsersSchema,
  handler: (ctx) => jobs.startUserJob(ctx, "revokeUserSessions", ctx.input.selection),
});

export const bulkAddTeamMemberAction = defineAction({
  name: "bulkAddTeamMember",
  input: bulkTeamMembershipSchema,
  handler: (ctx) => jobs.startUserJob(ctx, "addUsersToTeam", ctx.input.selection, params(ctx.input)),
});

export const bulkRemoveTeamMemberAction = defineAction({
  name: "bulkRemoveTeamMember",
  input: bulkTeamMembershipSchema,
  handler: (ctx) => jobs.startUserJob(ctx, "removeUsersFromTeam", ctx.input.selection, params(ctx.input)),
});

export const bulkGrantProjectPermissionAction = defineAction({
  name: "bulkGrantProjectPermission",
  input: bulkProjectPermissionSchema,
  handler: (ctx) => jobs.startUserJob(ctx, "grantProjectPermission", ctx.input.selection, params(ctx.input)),
});

export const bulkRevokeProjectPermissionAction = defineAction({
  name: "bulkRevokeProjectPermission",
  input: bulkProjectPermissionSchema,
  handler: (ctx) => jobs.startUserJob(ctx, "revokeProjectPermission", ctx.input.selection, params(ctx.input)),
});
