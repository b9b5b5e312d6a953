import { z } from "zod";

// Isomorphic: the same schemas drive the team forms (zodResolver) and the server actions.

const trimmed = z.string().trim();
// The id ends up in a Stack path; Stack's team routes take it as a UUID (`yupString().uuid()`).
const teamId = z.uuid("Not a valid team id.");
const optionalUrl = trimmed
  .max(1_000_000)
  .refine((v) => v === "" || /^https?:\/\/\S+$/.test(v) || /^data:image\//.test(v), "Enter an http(s) URL.")
  .transform((v) => (v === "" ? null : v));

export const updateTeamProfileSchema = z.object({
  teamId,
  displayName: trimmed.min(1, "Enter a team name.").max(300, "At most 300 characters."),
  profileImageUrl: optionalUrl,
});
export type UpdateTeamProfileInput = z.input<typeof updateTeamProfileSchema>;

export const teamConfirmationSchema = z.object({ teamId, confirmation: z.string().max(512) });
export type TeamConfirmationInput = z.input<typeof teamConfirmationSchema>;
