import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import {
  listEnvelopeSchema,
  userApiKeyCreatedSchema,
  userApiKeySchema,
  type StackUserApiKey,
  type StackUserApiKeyCreated,
} from "@/lib/stack/schemas";

const listSchema = listEnvelopeSchema(userApiKeySchema);

/** [NEW] End-user-owned API keys of one user, newest first. */
export async function listUserApiKeys(client: StackClient, userId: string): Promise<StackUserApiKey[]> {
  const env = await client.request({ path: "/user-api-keys", query: { user_id: userId }, schema: listSchema });
  return env.items;
}

/** One key of a user; another user's key answers API_KEY_NOT_FOUND. */
export async function getUserApiKey(client: StackClient, userId: string, apiKeyId: string): Promise<StackUserApiKey> {
  return client.request({
    path: stackPath`/user-api-keys/${apiKeyId}`,
    endpoint: "GET /user-api-keys/{api_key_id}",
    query: { user_id: userId },
    schema: userApiKeySchema,
  });
}

export interface CreateOwnedApiKeyOptions {
  description: string;
  /** null = never expires. */
  expiresAtMillis: number | null;
  isPublic?: boolean;
}

/** `value` in the answer is the full secret, shown once. Answers 200. */
export async function createUserApiKey(
  client: StackClient,
  userId: string,
  opts: CreateOwnedApiKeyOptions,
): Promise<StackUserApiKeyCreated> {
  return client.request({
    method: "POST",
    path: "/user-api-keys",
    body: {
      user_id: userId,
      description: opts.description,
      expires_at_millis: opts.expiresAtMillis,
      ...(opts.isPublic !== undefined ? { is_public: opts.isPublic } : {}),
    },
    schema: userApiKeyCreatedSchema,
  });
}

export async function revokeUserApiKey(client: StackClient, userId: string, apiKeyId: string): Promise<StackUserApiKey> {
  return client.request({
    method: "PATCH",
    path: stackPath`/user-api-keys/${apiKeyId}`,
    endpoint: "PATCH /user-api-keys/{api_key_id}",
    query: { user_id: userId },
    body: { revoked: true },
    schema: userApiKeySchema,
  });
}
