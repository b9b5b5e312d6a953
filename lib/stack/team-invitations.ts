import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import {
  listEnvelopeSchema,
  sendTeamInvitationResultSchema,
  successSchema,
  teamInvitationSchema,
  type StackTeamInvitation,
} from "@/lib/stack/schemas";

const invitationListSchema = listEnvelopeSchema(teamInvitationSchema);

/** Pending invitations of a team. (Listing by `user_id` is [NEW] and not needed by the dashboard.) */
export async function listTeamInvitations(client: StackClient, teamId: string): Promise<StackTeamInvitation[]> {
  const env = await client.request({
    path: "/team-invitations",
    query: { team_id: teamId },
    schema: invitationListSchema,
  });
  return env.items;
}

/** Sends the invitation e-mail; the link is `callbackUrl?code=…` (must be a trusted domain). */
export async function sendTeamInvitation(
  client: StackClient,
  opts: { teamId: string; email: string; callbackUrl: string },
): Promise<{ id: string | null }> {
  const res = await client.request({
    method: "POST",
    path: "/team-invitations/send-code",
    body: { team_id: opts.teamId, email: opts.email, callback_url: opts.callbackUrl },
    schema: sendTeamInvitationResultSchema,
  });
  return { id: res.id ?? null };
}

export async function revokeTeamInvitation(
  client: StackClient,
  opts: { invitationId: string; teamId: string },
): Promise<void> {
  await client.request({
    method: "DELETE",
    path: stackPath`/team-invitations/${opts.invitationId}`,
    endpoint: "DELETE /team-invitations/{id}",
    query: { team_id: opts.teamId },
    schema: successSchema,
  });
}
