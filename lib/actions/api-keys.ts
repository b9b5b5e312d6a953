"use server";

import { revalidatePath } from "next/cache";
import {
  createProjectApiKeySchema,
  createTeamApiKeySchema,
  createUserApiKeySchema,
  revokeProjectApiKeySchema,
  revokeTeamApiKeySchema,
  revokeUserApiKeySchema,
} from "@/lib/schemas/api-keys";
import { defineAction } from "@/lib/server/action";
import * as apiKeys from "@/lib/server/api-keys";

// The create actions answer the full secret: the only time it leaves Stack. It is neither stored
// nor audited (lib/server/api-keys.ts records the description, expiry and kinds only).

export const createUserApiKeyAction = defineAction({
  name: "createUserApiKey",
  input: createUserApiKeySchema,
  handler: async (ctx) => {
    const result = await apiKeys.createUserApiKey(ctx.client, ctx.input, ctx);
    revalidatePath(`/users/${ctx.input.userId}`);
    return result;
  },
});

export const revokeUserApiKeyAction = defineAction({
  name: "revokeUserApiKey",
  dangerous: "revokeApiKey",
  input: revokeUserApiKeySchema,
  handler: async (ctx) => {
    const result = await apiKeys.revokeUserApiKey(ctx.client, ctx.input, ctx);
    revalidatePath(`/users/${ctx.input.userId}`);
    return result;
  },
});

export const createTeamApiKeyAction = defineAction({
  name: "createTeamApiKey",
  input: createTeamApiKeySchema,
  handler: async (ctx) => {
    const result = await apiKeys.createTeamApiKey(ctx.client, ctx.input, ctx);
    revalidatePath(`/teams/${ctx.input.teamId}`);
    return result;
  },
});

export const revokeTeamApiKeyAction = defineAction({
  name: "revokeTeamApiKey",
  dangerous: "revokeApiKey",
  input: revokeTeamApiKeySchema,
  handler: async (ctx) => {
    const result = await apiKeys.revokeTeamApiKey(ctx.client, ctx.input, ctx);
    revalidatePath(`/teams/${ctx.input.teamId}`);
    return result;
  },
});

export const createProjectApiKeyAction = defineAction({
  name: "createProjectApiKey",
  input: createProjectApiKeySchema,
  handler: async (ctx) => {
    const result = await apiKeys.createProjectApiKey(ctx.client, ctx.input, ctx);
    revalidatePath("/api-keys");
    return result;
  },
});

export const revokeProjectApiKeyAction = defineAction({
  name: "revokeProjectApiKey",
  dangerous: "revokeApiKey",
  input: revokeProjectApiKeySchema,
  handler: async (ctx) => {
    const result = await apiKeys.revokeProjectApiKey(ctx.client, ctx.input, ctx);
    revalidatePath("/api-keys");
    return result;
  },
});

export const revokeConsoleApiKeyAction = defineAction({
  name: "revokeConsoleApiKey",
  dangerous: "revokeConsoleKey",
  input: revokeProjectApiKeySchema,
  handler: async (ctx) => {
    const result = await apiKeys.revokeConsoleApiKey(ctx.client, ctx.input, ctx);
    revalidatePath("/api-keys");
    return result;
  },
});
