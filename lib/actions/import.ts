"use server";

import { revalidatePath } from "next/cache";
import { importRequestSchema } from "@/lib/schemas/import";
import { defineAction } from "@/lib/server/action";
import { startImport } from "@/lib/server/import-run";

/** Imports the valid rows of an uploaded users CSV; the server validates them again first. */
export const importUsersAction = defineAction({
  name: "importUsers",
  input: importRequestSchema,
  target: (input) => ({ type: "import", id: input.uploadId }),
  handler: async (ctx) => {
    const started = await startImport(ctx, ctx.input);
    revalidatePath("/users");
    return started;
  },
});
