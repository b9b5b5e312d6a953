// The admin project and its legacy `config` object.
import { z } from "zod";
import { millis } from "./common";

// The provider types and which have shared keys: one list, shared with the settings forms.
export { OAUTH_PROVIDER_IDS, SHARED_OAUTH_PROVIDER_IDS } from "@/lib/schemas/settings";

/** One entry of `config.oauth_providers` (`oauthProviderReadSchema` in `projectsCrudAdminReadSchema`). */
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

/** `config.email_config` (`emailConfigSchema`) — note: `password` is the SMTP password in clear text. */
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

/** `projectsCrudAdminReadSchema`. */
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
