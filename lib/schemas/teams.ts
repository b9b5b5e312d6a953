import { z } from "zod";
import { jsonText, METADATA_FIELDS } from "./users";

// Isomorphic: the same schemas drive the team forms (zodResolver) and the server actions.

const trimmed = z.string().trim();
// Ids end up in Stack paths; Stack's team routes take them as UUIDs (`yupString().uuid()`).
const teamId = z.uuid("Not a valid team id.");
const userId = z.uuid("Not a valid user id.");
const invitationId = z.uuid("Not a valid invitation id.");
const displayName = trimmed.min(1, "Enter a team name.").max(300, "At most 300 characters.");
const optionalUrl = trimmed
  .max(1_000_000)
  .refine((v) => v === "" || /^https?:\/\/\S+$/.test(v) || /^data:image\//.test(v), "Enter an http(s) URL.")
  .transform((v) => (v === "" ? null : v));

export const updateTeamProfileSchema = z.object({ teamId, displayName, profileImageUrl: optionalUrl });
export type UpdateTeamProfileInput = z.input<typeof updateTeamProfileSchema>;

export const teamConfirmationSchema = z.object({ teamId, confirmation: z.string().max(512) });
export type TeamConfirmationInput = z.input<typeof teamConfirmationSchema>;

/** `POST /teams`: the creator (optional) becomes the first member with the team-creator defaults. */
export const createTeamSchema = z.object({
  displayName,
  profileImageUrl: optionalUrl,
  creatorUserId: z.union([z.literal(""), userId]).transform((v) => (v === "" ? null : v)),
  clientMetadata: jsonText,
  clientReadOnlyMetadata: jsonText,
  serverMetadata: jsonText,
});
export type CreateTeamInput = z.input<typeof createTeamSchema>;

/** One of the three metadata fields, as JSON text (empty text clears it), like the user's. */
export const updateTeamMetadataSchema = z.object({ teamId, field: z.enum(METADATA_FIELDS), json: jsonText });
export type UpdateTeamMetadataInput = z.input<typeof updateTeamMetadataSchema>;

export const teamMembershipSchema = z.object({ teamId, userId });
export type TeamMembershipInput = z.input<typeof teamMembershipSchema>;

/** A member's team profile (`teamMemberProfilesCrudServerUpdateSchema`: display name and image). */
export const updateTeamMemberProfileSchema = z.object({
  teamId,
  userId,
  displayName: trimmed.min(1, "Enter a display name.").max(300, "At most 300 characters."),
  profileImageUrl: optionalUrl,
});
export type UpdateTeamMemberProfileInput = z.input<typeof updateTeamMemberProfileSchema>;

/** `POST /team-invitations/send-code`: the link in the e-mail is `callbackUrl?code=…`; Stack refuses an untrusted one. */
export const sendTeamInvitationSchema = z.object({
  teamId,
  email: trimmed.max(254).pipe(z.email("Enter a valid e-mail address.")).transform((v) => v.toLowerCase()),
  callbackUrl: trimmed.max(2048, "At most 2,048 characters.").refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "Enter an http(s) URL."),
});
export type SendTeamInvitationInput = z.input<typeof sendTeamInvitationSchema>;

export const revokeTeamInvitationSchema = z.object({ teamId, invitationId });
export type RevokeTeamInvitationInput = z.input<typeof revokeTeamInvitationSchema>;
