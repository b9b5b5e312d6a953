import "server-only";

import type { z } from "zod";
import { teamLabel } from "@/lib/labels";
import type * as schemas from "@/lib/schemas/teams";
import type { ChangeRecorder } from "@/lib/server/action";
import type { InvitationDefaults, TeamInvitationRow } from "@/lib/teams-dto";
import type { StackClient } from "@/lib/stack/client";
import { getAdminProject } from "@/lib/stack/project";
import * as stackInvitations from "@/lib/stack/team-invitations";
import { getTeam } from "@/lib/stack/teams";

type In<S extends z.ZodType> = z.output<S>;

/** A team's pending invitations, soonest to expire first. */
export async function listTeamInvitationRows(client: StackClient, teamId: string): Promise<TeamInvitationRow[]> {
  const items = await stackInvitations.listTeamInvitations(client, teamId);
  return items.map((i) => ({ id: i.id, email: i.recipient_email, expiresAt: i.expires_at_millis })).sort((a, b) => a.expiresAt - b.expiresAt || a.email.localeCompare(b.email));
}

/**
 * The link in an invitation e-mail is `callback_url?code=…`, and Stack refuses a callback outside
 * the trusted domains (`REDIRECT_URL_NOT_WHITELISTED`). The default is the first trusted domain's
 * handler with the SDK's team-invitation page (`urls.teamInvitation`, `<handler>/team-invitation`:
 * https://docs.stack-auth.com/docs/sdk/objects/stack-app).
 */
export function defaultInvitationCallback(domains: readonly { domain: string; handler_path: string }[]): string {
  for (const d of domains) {
    try {
      const base = new URL(d.domain);
      const handler = `/${(d.handler_path || "/handler").replace(/^\/+|\/+$/g, "")}`.replace(/^\/$/, "");
      return new URL(`${handler}/team-invitation`, base.origin).toString();
    } catch {
      // A malformed stored domain: try the next one.
    }
  }
  return "";
}

export async function getInvitationDefaults(client: StackClient): Promise<InvitationDefaults> {
  const project = await getAdminProject(client);
  const domains = project.config.domains;
  return { callbackUrl: defaultInvitationCallback(domains), trustedDomains: domains.map((d) => d.domain), allowLocalhost: project.config.allow_localhost };
}

/** Sends an invitation e-mail; Stack checks the callback against the trusted domains. */
export async function sendTeamInvitation(client: StackClient, input: In<typeof schemas.sendTeamInvitationSchema>, rec: ChangeRecorder): Promise<{ email: string }> {
  const team = await getTeam(client, input.teamId);
  rec.audit({ type: "team", id: team.id, label: teamLabel(team) }, { invitation: { email: input.email, callback_url: input.callbackUrl } });
  await stackInvitations.sendTeamInvitation(client, { teamId: team.id, email: input.email, callbackUrl: input.callbackUrl });
  return { email: input.email };
}

/** Revokes a pending invitation (its link stops working). */
export async function revokeTeamInvitation(client: StackClient, input: In<typeof schemas.revokeTeamInvitationSchema>, rec: ChangeRecorder): Promise<{ revoked: string }> {
  const [team, pending] = await Promise.all([getTeam(client, input.teamId), stackInvitations.listTeamInvitations(client, input.teamId)]);
  const invitation = pending.find((i) => i.id === input.invitationId);
  rec.audit({ type: "team", id: team.id, label: teamLabel(team) }, { invitation: { revoked: invitation?.recipient_email ?? input.invitationId } });
  await stackInvitations.revokeTeamInvitation(client, { invitationId: input.invitationId, teamId: team.id });
  return { revoked: input.invitationId };
}
