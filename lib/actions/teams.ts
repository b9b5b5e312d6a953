"use server";

import { revalidatePath } from "next/cache";
import { teamConfirmationSchema, updateTeamProfileSchema } from "@/lib/schemas/teams";
import { defineAction } from "@/lib/server/action";
import * as teams from "@/lib/server/teams";

export const updateTeamProfileAction = defineAction({
  name: "updateTeamProfile",
  input: updateTeamProfileSchema,
  handler: async (ctx) => {
    const result = await teams.updateTeamProfile(ctx.client, ctx.input, ctx);
    revalidatePath("/teams");
    revalidatePath(`/teams/${ctx.input.teamId}`);
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
