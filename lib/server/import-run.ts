import "server-only";

import { z } from "zod";
import { createUserSchema, type CreateUserInput } from "@/lib/schemas/users";
import type { AuditTarget, ChangeRecorder } from "@/lib/server/action";
import type { ImportStartDto } from "@/lib/import-dto";
import type { ProjectSummary } from "@/lib/projects-dto";
import type { importRequestSchema } from "@/lib/schemas/import";
import { ActionRefusal } from "@/lib/server/failure";
import { findUserIdByEmail, parseCsv, validateRows } from "@/lib/server/import";
import { uploads } from "@/lib/server/import-store";
// Straight from the jobs modules, not their index: the index loads this file to register the operation.
import { startJob, type JobContext } from "@/lib/server/jobs/core";
import { registerJobOperation } from "@/lib/server/jobs/registry";
import { createUser } from "@/lib/server/users";
import type { StackClient } from "@/lib/stack/client";
import { isKnownError } from "@/lib/stack/errors";

// One imported user: the job item and the function that writes it, the same createUser the
// "Create user" action calls.

/**
 * Items keep the createUser input as it was validated (not its transformed output), so a job
 * store may validate them again on every run and get the same value back.
 */
export const importItemSchema = z.object({
  row: z.number().int().positive(),
  user: z.custom<CreateUserInput>((v) => createUserSchema.safeParse(v).success, "Not a valid user to create."),
});
export type ImportJobItem = z.output<typeof importItemSchema>;

export const ALREADY_EXISTS = "A user with this e-mail already exists.";

export const importItemTarget = (item: ImportJobItem): AuditTarget => ({ type: "user", id: `row ${item.row}`, label: item.user.primaryEmail ?? null });

/**
 * Creates the row's user unless one with its e-mail exists. Checked at write time, not only in
 * the preview; and because the e-mail is created as a sign-in e-mail, Stack itself refuses a
 * second user with it, so two imports racing past the check still write it once: the loser's
 * refusal counts as skipped.
 */
export async function importUser(client: StackClient, item: ImportJobItem, rec: ChangeRecorder): Promise<void | { skipped: string }> {
  const user = createUserSchema.parse(item.user);
  if (user.primaryEmail && (await findUserIdByEmail(client, user.primaryEmail))) return { skipped: ALREADY_EXISTS };
  try {
    await createUser(client, user, rec);
  } catch (err) {
    if (isKnownError(err, "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE", "USER_EMAIL_ALREADY_EXISTS")) return { skipped: ALREADY_EXISTS };
    throw err;
  }
}

// ── The job ─────────────────────────────────────────────────────────────────────────────────
// Each row is one item of an "importUsers" bulk job (lib/server/jobs): audited like the "Create
// user" action, run with bounded concurrency on the server, skipped when the user exists.

const IMPORT_OPERATION = "importUsers";

registerJobOperation({
  name: IMPORT_OPERATION,
  label: "Import users",
  itemAction: "createUser",
  params: z.object({}),
  item: importItemSchema,
  target: importItemTarget,
  run: (client: StackClient, item: ImportJobItem, _params: unknown, rec: ChangeRecorder) => importUser(client, item, rec),
});

type StartContext = { operator: JobContext["operator"]; project: ProjectSummary; client: StackClient; requestId: string; audit: ChangeRecorder["audit"] };

/**
 * Reads the operator's upload, validates every row again with the mapping (the preview is not
 * trusted) and starts the job over the valid rows. The upload is deleted once the job has them.
 */
export async function startImport(ctx: StartContext, request: z.output<typeof importRequestSchema>): Promise<ImportStartDto> {
  const store = await uploads();
  const up = await store.read(request.uploadId, { projectSlug: ctx.project.slug, operatorEmail: ctx.operator.email });
  if (!up) throw new ActionRefusal("NOT_FOUND", "No such upload: upload the file again.");
  const { total, items, errors } = validateRows(parseCsv(up.data), request.mapping);
  ctx.audit({ type: "import", id: up.id, label: up.fileName }, { preset: request.preset, rows: total, valid: items.length, invalid: errors.length });
  if (items.length === 0) throw new ActionRefusal("NOTHING_TO_IMPORT", "No row of the file is valid: nothing to import.");
  const { jobId } = await startJob({ operator: ctx.operator, project: ctx.project, client: ctx.client, requestId: ctx.requestId }, { operation: IMPORT_OPERATION, params: {}, items });
  await store.remove(up.id);
  return { jobId, items: items.length };
}
