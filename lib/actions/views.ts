"use server";

// Thin wrappers over lib/server/views.ts: defineAction checks the session, role and input and
// audits; owner-or-admin is checked there, against the view read afresh.
import { revalidatePath } from "next/cache";
import { createViewSchema, deleteViewSchema, renameViewSchema } from "@/lib/schemas/views";
import { defineAction } from "@/lib/server/action";
import * as views from "@/lib/server/views";

const viewTarget = (input: { viewId: string }) => ({ type: "view", id: input.viewId });

export const createViewAction = defineAction({
  name: "createView",
  input: createViewSchema,
  handler: async (ctx) => {
    const view = await views.createView(ctx.project, ctx.operator, ctx.input, ctx);
    revalidatePath("/users");
    return view;
  },
});

export const renameViewAction = defineAction({
  name: "renameView",
  input: renameViewSchema,
  target: viewTarget,
  handler: async (ctx) => {
    const view = await views.renameView(ctx.project, ctx.operator, ctx.input, ctx);
    revalidatePath("/users");
    return view;
  },
});

export const deleteViewAction = defineAction({
  name: "deleteView",
  input: deleteViewSchema,
  target: viewTarget,
  handler: async (ctx) => {
    const done = await views.deleteView(ctx.project, ctx.operator, ctx.input, ctx);
    revalidatePath("/users");
    return done;
  },
});
