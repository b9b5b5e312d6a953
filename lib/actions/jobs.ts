"use server";

// Thin wrappers over lib/server/jobs: starting a bulk job, cancelling one.
import { revalidatePath } from "next/cache";
import { cancelJobSchema } from "@/lib/schemas/jobs";
import { defineAction } from "@/lib/server/action";
import * as jobs from "@/lib/server/jobs";

export const cancelJobAction = defineAction({
  name: "cancelJob",
  input: cancelJobSchema,
  target: (input) => ({ type: "job", id: input.jobId }),
  handler: async (ctx) => {
    const result = await jobs.cancelJob(ctx.input.jobId, ctx);
    revalidatePath("/jobs");
    return result;
  },
});
