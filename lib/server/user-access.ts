import "server-only";

import type { z } from "zod";
import { userLabel } from "@/lib/labels";
import type { ProjectSummary } from "@/lib/projects-dto";
import type * as schemas from "@/lib/schemas/users";
import type { ChangeRecorder } from "@/lib/server/action";
import { maskLabel } from "@/lib/server/mask";
import { getCapabilities } from "@/lib/stack/capabilities";
import type { StackClient } from "@/lib/stack/client";
import * as stackChannels from "@/lib/stack/contact-channels";
import * as stackOAuth from "@/lib/stack/oauth-providers";
import * as stackSessions from "@/lib/stack/sessions";
import * as stackUsers from "@/lib/stack/users";
import type { ImpersonationSession, RevealedUserData } from "@/lib/users-dto";

// Reaching past the console's safeguards on one user: reading their unmasked personal data, and
// signing in as them. Both need a written reason, and the audit entry names who did it to whom.

type In<S extends z.ZodType> = z.output<S>;

/** The audit target of a user: labelled masked, so the log itself shows no more than a masked view. */
const target = (u: { id: string; display_name: string | null; primary_email: string | null }) => ({ type: "user", id: u.id, label: maskLabel(userLabel(u), u.id) });

/** The user's name, e-mails, image and linked accounts' e-mails, unmasked, for one operator. */
export async function revealUserData(client: StackClient, input: In<typeof schemas.revealUserDataSchema>, rec: ChangeRecorder): Promise<RevealedUserData> {
  const caps = await getCapabilities(client, client.projectSlug);
  const [user, channels, linked] = await Promise.all([
    stackUsers.getUser(client, input.userId),
    stackChannels.listContactChannels(client, input.userId),
    caps.linkedOAuthAccounts ? stackOAuth.listLinkedOAuthAccounts(client, input.userId) : Promise.resolve([]),
  ]);
  rec.audit(target(user), { reason: input.reason, revealed: ["display_name", "primary_email", "profile_image_url", "contact_channels", "linked_account_emails"] });
  return {
    userId: user.id,
    displayName: user.display_name,
    primaryEmail: user.primary_email,
    profileImageUrl: user.profile_image_url,
    contactChannels: channels.map((c) => ({ id: c.id, value: c.value })),
    linkedAccounts: linked.map((a) => ({ id: a.id, provider: a.provider_config_id, email: a.email ?? null })),
  };
}

/**
 * Creates a short session for the user (`POST /auth/sessions`). The tokens go back to the operator
 * who asked and nowhere else: the audit entry records the reason and the expiry, never a token.
 */
export async function impersonateUser(
  client: StackClient,
  project: ProjectSummary,
  input: In<typeof schemas.impersonateUserSchema>,
  rec: ChangeRecorder,
): Promise<ImpersonationSession> {
  const [user, caps] = await Promise.all([stackUsers.getUser(client, input.userId), getCapabilities(client, client.projectSlug)]);
  const expiresInMillis = input.expiresInMinutes * 60_000;
  // The `is_impersonation` flag arrived with session listing; older servers refuse the field.
  const flagged = caps.sessionListing;
  rec.audit(target(user), { reason: input.reason, expires_in_millis: expiresInMillis, is_impersonation: flagged });
  const tokens = await stackSessions.createSession(client, { userId: user.id, expiresInMillis, ...(flagged ? { isImpersonation: true } : {}) });
  return {
    userId: user.id,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAtMillis: Date.now() + expiresInMillis,
    projectId: project.projectId,
    apiUrl: project.apiUrl,
    flaggedAsImpersonation: flagged,
  };
}
