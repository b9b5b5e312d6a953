// Users and what hangs off them: sessions, contact channels, linked OAuth accounts.
import { z } from "zod";
import { jsonValueSchema, listEnvelopeSchema, millis } from "./common";
import { teamSchema } from "./teams";

// ── User (`usersCrudServerReadSchema`) ───────────────────────────────────────────────────────

export const RESTRICTED_REASON_TYPES = ["anonymous", "email_not_verified", "restricted_by_administrator"] as const;

export const userOAuthProviderSchema = z.looseObject({
  id: z.string(),
  account_id: z.string(),
  email: z.string().nullable().optional(),
});

export const riskScoresSchema = z.looseObject({
  sign_up: z
    .looseObject({
      bot: z.number(),
      free_trial_abuse: z.number(),
    })
    .optional(),
});

export const userSchema = z.looseObject({
  id: z.string(),
  primary_email: z.string().nullable(),
  primary_email_verified: z.boolean(),
  primary_email_auth_enabled: z.boolean(),
  display_name: z.string().nullable(),
  selected_team_id: z.string().nullable(),
  selected_team: teamSchema.nullable(),
  profile_image_url: z.string().nullable(),
  signed_up_at_millis: millis,
  last_active_at_millis: millis,
  has_password: z.boolean(),
  otp_auth_enabled: z.boolean(),
  passkey_auth_enabled: z.boolean(),
  client_metadata: jsonValueSchema,
  client_read_only_metadata: jsonValueSchema,
  server_metadata: jsonValueSchema,
  oauth_providers: z.array(userOAuthProviderSchema),
  // Deprecated upstream; tolerated when a future server drops them.
  auth_with_email: z.boolean().optional(),
  requires_totp_mfa: z.boolean().optional(),
  // [NEW]
  is_anonymous: z.boolean().optional(),
  is_restricted: z.boolean().optional(),
  restricted_reason: z.looseObject({ type: z.string() }).nullable().optional(),
  restricted_by_admin: z.boolean().optional(),
  restricted_by_admin_reason: z.string().nullable().optional(),
  restricted_by_admin_private_details: z.string().nullable().optional(),
  country_code: z.string().nullable().optional(),
  risk_scores: riskScoresSchema.optional(),
});
export type StackUser = z.infer<typeof userSchema>;

export const userListSchema = listEnvelopeSchema(userSchema);

/** The fields of a user that a table row reads (toUserRow), typed as userSchema types them. */
export type StackUserRow = Pick<StackUser, "id" | "primary_email" | "primary_email_verified" | "display_name" | "profile_image_url" | "signed_up_at_millis" | "last_active_at_millis" | "has_password" | "otp_auth_enabled" | "passkey_auth_enabled" | "is_anonymous" | "is_restricted"> & { oauth_providers: { id: string }[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const nullableString = (v: unknown) => v === null || typeof v === "string";
const optionalBoolean = (v: unknown) => v === undefined || typeof v === "boolean";

/**
 * The checks userSchema makes of a row's fields, made on the parsed object itself: nothing else is
 * checked, nothing is copied. For walks over every user (the CSV export, a job's selection):
 * a schema's parse of 1,000 whole users a page (metadata, selected team, risk scores, each object
 * cloned) cost more CPU than writing their rows.
 */
export function isStackUserRow(u: unknown): u is StackUserRow {
  return (
    isObject(u) &&
    typeof u.id === "string" &&
    nullableString(u.primary_email) &&
    typeof u.primary_email_verified === "boolean" &&
    nullableString(u.display_name) &&
    nullableString(u.profile_image_url) &&
    typeof u.signed_up_at_millis === "number" &&
    typeof u.last_active_at_millis === "number" &&
    typeof u.has_password === "boolean" &&
    typeof u.otp_auth_enabled === "boolean" &&
    typeof u.passkey_auth_enabled === "boolean" &&
    Array.isArray(u.oauth_providers) &&
    u.oauth_providers.every((p) => isObject(p) && typeof p.id === "string") &&
    optionalBoolean(u.is_anonymous) &&
    optionalBoolean(u.is_restricted)
  );
}
export const userRowSchema = z.custom<StackUserRow>(isStackUserRow, "not a user (a field of a table row is missing or of the wrong type)");
export const userRowListSchema = listEnvelopeSchema(userRowSchema);
/** Only the ids, for counting: validating 1000 whole users per page costs more than the request. */
export const userIdListSchema = listEnvelopeSchema(z.looseObject({ id: z.string() }));

// ── Sessions (`sessionsCrudReadSchema`) ──────────────────────────────────────────────────────

export const sessionIpInfoSchema = z.looseObject({
  ip: z.string(),
  countryCode: z.string().nullable().optional(),
  regionCode: z.string().nullable().optional(),
  cityName: z.string().nullable().optional(),
  latitude: z.number().nullable().optional(),
  longitude: z.number().nullable().optional(),
  tzIdentifier: z.string().nullable().optional(),
});

export const sessionSchema = z.looseObject({
  id: z.string(),
  user_id: z.string(),
  created_at: millis,
  last_used_at: millis.nullable().optional(),
  is_impersonation: z.boolean(),
  is_current_session: z.boolean().optional(),
  last_used_at_end_user_ip_info: sessionIpInfoSchema.nullable().optional(),
  agent_name: z.string().nullable().optional(),
});
export type StackSession = z.infer<typeof sessionSchema>;

export const sessionTokensSchema = z.looseObject({
  refresh_token: z.string(),
  access_token: z.string(),
});
export type StackSessionTokens = z.infer<typeof sessionTokensSchema>;

// ── Contact channels (`contactChannelsClientReadSchema`) ─────────────────────────────────────

export const contactChannelSchema = z.looseObject({
  id: z.string(),
  user_id: z.string(),
  type: z.string(),
  value: z.string(),
  is_primary: z.boolean(),
  is_verified: z.boolean(),
  used_for_auth: z.boolean(),
});
export type StackContactChannel = z.infer<typeof contactChannelSchema>;

// ── Linked OAuth accounts [NEW] (`oauthProviderServerReadSchema`) ────────────────────────────

export const linkedOAuthAccountSchema = z.looseObject({
  id: z.string(),
  user_id: z.string(),
  provider_config_id: z.string(),
  type: z.string(),
  email: z.string().nullable().optional(),
  allow_sign_in: z.boolean(),
  allow_connected_accounts: z.boolean(),
  account_id: z.string(),
});
export type StackLinkedOAuthAccount = z.infer<typeof linkedOAuthAccountSchema>;

// ── Memberships and member profiles (`teamMembershipsCrudClientReadSchema`, `teamMemberProfilesCrudServerReadSchema`): they embed a user ───

export const teamMembershipSchema = z.looseObject({ team_id: z.string(), user_id: z.string() });

export const teamMemberProfileSchema = z.looseObject({
  team_id: z.string(),
  user_id: z.string(),
  display_name: z.string().nullable(),
  profile_image_url: z.string().nullable(),
  user: userSchema,
});
export type StackTeamMemberProfile = z.infer<typeof teamMemberProfileSchema>;
