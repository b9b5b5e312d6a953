/**
 * Response schemas for the Stack REST API (see /work/shared/stack-api/CONTRACT.md, section numbers below).
 *
 * Pure zod, no server imports: tests and forms may import this file.
 * Rules: objects are loose (newer servers add fields); fields marked [NEW] in the contract are optional
 * so that Feb-2025-era servers pass; ids are plain strings (project ids may be `internal`, emulators may
 * use other formats) and e-mails are not format-checked on the way in.
 */
import { z } from "zod";

/** Any JSON value (metadata stores). Missing is treated like null. */
export const jsonValueSchema = z.unknown();

const millis = z.number();

// ---------------------------------------------------------------------------
// Generic envelopes
// ---------------------------------------------------------------------------

/** §5.1 list envelope. `pagination` is only present for paginated endpoints. */
export function listEnvelopeSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    items: z.array(item),
    is_paginated: z.boolean().optional(),
    pagination: z
      .looseObject({
        next_cursor: z.string().nullable().optional(),
      })
      .optional(),
  });
}
export type ListEnvelope<T> = {
  items: T[];
  is_paginated?: boolean;
  pagination?: { next_cursor?: string | null };
};

/** §1.3 delete / action success. */
export const successSchema = z.looseObject({ success: z.literal(true) });
export type Success = z.infer<typeof successSchema>;

/** Endpoints whose body we don't read (e.g. DELETE /internal/email-templates answers `{}`). */
export const anyObjectSchema = z.looseObject({});

// ---------------------------------------------------------------------------
// §6.5.1 Team (server shape)
// ---------------------------------------------------------------------------

export const teamSchema = z.looseObject({
  id: z.string(),
  display_name: z.string(),
  profile_image_url: z.string().nullable().optional(),
  created_at_millis: millis,
  client_metadata: jsonValueSchema.optional(),
  client_read_only_metadata: jsonValueSchema.optional(),
  server_metadata: jsonValueSchema.optional(),
});
export type StackTeam = z.infer<typeof teamSchema>;

// ---------------------------------------------------------------------------
// §6.1.1 User (server/admin read shape)
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// §6.2 Sessions
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// §6.3 Contact channels
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// §6.4 Linked OAuth accounts [NEW]
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// §6.6 / §6.7 Memberships and member profiles
// ---------------------------------------------------------------------------

export const teamMembershipSchema = z.looseObject({ team_id: z.string(), user_id: z.string() });

export const teamMemberProfileSchema = z.looseObject({
  team_id: z.string(),
  user_id: z.string(),
  display_name: z.string().nullable(),
  profile_image_url: z.string().nullable(),
  user: userSchema,
});
export type StackTeamMemberProfile = z.infer<typeof teamMemberProfileSchema>;

// ---------------------------------------------------------------------------
// §6.8 Team invitations
// ---------------------------------------------------------------------------

export const teamInvitationSchema = z.looseObject({
  id: z.string(),
  team_id: z.string(),
  team_display_name: z.string().optional(), // [NEW]
  expires_at_millis: millis,
  recipient_email: z.string(),
});
export type StackTeamInvitation = z.infer<typeof teamInvitationSchema>;

export const sendTeamInvitationResultSchema = z.looseObject({
  success: z.literal(true),
  id: z.string().optional(),
});

// ---------------------------------------------------------------------------
// §6.9 / §6.10 Permissions
// ---------------------------------------------------------------------------

export const permissionDefinitionSchema = z.looseObject({
  id: z.string(),
  description: z.string().nullable().optional(),
  contained_permission_ids: z.array(z.string()),
});
export type StackPermissionDefinition = z.infer<typeof permissionDefinitionSchema>;

export const teamPermissionGrantSchema = z.looseObject({
  id: z.string(),
  user_id: z.string(),
  team_id: z.string(),
});
export type StackTeamPermissionGrant = z.infer<typeof teamPermissionGrantSchema>;

export const projectPermissionGrantSchema = z.looseObject({
  id: z.string(),
  user_id: z.string(),
});
export type StackProjectPermissionGrant = z.infer<typeof projectPermissionGrantSchema>;

// ---------------------------------------------------------------------------
// §6.11 Project API keys
// ---------------------------------------------------------------------------

const lastFourSchema = z.looseObject({ last_four: z.string() });

export const projectApiKeySchema = z.looseObject({
  id: z.string(),
  description: z.string(),
  created_at_millis: millis,
  expires_at_millis: millis,
  manually_revoked_at_millis: millis.nullable().optional(),
  publishable_client_key: lastFourSchema.optional(),
  secret_server_key: lastFourSchema.optional(),
  super_secret_admin_key: lastFourSchema.optional(),
});
export type StackProjectApiKey = z.infer<typeof projectApiKeySchema>;

