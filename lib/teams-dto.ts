// DTOs the teams pages render: the smallest shapes, no raw upstream objects.
// Pure types, shared by server mappers and client components.

export type TeamRow = {
  id: string;
  displayName: string;
  profileImageUrl: string | null;
  createdAt: number;
};

export type TeamPage = {
  items: TeamRow[];
  nextCursor: string | null;
  /**
   * Set when the server lists every team at once (older Stack releases) and the console pages and
   * searches them: `truncated` when the project has more teams than the console reads.
   */
  consolePaged: { bound: number; truncated: boolean } | null;
};

export type TeamDetail = TeamRow & {
  clientMetadata: string;
  clientReadOnlyMetadata: string;
  serverMetadata: string;
};

export type TeamMemberRow = {
  id: string;
  displayName: string | null;
  primaryEmail: string | null;
  profileImageUrl: string | null;
  isAnonymous: boolean;
  /** The member's team profile (`GET /team-member-profiles/{team}/{user}`); null when it could not be read. */
  profile: { displayName: string | null; profileImageUrl: string | null } | null;
  /** Team permission ids held directly (`GET /team-permissions?team_id&user_id`); null when they could not be read. */
  permissionIds: string[] | null;
};

export type TeamMemberPage = { items: TeamMemberRow[]; nextCursor: string | null };

export type TeamInvitationRow = { id: string; email: string; expiresAt: number };

/** What the invite form starts with: the callback URL Stack needs, from the project's trusted domains. */
export type InvitationDefaults = { callbackUrl: string; trustedDomains: string[]; allowLocalhost: boolean };
