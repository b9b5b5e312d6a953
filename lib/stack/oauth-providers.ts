import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import { compact } from "@/lib/stack/util";
import {
  linkedOAuthAccountSchema,
  listEnvelopeSchema,
  successSchema,
  type StackLinkedOAuthAccount,
} from "@/lib/stack/schemas";

const linkedListSchema = listEnvelopeSchema(linkedOAuthAccountSchema);

/** [NEW] A user's linked OAuth accounts. Old servers only have `user.oauth_providers`. */
export async function listLinkedOAuthAccounts(client: StackClient, userId: string): Promise<StackLinkedOAuthAccount[]> {
  const env = await client.request({ path: "/oauth-providers", query: { user_id: userId }, schema: linkedListSchema });
  return env.items;
}

export interface UpdateLinkedOAuthAccountBody {
  allow_sign_in?: boolean;
  allow_connected_accounts?: boolean;
}

/** `providerId` is the link's id (a UUID), not the provider type. */
export async function updateLinkedOAuthAccount(
  client: StackClient,
  userId: string,
  providerId: string,
  body: UpdateLinkedOAuthAccountBody,
): Promise<StackLinkedOAuthAccount> {
  return client.request({
    method: "PATCH",
    path: stackPath`/oauth-providers/${userId}/${providerId}`,
    endpoint: "PATCH /oauth-providers/{user_id}/{provider_id}",
    body: compact(body),
    schema: linkedOAuthAccountSchema,
  });
}

export async function deleteLinkedOAuthAccount(client: StackClient, userId: string, providerId: string): Promise<void> {
  await client.request({
    method: "DELETE",
    path: stackPath`/oauth-providers/${userId}/${providerId}`,
    endpoint: "DELETE /oauth-providers/{user_id}/{provider_id}",
    schema: successSchema,
  });
}