/** Create response: the only time the full secrets are returned. */
export const projectApiKeyCreatedSchema = z.looseObject({
  id: z.string(),
  description: z.string(),
  created_at_millis: millis,
  expires_at_millis: millis,
  manually_revoked_at_millis: millis.nullable().optional(),
  publishable_client_key: z.string().optional(),
  secret_server_key: z.string().optional(),
  super_secret_admin_key: z.string().optional(),
});
export type StackProjectApiKeyCreated = z.infer<typeof projectApiKeyCreatedSchema>;

// ---------------------------------------------------------------------------
// §6.12 User / team API keys [NEW]
// ---------------------------------------------------------------------------

const ownedApiKeyBase = {
  id: z.string(),
  description: z.string(),
  is_public: z.boolean(),
  created_at_millis: millis,
  expires_at_millis: millis.nullable().optional(),
  manually_revoked_at_millis: millis.nullable().optional(),
};

export const userApiKeySchema = z.looseObject({
  ...ownedApiKeyBase,
  type: z.literal("user"),
  user_id: z.string(),
  value: lastFourSchema,
});
export type StackUserApiKey = z.infer<typeof userApiKeySchema>;

export const userApiKeyCreatedSchema = z.looseObject({
  ...ownedApiKeyBase,
  type: z.literal("user"),
  user_id: z.string(),
  value: z.string(),
});
export type StackUserApiKeyCreated = z.infer<typeof userApiKeyCreatedSchema>;

export const teamApiKeySchema = z.looseObject({
  ...ownedApiKeyBase,
  type: z.literal("team"),
  team_id: z.string(),
  value: lastFourSchema,
});
export type StackTeamApiKey = z.infer<typeof teamApiKeySchema>;

export const teamApiKeyCreatedSchema = z.looseObject({
  ...ownedApiKeyBase,
  type: z.literal("team"),
  team_id: z.string(),
  value: z.string(),
});
export type StackTeamApiKeyCreated = z.infer<typeof teamApiKeyCreatedSchema>;

// ---------------------------------------------------------------------------
// §6.13 Admin project and its legacy config
// ---------------------------------------------------------------------------

export const OAUTH_PROVIDER_IDS = [
  "google",
  "github",
  "microsoft",
  "spotify",
  "facebook",
  "discord",
  "gitlab",
  "bitbucket",
  "linkedin",
  "apple",
  "x",
  "twitch",
] as const;
/** Only these have platform ("shared") development keys. */
export const SHARED_OAUTH_PROVIDER_IDS = ["google", "github", "microsoft", "spotify"] as const;

/** §6.13.4 */
export const oauthProviderConfigSchema = z.looseObject({
  id: z.string(),
  type: z.enum(["shared", "standard"]),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  facebook_config_id: z.string().optional(),
  microsoft_tenant_id: z.string().optional(),
  apple_bundle_ids: z.array(z.string()).optional(), // [NEW]
  provider_config_id: z.string().optional(), // [NEW] read only
  enabled: z.boolean().optional(), // [OLD]
});
export type StackOAuthProviderConfig = z.infer<typeof oauthProviderConfigSchema>;

/** §6.13.5 — note: `password` is the SMTP password in clear text. */
export const emailConfigSchema = z.looseObject({
  type: z.enum(["shared", "standard"]),
  host: z.string().optional(),
  port: z.number().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  sender_name: z.string().optional(),
  sender_email: z.string().optional(),
});
export type StackEmailConfig = z.infer<typeof emailConfigSchema>;

export const domainSchema = z.looseObject({ domain: z.string(), handler_path: z.string() });

const permissionRefSchema = z.looseObject({ id: z.string() });

export const projectConfigSchema = z.looseObject({
  sign_up_enabled: z.boolean(),
  credential_enabled: z.boolean(),
  magic_link_enabled: z.boolean(),
  passkey_enabled: z.boolean(),
  client_team_creation_enabled: z.boolean(),
  client_user_deletion_enabled: z.boolean(),
  allow_localhost: z.boolean(),
  oauth_providers: z.array(oauthProviderConfigSchema),
  enabled_oauth_providers: z.array(z.looseObject({ id: z.string() })).optional(),
  domains: z.array(domainSchema),
  email_config: emailConfigSchema,
  create_team_on_sign_up: z.boolean(),
  team_creator_default_permissions: z.array(permissionRefSchema),
  team_member_default_permissions: z.array(permissionRefSchema),
  // [NEW]
  allow_user_api_keys: z.boolean().optional(),
  allow_team_api_keys: z.boolean().optional(),
  email_theme: z.string().optional(),
  user_default_permissions: z.array(permissionRefSchema).optional(),
  oauth_account_merge_strategy: z.string().optional(),
  // [OLD]
  id: z.string().optional(),
  legacy_global_jwt_signing: z.boolean().optional(),
});
export type StackProjectConfig = z.infer<typeof projectConfigSchema>;

