import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import { projectCredentials } from "@/lib/stack/projects";
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

export async function getProjectApiKey(client: StackClient, apiKeyId: string): Promise<StackProjectApiKey> {
  return client.request({
    path: stackPath`/internal/api-keys/${apiKeyId}`,
    endpoint: "GET /internal/api-keys/{api_key_id}",
    schema: projectApiKeySchema,
  });
}

/**
 * Whether this key set holds the super secret admin key the console itself sends for the client's
 * project. Stack shows only the last four characters of a set's keys, so they are compared with
 * the configured key's; a second set that happens to end the same way is flagged too (a warning
 * too many, never one too few). Only the answer leaves lib/stack, never the key.
 */
export function isConsoleKeySet(client: StackClient, set: Pick<StackProjectApiKey, "super_secret_admin_key">): boolean {
  const creds = projectCredentials(client.projectSlug);
  const lastFour = set.super_secret_admin_key?.last_four;
  if (!creds || !lastFour || creds.projectId !== client.projectId || creds.apiUrl !== client.apiUrl) return false;
  return creds.adminKey.length >= 4 && creds.adminKey.slice(-4) === lastFour;
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
