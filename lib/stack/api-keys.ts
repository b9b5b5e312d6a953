import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import {
  listEnvelopeSchema,
  projectApiKeyCreatedSchema,
  projectApiKeySchema,
  type StackProjectApiKey,
  type StackProjectApiKeyCreated,
} from "@/lib/stack/schemas";

const projectApiKeyListSchema = listEnvelopeSchema(projectApiKeySchema);

/** Project key sets (pck_/ssk_/sak_), newest first, including expired and revoked ones. */
export async function listProjectApiKeys(client: StackClient): Promise<StackProjectApiKey[]> {
  const env = await client.request({ path: "/internal/api-keys", schema: projectApiKeyListSchema });
  return env.items;
}

export interface CreateProjectApiKeyBody {
  description: string;
  /** Required; there is no "never" — use a far-future time. */
  expires_at_millis: number;
  has_publishable_client_key: boolean;
  has_secret_server_key: boolean;
  has_super_secret_admin_key: boolean;
}

/** Returns the full secrets — the only time they are ever available. Answers 200, not 201. */
export async function createProjectApiKey(
  client: StackClient,
  body: CreateProjectApiKeyBody,
): Promise<StackProjectApiKeyCreated> {
  return client.request({ method: "POST", path: "/internal/api-keys", body, schema: projectApiKeyCreatedSchema });
}

/** Permanent and idempotent; a revoked set stops authenticating immediately. */
export async function revokeProjectApiKey(client: StackClient, apiKeyId: string): Promise<StackProjectApiKey> {
  return client.request({
    method: "PATCH",
    path: stackPath`/internal/api-keys/${apiKeyId}`,
    endpoint: "PATCH /internal/api-keys/{api_key_id}",
    body: { revoked: true },
    schema: projectApiKeySchema,
  });
}

export async function updateProjectApiKeyDescription(
  client: StackClient,
  apiKeyId: string,
  description: string,
): Promise<StackProjectApiKey> {
  return client.request({
    method: "PATCH",
    path: stackPath`/internal/api-keys/${apiKeyId}`,
    endpoint: "PATCH /internal/api-keys/{api_key_id}",
    body: { description },
    schema: projectApiKeySchema,
  });
}
