"use server";

// Thin wrappers: defineAction checks the session, role and input; every config change is
// saveSettings → writeProjectConfig (lib/server/settings.ts), which re-reads, classifies and confirms.
import { revalidatePath } from "next/cache";
import {
  emailTemplateSourceSchema,
  emailThemeSchema,
  emailThemeSourceSchema,
  sendTestEmailSchema,
  signInMethodsSchema,
  updateDomainSettingsSchema,
  updateEmailServerSchema,
  updateGeneralSettingsSchema,
  updateOAuthProvidersSchema,
  updateSignInSettingsSchema,
  updateTeamSettingsSchema,
} from "@/lib/schemas/settings";
import { defineAction } from "@/lib/server/action";
import { signInImpactOf } from "@/lib/server/config-impact";
import * as settings from "@/lib/server/settings";
import * as emails from "@/lib/server/settings-emails";

const saved = (w: settings.ConfigWrite) => {
  revalidatePath("/settings");
  return { changed: w.changes.length };
};

export const updateGeneralSettingsAction = defineAction({
  name: "updateGeneralSettings",
  input: updateGeneralSettingsSchema,
  handler: async (ctx) => {
    const result = await settings.updateGeneralSettings(ctx.client, ctx.project, ctx.input, ctx);
    revalidatePath("/settings");
    return result;
  },
});

export const updateSignInSettingsAction = defineAction({
  name: "updateSignInSettings",
  // Also disableSignUp and leaveNoSignInMethod: one confirmation covers every danger of the save.
  dangerous: "disableAuthMethod",
  input: updateSignInSettingsSchema,
  handler: async (ctx) => {
    const { confirmation: _, ...signIn } = ctx.input;
    return saved(await settings.saveSettings(ctx.client, ctx.project, { signIn }, ctx));
  },
});

export const updateTeamSettingsAction = defineAction({
  name: "updateTeamSettings",
  input: updateTeamSettingsSchema,
  handler: async (ctx) => saved(await settings.saveSettings(ctx.client, ctx.project, { teams: ctx.input }, ctx)),
});

export const updateDomainSettingsAction = defineAction({
  name: "updateDomainSettings",
  dangerous: "removeTrustedDomain",
  input: updateDomainSettingsSchema,
  handler: async (ctx) => {
    const { confirmation: _, ...domains } = ctx.input;
    return saved(await settings.saveSettings(ctx.client, ctx.project, { domains }, ctx));
  },
});

export const updateOAuthProvidersAction = defineAction({
  name: "updateOAuthProviders",
  dangerous: "removeOAuthProvider",
  input: updateOAuthProvidersSchema,
  handler: async (ctx) => saved(await settings.saveSettings(ctx.client, ctx.project, { oauthProviders: ctx.input.providers }, ctx)),
});

export const updateEmailServerAction = defineAction({
  name: "updateEmailServer",
  dangerous: "changeEmailServer",
  input: updateEmailServerSchema,
  handler: async (ctx) => saved(await settings.saveSettings(ctx.client, ctx.project, { emails: ctx.input.email }, ctx)),
});

export const sendTestEmailAction = defineAction({
  name: "sendTestEmail",
  input: sendTestEmailSchema,
  handler: async (ctx) => emails.sendTestEmailWith(ctx.client, ctx.input, ctx),
});

export const selectEmailThemeAction = defineAction({
  name: "selectEmailTheme",
  input: emailThemeSchema,
  handler: async (ctx) => {
    const result = await emails.selectEmailTheme(ctx.client, ctx.project, ctx.input, ctx);
    revalidatePath("/settings");
    return result;
  },
});

export const previewEmailTemplateAction = defineAction({
  name: "previewEmailTemplate",
  input: emailTemplateSourceSchema,
  handler: async (ctx) => emails.previewEmailTemplate(ctx.client, ctx.input),
});

export const saveEmailTemplateAction = defineAction({
  name: "saveEmailTemplate",
  input: emailTemplateSourceSchema,
  handler: async (ctx) => {
    const result = await emails.saveEmailTemplate(ctx.client, ctx.input, ctx);
    revalidatePath("/settings");
    return result;
  },
});

export const previewEmailThemeAction = defineAction({
  name: "previewEmailTheme",
  input: emailThemeSourceSchema,
  handler: async (ctx) => emails.previewEmailTheme(ctx.client, ctx.input),
});

export const saveEmailThemeAction = defineAction({
  name: "saveEmailTheme",
  input: emailThemeSourceSchema,
  handler: async (ctx) => {
    const result = await emails.saveEmailTheme(ctx.client, ctx.input, ctx);
    revalidatePath("/settings");
    return result;
  },
});

/** Read-only: how many users a sign-in change in a settings form would affect (for its confirmation). */
export const countSignInImpactAction = defineAction({
  name: "countSignInImpact",
  input: signInMethodsSchema,
  handler: async (ctx) => signInImpactOf(ctx.client, await settings.getSettings(ctx.client, ctx.project), ctx.input),
});
