import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import {
  listEnvelopeSchema,
  teamApiKeyCreatedSchema,
  teamApiKeySchema,
  type StackTeamApiKey,
  type StackTeamApiKeyCreated,
} from "@/lib/stack/schemas";
import type { CreateOwnedApiKeyOptions } from "@/lib/stack/user-api-keys";

const listSchema = listEnvelopeSchema(teamApiKeySchema);

/** [NEW] API keys owned by a team, newest first. */
export async function listTeamApiKeys(client: StackClient, teamId: string): Promise<StackTeamApiKey[]> {
  const env = await client.request({ path: "/team-api-keys", query: { team_id: teamId }, schema: listSchema });
  return env.items;
}

/** One key of a team; another team's key answers API_KEY_NOT_FOUND. */
export async function getTeamApiKey(client: StackClient, teamId: string, apiKeyId: string): Promise<StackTeamApiKey> {
  return client.request({
    path: stackPath`/team-api-keys/${apiKeyId}`,
    endpoint: "GET /team-api-keys/{api_key_id}",
    query: { team_id: teamId },
    schema: teamApiKeySchema,
  });
}

/** `value` in the answer is the full secret, shown once. Answers 200. */
export async function createTeamApiKey(
  client: StackClient,
  teamId: string,
  opts: CreateOwnedApiKeyOptions,
): Promise<StackTeamApiKeyCreated> {
  return client.request({
    method: "POST",
    path: "/team-api-keys",
    body: {
      team_id: teamId,
      description: opts.description,
      expires_at_millis: opts.expiresAtMillis,
      ...(opts.isPublic !== undefined ? { is_public: opts.isPublic } : {}),
    },
    schema: teamApiKeyCreatedSchema,
  });
}

export async function revokeTeamApiKey(client: StackClient, teamId: string, apiKeyId: string): Promise<StackTeamApiKey> {
  return client.request({
    method: "PATCH",
    path: stackPath`/team-api-keys/${apiKeyId}`,
    endpoint: "PATCH /team-api-keys/{api_key_id}",
    query: { team_id: teamId },
    body: { revoked: true },
    schema: teamApiKeySchema,
  });
}
