import { z } from "zod";
import { projectPermissionGrantSchema } from "@/lib/schemas/permissions";
import { teamMembershipSchema } from "@/lib/schemas/teams";
import { restrictUserSchema } from "@/lib/schemas/users";

// Isomorphic: the bulk-job forms and the lib/actions/jobs.ts actions share these.

/** Job ids are uuids the console generated; anything else is refused before a database read. */
export const jobIdSchema = z.uuid("Not a valid job id.");

export const cancelJobSchema = z.object({ jobId: jobIdSchema });
export type CancelJobInput = z.input<typeof cancelJobSchema>;

/** Selected rows (at most a page's worth, a few pages) or every user matching a users-table URL filter. */
export const MAX_SELECTED_IDS = 1_000;
export const userSelectionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ids"), userIds: z.array(z.uuid("Not a valid user id.")).min(1, "Select at least one user.").max(MAX_SELECTED_IDS) }),
  // The users table's query string (lib/url-state/users.ts parses it on the server).
  z.object({ kind: z.literal("filter"), search: z.string().max(4_000) }),
]);
export type UserSelection = z.input<typeof userSelectionSchema>;

const confirmation = z.string().max(512);

// Each bulk input is the single action's input with the user replaced by a selection.
export const bulkUsersSchema = z.object({ selection: userSelectionSchema });
/** Dangerous bulk jobs: the operator types the exact number of users, re-counted on the server. */
export const bulkConfirmedUsersSchema = bulkUsersSchema.extend({ confirmation });
export const restrictParamsSchema = restrictUserSchema.omit({ userId: true });
export const bulkRestrictUsersSchema = bulkUsersSchema.extend(restrictParamsSchema.shape);
export const teamParamsSchema = teamMembershipSchema.omit({ userId: true });
export const bulkTeamMembershipSchema = bulkUsersSchema.extend(teamParamsSchema.shape);
export const permissionParamsSchema = projectPermissionGrantSchema.omit({ userId: true });
export const bulkProjectPermissionSchema = bulkUsersSchema.extend(permissionParamsSchema.shape);
