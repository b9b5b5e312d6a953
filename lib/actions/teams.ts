"use server";

import { revalidatePath } from "next/cache";
import {
  createTeamSchema,
  revokeTeamInvitationSchema,
  sendTeamInvitationSchema,
  teamConfirmationSchema,
  teamMembershipSchema,
  updateTeamMemberProfileSchema,
  updateTeamMetadataSchema,
  updateTeamProfileSchema,
} from "@/lib/schemas/teams";
import { defineAction } from "@/lib/server/action";
import * as invitations from "@/lib/server/team-invitations";
import * as teams from "@/lib/server/teams";

const teamPage = (teamId: string) => `/teams/${teamId}`;

export const createTeamAction = defineAction({
  name: "createTeam",
  input: createTeamSchema,
  handler: async (ctx) => {
    const result = await teams.createTeam(ctx.client, ctx.input, ctx);
    revalidatePath("/teams");
    return result;
  },
});

export const updateTeamProfileAction = defineAction({
  name: "updateTeamProfile",
  input: updateTeamProfileSchema,
  handler: async (ctx) => {
    const result = await teams.updateTeamProfile(ctx.client, ctx.input, ctx);
    revalidatePath("/teams");
    revalidatePath(teamPage(ctx.input.teamId));
    return result;
  },
});

export const updateTeamMetadataAction = defineAction({
  name: "updateTeamMetadata",
  input: updateTeamMetadataSchema,
  handler: async (ctx) => {
    const result = await teams.updateTeamMetadata(ctx.client, ctx.input, ctx);
    revalidatePath(teamPage(ctx.input.teamId));
    return result;
  },
});

export const addTeamMemberAction = defineAction({
  name: "addTeamMember",
  input: teamMembershipSchema,
  handler: async (ctx) => {
    const result = await teams.addTeamMember(ctx.client, ctx.input, ctx);
    revalidatePath(teamPage(ctx.input.teamId));
    revalidatePath(`/users/${ctx.input.userId}`);
    return result;
  },
});

export const removeTeamMemberAction = defineAction({
  name: "removeTeamMember",
  input: teamMembershipSchema,
  handler: async (ctx) => {
    const result = await teams.removeTeamMember(ctx.client, ctx.input, ctx);
    revalidatePath(teamPage(ctx.input.teamId));
    revalidatePath(`/users/${ctx.input.userId}`);
    return result;
  },
});

export const updateTeamMemberProfileAction = defineAction({
  name: "updateTeamMemberProfile",
  input: updateTeamMemberProfileSchema,
  handler: async (ctx) => {
    const result = await teams.updateTeamMemberProfile(ctx.client, ctx.input, ctx);
    revalidatePath(teamPage(ctx.input.teamId));
    return result;
  },
});

export const sendTeamInvitationAction = defineAction({
  name: "sendTeamInvitation",
  input: sendTeamInvitationSchema,
  handler: async (ctx) => {
    const result = await invitations.sendTeamInvitation(ctx.client, ctx.input, ctx);
    revalidatePath(teamPage(ctx.input.teamId));
    return result;
  },
});

export const revokeTeamInvitationAction = defineAction({
  name: "revokeTeamInvitation",
  input: revokeTeamInvitationSchema,
  handler: async (ctx) => {
    const result = await invitations.revokeTeamInvitation(ctx.client, ctx.input, ctx);
    revalidatePath(teamPage(ctx.input.teamId));
    return result;
  },
});

export const deleteTeamAction = defineAction({
  name: "deleteTeam",
  dangerous: "deleteTeam",
  input: teamConfirmationSchema,
  handler: async (ctx) => {
    const result = await teams.deleteTeam(ctx.client, ctx.input, ctx);
    revalidatePath("/teams");
    return result;
  },
});
