// Inputs of the saved-view actions (lib/actions/views.ts), shared with the users page's forms.
import { z } from "zod";

export const VIEW_NAME_MAX = 80;

const name = z.string().trim().min(1, "Enter a name").max(VIEW_NAME_MAX, `At most ${VIEW_NAME_MAX} characters`);
const viewId = z.uuid("Not a view id");

/** The name field of the save and rename dialogs (the server schemas below re-check it). */
export const viewNameSchema = z.object({ name });

/** `search` is the users table's URL state; the server keeps only its filter and sort, re-parsed. */
export const createViewSchema = z.strictObject({ name, search: z.string().max(4000) });
export const renameViewSchema = z.strictObject({ viewId, name });
export const deleteViewSchema = z.strictObject({ viewId });

export type CreateViewInput = z.infer<typeof createViewSchema>;
