import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import { compact } from "@/lib/stack/util";
import {
  anyObjectSchema,
  contactChannelSchema,
  listEnvelopeSchema,
  successSchema,
  type StackContactChannel,
} from "@/lib/stack/schemas";

const contactChannelListSchema = listEnvelopeSchema(contactChannelSchema);

export async function listContactChannels(client: StackClient, userId: string): Promise<StackContactChannel[]> {
  const env = await client.request({
    path: "/contact-channels",
    query: { user_id: userId },
    schema: contactChannelListSchema,
  });
  return env.items;
}

export interface CreateContactChannelBody {
  user_id: string;
  type: "email";
  value: string;
  used_for_auth: boolean;
  is_primary?: boolean;
  is_verified?: boolean;
}

export async function createContactChannel(
  client: StackClient,
  body: CreateContactChannelBody,
): Promise<StackContactChannel> {
  return client.request({ method: "POST", path: "/contact-channels", body: compact(body), schema: contactChannelSchema });
}

/** Changing `value` without `is_verified` resets verification to false (`contactChannelsCrudServerUpdateSchema`). */
export interface UpdateContactChannelBody {
  value?: string;
  type?: "email";
  used_for_auth?: boolean;
  is_primary?: boolean;
  is_verified?: boolean;
}

export async function updateContactChannel(
  client: StackClient,
  userId: string,
  channelId: string,
  body: UpdateContactChannelBody,
): Promise<StackContactChannel> {
  return client.request({
    method: "PATCH",
    path: stackPath`/contact-channels/${userId}/${channelId}`,
    endpoint: "PATCH /contact-channels/{user_id}/{contact_channel_id}",
    body: compact(body),
    schema: contactChannelSchema,
  });
}

export async function deleteContactChannel(client: StackClient, userId: string, channelId: string): Promise<void> {
  await client.request({
    method: "DELETE",
    path: stackPath`/contact-channels/${userId}/${channelId}`,
    endpoint: "DELETE /contact-channels/{user_id}/{contact_channel_id}",
    schema: successSchema,
  });
}

/** Sends a verification e-mail; `callbackUrl` must be on a trusted domain (REDIRECT_URL_NOT_WHITELISTED). */
export async function sendContactChannelVerificationCode(
  client: StackClient,
  userId: string,
  channelId: string,
  callbackUrl: string,
): Promise<void> {
  await client.request({
    method: "POST",
    path: stackPath`/contact-channels/${userId}/${channelId}/send-verification-code`,
    endpoint: "POST /contact-channels/{user_id}/{contact_channel_id}/send-verification-code",
    body: { callback_url: callbackUrl },
    schema: anyObjectSchema,
  });
}
