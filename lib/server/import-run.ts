import "server-only";

import { z } from "zod";
import { createUserSchema } from "@/lib/schemas/users";
import type { AuditTarget, ChangeRecorder } from "@/lib/server/action";
import { findUserIdByEmail } from "@/lib/server/import";
import { createUser } from "@/lib/server/users";
import type { StackClient } from "@/lib/stack/client";
import { isKnownError } from "@/lib/stack/errors";

// One imported user: the job item and the function that writes it, the same createUser the
// "Create user" action calls.

export const importItemSchema = z.object({ row: z.number().int().positive(), user: createUserSchema });
export type ImportJobItem = z.output<typeof importItemSchema>;

export const ALREADY_EXISTS = "A user with this e-mail already exists.";

export const importItemTarget = (item: ImportJobItem): AuditTarget => ({ type: "user", id: item.user.primaryEmail ?? `row ${item.row}`, label: item.user.primaryEmail });

/**
 * Creates the row's user unless one with its e-mail exists. Checked at write time, not only in
 * the preview; and because the e-mail is created as a sign-in e-mail, Stack itself refuses a
 * second user with it, so two imports racing past the check still write it once: the loser's
 * refusal counts as skipped.
 */
export async function importUser(client: StackClient, item: ImportJobItem, rec: ChangeRecorder): Promise<void | { skipped: string }> {
  const address = item.user.primaryEmail;
  if (address && (await findUserIdByEmail(client, address))) return { skipped: ALREADY_EXISTS };
  try {
    await createUser(client, item.user, rec);
  } catch (err) {
    if (isKnownError(err, "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE", "USER_EMAIL_ALREADY_EXISTS")) return { skipped: ALREADY_EXISTS };
    throw err;
  }
}
