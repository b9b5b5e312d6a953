import { z } from "zod";

// Isomorphic: the bulk-job forms and the lib/actions/jobs.ts actions share these.

/** Job ids are uuids the console generated; anything else is refused before a database read. */
export const jobIdSchema = z.uuid("Not a valid job id.");

export const cancelJobSchema = z.object({ jobId: jobIdSchema });
export type CancelJobInput = z.input<typeof cancelJobSchema>;
