// Inputs of the Project settings forms, shared by the forms and their server actions.
import { z } from "zod";

/** `display_name` / `description` of `projectsCrudAdminUpdateSchema`; only the changed ones are sent. */
export const updateGeneralSettingsSchema = z
  .strictObject({
    displayName: z.string().trim().min(1, "Enter a display name").max(256, "At most 256 characters").optional(),
    description: z.string().trim().max(1024, "At most 1024 characters").optional(),
  })
  .refine((v) => v.displayName !== undefined || v.description !== undefined, { message: "Nothing to save" });
export type UpdateGeneralSettingsInput = z.infer<typeof updateGeneralSettingsSchema>;

export const generalSettingsFormSchema = z.object({
  displayName: z.string().trim().min(1, "Enter a display name").max(256, "At most 256 characters"),
  description: z.string().trim().max(1024, "At most 1024 characters"),
});
export type GeneralSettingsForm = z.infer<typeof generalSettingsFormSchema>;
