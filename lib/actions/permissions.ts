"use server";

import { revalidatePath } from "next/cache";
import {
  createPermissionDefinitionSchema,
  deletePermissionDefinitionSchema,
  projectPermissionGrantSchema,
  teamPermissionGrantSchema,
  updatePermissionDefinitionSchema,
} from "@/lib/schemas/permissions";
import { defineAction } from "@/lib/server/action";
import * as permissions from "@/lib/server/permissions";

export const createPermissionDefinitionAction = defineAction({
  name: "createPermissionDefinition",
  input: createPermissionDefinitionSchema,
  handler: async (ctx) => {
    const result = await permissions.createPermissionDefinition(ctx.client, ctx.input, ctx);
    revalidatePath("/permissions");
    return result;
  },
});

export const updatePermissionDefinitionAction = defineAction({
  name: "updatePermissionDefinition",
  input: updatePermissionDefinitionSchema,
  handler: async (ctx) => {
    const result = await permissions.updatePermissionDefinition(ctx.client, ctx.input, ctx);
    revalidatePath("/permissions");
    return result;
  },
});

export const deletePermissionDefinitionAction = defineAction({
  name: "deletePermissionDefinition",
  dangerous: "deletePermission",
  input: deletePermissionDefinitionSchema,
  handler: async (ctx) => {
    const result = await permissions.deletePermissionDefinition(ctx.client, ctx.input, ctx);
    revalidatePath("/permissions");
    return result;
  },
});

export const grantTeamPermissionAction = defineAction({
  name: "grantTeamPermission",
  input: teamPermissionGrantSchema,
  handler: async (ctx) => {
    const result = await permissions.grantTeamPermission(ctx.client, ctx.input, ctx);
    revalidatePath(`/teams/${ctx.input.teamId}/members/${ctx.input.userId}`);
    return result;
  },
});

export const revokeTeamPermissionAction = defineAction({
  name: "revokeTeamPermission",
  input: teamPermissionGrantSchema,
  handler: async (ctx) => {
    const result = await permissions.revokeTeamPermission(ctx.client, ctx.input, ctx);
    revalidatePath(`/teams/${ctx.input.teamId}/members/${ctx.input.userId}`);
    return result;
  },
});

export const grantProjectPermissionAction = defineAction({
  name: "grantProjectPermission",
  input: projectPermissionGrantSchema,
  handler: async (ctx) => {
    const result = await permissions.grantProjectPermission(ctx.client, ctx.input, ctx);
    revalidatePath(`/users/${ctx.input.userId}`);
    return result;
  },
});

export const revokeProjectPermissionAction = defineAction({
  name: "revokeProjectPermission",
  input: projectPermissionGrantSchema,
  handler: async (ctx) => {
    const result = await permissions.revokeProjectPermission(ctx.client, ctx.input, ctx);
    revalidatePath(`/users/${ctx.input.userId}`);
    return result;
  },
});
