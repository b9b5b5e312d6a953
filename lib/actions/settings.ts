"use server";

// Thin wrappers: defineAction checks the session, role and input; the change is lib/server/settings.ts.
import { revalidatePath } from "next/cache";
import { updateGeneralSettingsSchema } from "@/lib/schemas/settings";
import { defineAction } from "@/lib/server/action";
import * as settings from "@/lib/server/settings";

export const updateGeneralSettingsAction = defineAction({
  name: "updateGeneralSettings",
  input: updateGeneralSettingsSchema,
  handler: async (ctx) => {
    const saved = await settings.updateGeneralSettings(ctx.client, ctx.input, ctx, { project: ctx.project, operator: ctx.operator.email });
    revalidatePath("/settings");
    return saved;
  },
});
