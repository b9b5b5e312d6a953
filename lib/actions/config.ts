"use server";

// Thin wrappers: defineAction checks the session, role and input; the work is lib/server/config.ts.
import { revalidatePath } from "next/cache";
import { applyConfigChangeSchema, previewConfigChangeSchema } from "@/lib/schemas/config";
import { defineAction } from "@/lib/server/action";
import * as config from "@/lib/server/config";

/** The dry run: the diff against the live config, its dangerous parts and the hash to apply it with. */
export const previewConfigChangeAction = defineAction({
  name: "previewConfigChange",
  input: previewConfigChangeSchema,
  handler: async (ctx) => config.previewConfigChange(ctx.client, ctx.project, ctx.input.source),
});

export const applyConfigChangeAction = defineAction({
  name: "applyConfigChange",
  dangerous: "applyConfig",
  input: applyConfigChangeSchema,
  handler: async (ctx) => {
    const applied = await config.applyConfigChange(ctx.client, ctx.project, ctx.input, ctx);
    revalidatePath("/settings", "layout");
    return applied;
  },
});
