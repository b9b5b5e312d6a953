import { z } from "zod";
import { s as fields } from "../../validation";

// Request schemas: usersCrudServerCreateSchema / usersCrudServerUpdateSchema of @stackframe/stack-shared
// (and currentUserCrud's client update schema), as zod.

const base64Field = z.string().refine((v) => v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v), { message: "is not valid base64" });
const countryCodeField = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .refine((v) => /^[A-Z]{2}$/.test(v), { message: "must be a 2-letter country code" });
const riskScore = z.number().int().min(0).max(100);
const riskScoresField = z.strictObject({ sign_up: z.strictObject({ bot: riskScore, free_trial_abuse: riskScore }) });
const jsonField = z.unknown();

const updateFields = {
  display_name: z.string().max(256).nullable().optional(),
  profile_image_url: fields.imageUrl().nullable().optional(),
  client_metadata: jsonField.optional(),
  client_read_only_metadata: jsonField.optional(),
  server_metadata: jsonField.optional(),
  primary_email: fields.email().nullable().optional(),
  primary_email_verified: z.boolean().optional(),
  primary_email_auth_enabled: z.boolean().optional(),
  passkey_auth_enabled: z.boolean().optional(),
  password: z.string().max(70).nullable().optional(),
  password_hash: z.string().refine((v) => v !== "", { message: "must not be empty" }).optional(),
  otp_auth_enabled: z.boolean().optional(),
  totp_secret_base64: base64Field.nullable().optional(),
  selected_team_id: z.string().uuid().nullable().optional(),
  is_anonymous: z.literal(false).optional(),
  restricted_by_admin: z.boolean().optional(),
  restricted_by_admin_reason: z.string().nullable().optional(),
  restricted_by_admin_private_details: z.string().nullable().optional(),
  country_code: countryCodeField.nullable().optional(),
  risk_scores: riskScoresField.optional(),
};
export const serverUpdateSchema = z.strictObject(updateFields);
export type UpdateBody = z.infer<typeof serverUpdateSchema>;

const { selected_team_id: _omitSelectedTeam, is_anonymous: _omitAnon, ...createBase } = updateFields;
export const serverCreateSchema = z.strictObject({
  ...createBase,
  oauth_providers: z
    .array(z.strictObject({ id: z.string(), account_id: z.string(), email: z.string().nullable().default(null) }))
    .optional(),
  is_anonymous: z.boolean().optional(),
});
export type CreateBody = z.infer<typeof serverCreateSchema>;

// Client PATCH /users/me: the SDK's clientUpdateSchema subset; client images must be base64 data URLs.
export const clientUpdateSchema = z.strictObject({
  display_name: updateFields.display_name,
  profile_image_url: z
    .string()
    .max(1_000_000)
    .refine((v) => /^data:image\/[a-z0-9.+-]+;base64,/i.test(v), { message: "must be a base64 image URL" })
    .nullable()
    .optional(),
  client_metadata: updateFields.client_metadata,
  selected_team_id: updateFields.selected_team_id,
  totp_secret_base64: updateFields.totp_secret_base64,
  otp_auth_enabled: updateFields.otp_auth_enabled,
  passkey_auth_enabled: updateFields.passkey_auth_enabled,
  primary_email: updateFields.primary_email,
});

export const listQuerySchema = z.strictObject({
  limit: fields.queryInt(1, 1000).optional(),
  cursor: z.string().optional(),
  order_by: z.enum(["signed_up_at", "last_active_at"]).optional(),
  desc: fields.queryBool().optional(),
  query: z.string().optional(),
  team_id: z.string().uuid().optional(),
  include_restricted: fields.queryBool().optional(),
  include_anonymous: fields.queryBool().optional(),
  only_anonymous: fields.queryBool().optional(),
  excluded_email_domains: z.string().optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;