export const ONBOARDING_STATUSES = [
  "config_choice",
  "apps_selection",
  "auth_setup",
  "domain_setup",
  "email_theme_setup",
  "payments_setup",
  "welcome",
  "completed",
] as const;

/** §6.13.2 */
export const adminProjectSchema = z.looseObject({
  id: z.string(),
  display_name: z.string(),
  description: z.string().nullable(),
  created_at_millis: millis,
  is_production_mode: z.boolean(),
  config: projectConfigSchema,
  // [NEW]
  logo_url: z.string().nullable().optional(),
  logo_full_url: z.string().nullable().optional(),
  logo_dark_mode_url: z.string().nullable().optional(),
  logo_full_dark_mode_url: z.string().nullable().optional(),
  is_development_environment: z.boolean().optional(),
  owner_team_id: z.string().nullable().optional(),
  onboarding_status: z.string().optional(),
  onboarding_state: z.looseObject({}).nullable().optional(),
  // [OLD]
  user_count: z.number().optional(),
});
export type StackAdminProject = z.infer<typeof adminProjectSchema>;

// ---------------------------------------------------------------------------
// §6.15 E-mail
// ---------------------------------------------------------------------------

export const emailTemplateSchema = z.looseObject({
  id: z.string(),
  display_name: z.string(),
  tsx_source: z.string(),
  /** missing = project default theme, false = no theme */
  theme_id: z.union([z.string(), z.literal(false)]).nullable().optional(),
});
export type StackEmailTemplate = z.infer<typeof emailTemplateSchema>;

export const emailTemplateListSchema = z.looseObject({ templates: z.array(emailTemplateSchema) });

export const sendTestEmailResultSchema = z.looseObject({
  success: z.boolean(),
  error_message: z.string().nullable().optional(),
});
export type StackSendTestEmailResult = z.infer<typeof sendTestEmailResultSchema>;

// ---------------------------------------------------------------------------
// §6.16 Metrics
// ---------------------------------------------------------------------------

export const dataPointSchema = z.looseObject({ date: z.string(), activity: z.number() });
export type StackDataPoint = z.infer<typeof dataPointSchema>;

/** Slim user of the metrics lists: only these fields are guaranteed. */
export const metricsUserSchema = z.looseObject({
  id: z.string(),
  display_name: z.string().nullable(),
  primary_email: z.string().nullable(),
  profile_image_url: z.string().nullable(),
  signed_up_at_millis: millis,
  last_active_at_millis: millis.nullable(),
});
export type StackMetricsUser = z.infer<typeof metricsUserSchema>;

const splitSchema = z.looseObject({
  total: z.array(dataPointSchema).optional(),
  new: z.array(dataPointSchema).optional(),
  retained: z.array(dataPointSchema).optional(),
  reactivated: z.array(dataPointSchema).optional(),
});

export const metricsSchema = z.looseObject({
  total_users: z.number(),
  daily_users: z.array(dataPointSchema),
  daily_active_users: z.array(dataPointSchema),
  users_by_country: z.record(z.string(), z.number()),
  recently_registered: z.array(metricsUserSchema),
  recently_active: z.array(metricsUserSchema),
  login_methods: z.array(z.looseObject({ method: z.string(), count: z.number() })),
  // [NEW] — all optional
  live_users: z.number().optional(),
  active_users_by_country: z.record(z.string(), z.array(metricsUserSchema)).optional(),
  auth_overview: z
    .looseObject({
      verified_users: z.number().optional(),
      unverified_users: z.number().optional(),
      anonymous_users: z.number().optional(),
      total_teams: z.number().optional(),
      mau: z.number().optional(),
      total_users_filtered: z.number().optional(),
      daily_active_users_split: splitSchema.optional(),
      daily_active_teams_split: splitSchema.optional(),
    })
    .optional(),
  payments_overview: z.looseObject({}).optional(),
  email_overview: z.looseObject({}).optional(),
  analytics_overview: z.looseObject({}).optional(),
});
export type StackMetrics = z.infer<typeof metricsSchema>;

export const userCountsSchema = z.looseObject({ total_users: z.number(), anonymous_users: z.number() });

// ---------------------------------------------------------------------------
// §3.1 Known-error body
// ---------------------------------------------------------------------------

export const knownErrorBodySchema = z.looseObject({
  code: z.string(),
  error: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
