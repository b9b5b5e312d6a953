// Project API keys and user / team API keys.
import { z } from "zod";
import { millis } from "./common";

// ── Project API keys (`internalApiKeysCrudAdminObfuscatedReadSchema`) ────────────────────────

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

// ── User / team API keys [NEW] (`userApiKeysCrud`, `teamApiKeysCrud`) ────────────────────────

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
