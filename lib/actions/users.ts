"use server";

// Thin wrappers: defineAction checks the session, role and input; the change itself is a
// lib/server/users.ts function that bulk jobs and imports call too. Revalidation is the page's concern.
import { revalidatePath } from "next/cache";
import {
  addContactChannelSchema,
  contactChannelRefSchema,
  createUserSchema,
  impersonateUserSchema,
  linkedAccountRefSchema,
  restrictUserSchema,
  revealUserDataSchema,
  revokeSessionSchema,
  setContactChannelFlagsSchema,
  setUserPasswordSchema,
  updateLinkedAccountSchema,
  updateUserMetadataSchema,
  updateUserProfileSchema,
  userConfirmationSchema,
} from "@/lib/schemas/users";
import { defineAction } from "@/lib/server/action";
import * as userAccess from "@/lib/server/user-access";
import * as users from "@/lib/server/users";

const userPaths = (id: string) => {
  revalidatePath("/users");
  revalidatePath(`/users/${id}`);
};

export const createUserAction = defineAction({
  name: "createUser",
  input: createUserSchema,
  handler: async (ctx) => {
    const row = await users.createUser(ctx.client, ctx.input, ctx);
    revalidatePath("/users");
    return row;
  },
});

export const updateUserProfileAction = defineAction({
  name: "updateUserProfile",
  input: updateUserProfileSchema,
  handler: async (ctx) => {
    const result = await users.updateUserProfile(ctx.client, ctx.input, ctx);
    if (result.changed) userPaths(ctx.input.userId);
    return result;
  },
});

export const setUserPasswordAction = defineAction({
  name: "setUserPassword",
  input: setUserPasswordSchema,
  handler: async (ctx) => {
    const result = await users.setUserPassword(ctx.client, ctx.input, ctx);
    userPaths(ctx.input.userId);
    return result;
  },
});

export const updateUserMetadataAction = defineAction({
  name: "updateUserMetadata",
  input: updateUserMetadataSchema,
  handler: async (ctx) => {
    const result = await users.updateUserMetadata(ctx.client, ctx.input, ctx);
    userPaths(ctx.input.userId);
    return result;
  },
});

export const restrictUserAction = defineAction({
  name: "restrictUser",
  input: restrictUserSchema,
  handler: async (ctx) => {
    const result = await users.restrictUser(ctx.client, ctx.input, ctx);
    userPaths(ctx.input.userId);
    return result;
  },
});

export const removeUserTwoFactorAction = defineAction({
  name: "removeUserTwoFactor",
  dangerous: "removeTwoFactor",
  input: userConfirmationSchema,
  handler: async (ctx) => {
    const result = await users.removeUserTwoFactor(ctx.client, ctx.input, ctx);
    userPaths(ctx.input.userId);
    return result;
  },
});

export const deleteUserAction = defineAction({
  name: "deleteUser",
  dangerous: "deleteUser",
  input: userConfirmationSchema,
  handler: async (ctx) => {
    const result = await users.deleteUser(ctx.client, ctx.input, ctx);
    revalidatePath("/users");
    return result;
  },
});

export const revokeUserSessionAction = defineAction({
  name: "revokeUserSession",
  input: revokeSessionSchema,
  handler: async (ctx) => {
    const result = await users.revokeUserSession(ctx.client, ctx.input, ctx);
    revalidatePath(`/users/${ctx.input.userId}`);
    return result;
  },
});

export const revokeAllUserSessionsAction = defineAction({
  name: "revokeAllUserSessions",
  dangerous: "revokeAllSessions",
  input: userConfirmationSchema,
  handler: async (ctx) => {
    const result = await users.revokeAllUserSessions(ctx.client, ctx.input, ctx);
    revalidatePath(`/users/${ctx.input.userId}`);
    return result;
  },
});

export const addContactChannelAction = defineAction({
  name: "addContactChannel",
  input: addContactChannelSchema,
  handler: async (ctx) => {
    const result = await users.addContactChannel(ctx.client, ctx.input, ctx);
    userPaths(ctx.input.userId);
    return result;
  },
});

export const updateContactChannelAction = defineAction({
  name: "updateContactChannel",
  input: setContactChannelFlagsSchema,
  handler: async (ctx) => {
    const result = await users.updateContactChannel(ctx.client, ctx.input, ctx);
    userPaths(ctx.input.userId);
    return result;
  },
});

export const removeContactChannelAction = defineAction({
  name: "removeContactChannel",
  input: contactChannelRefSchema,
  handler: async (ctx) => {
    const result = await users.removeContactChannel(ctx.client, ctx.input, ctx);
    userPaths(ctx.input.userId);
    return result;
  },
});

export const sendContactChannelVerificationAction = defineAction({
  name: "sendContactChannelVerification",
  input: contactChannelRefSchema,
  handler: (ctx) => users.sendContactChannelVerification(ctx.client, ctx.input, ctx),
});

export const sendPasswordResetAction = defineAction({
  name: "sendPasswordReset",
  input: userConfirmationSchema.pick({ userId: true }),
  handler: (ctx) => users.sendPasswordReset(ctx.client, ctx.input, ctx),
});

export const updateLinkedAccountAction = defineAction({
  name: "updateLinkedAccount",
  input: updateLinkedAccountSchema,
  handler: async (ctx) => {
    const result = await users.updateLinkedAccount(ctx.client, ctx.input, ctx);
    userPaths(ctx.input.userId);
    return result;
  },
});

export const unlinkLinkedAccountAction = defineAction({
  name: "unlinkLinkedAccount",
  input: linkedAccountRefSchema,
  handler: async (ctx) => {
    const result = await users.unlinkLinkedAccount(ctx.client, ctx.input, ctx);
    userPaths(ctx.input.userId);
    return result;
  },
});

// Reads past the mask for one user: nothing changes, so nothing is revalidated.
export const revealUserDataAction = defineAction({
  name: "revealUserData",
  input: revealUserDataSchema,
  handler: (ctx) => userAccess.revealUserData(ctx.client, ctx.input, ctx),
});

export const impersonateUserAction = defineAction({
  name: "impersonateUser",
  input: impersonateUserSchema,
  handler: async (ctx) => {
    const session = await userAccess.impersonateUser(ctx.client, ctx.project, ctx.input, ctx);
    revalidatePath(`/users/${ctx.input.userId}`);
    return session;
  },
});
