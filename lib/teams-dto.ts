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
  /** Everyone who loses access when the team is deleted. */
  memberCount: number;
};

export type TeamMemberRow = {
  id: string;
  displayName: string | null;
  primaryEmail: string | null;
  profileImageUrl: string | null;
  isAnonymous: boolean;
};

export type TeamMemberPage = { items: TeamMemberRow[]; nextCursor: string | null };
