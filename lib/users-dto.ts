import type { UserListSupport } from "@/lib/url-state/users";
// DTOs the users pages render: the smallest shapes, no raw upstream objects.
// Pure types, shared by server mappers and client components.

export type AuthMethod = "password" | "otp" | "passkey" | `oauth:${string}`;

export type UserRow = {
  id: string;
  displayName: string | null;
  primaryEmail: string | null;
  primaryEmailVerified: boolean;
  profileImageUrl: string | null;
  signedUpAt: number;
  lastActiveAt: number;
  authMethods: AuthMethod[];
  isAnonymous: boolean;
  isRestricted: boolean;
};

export type UserPage = {
  items: UserRow[];
  nextCursor: string | null;
  /** Set when the console filtered the rows: how many it read, and whether it stopped before the page was full. */
  scan?: { scanned: number; partial: boolean };
};
/** The users table's sort and filters the server may lack (older Stack releases). */
export type UserListFeatures = { lastActiveSort: boolean } & UserListSupport;

export type UserDetail = UserRow & {
  hasPassword: boolean;
  otpAuthEnabled: boolean;
  passkeyAuthEnabled: boolean;
  requiresTotpMfa: boolean;
  clientMetadata: string;
  clientReadOnlyMetadata: string;
  serverMetadata: string;
  restrictedByAdmin: boolean;
  restrictedByAdminReason: string | null;
  restrictedByAdminPrivateDetails: string | null;
  restrictedReason: string | null;
  countryCode: string | null;
};

export type SessionRow = {
  id: string;
  createdAt: number;
  lastUsedAt: number | null;
  isImpersonation: boolean;
  ip: string | null;
  location: string | null;
};

export type ContactChannelRow = { id: string; value: string; isPrimary: boolean; isVerified: boolean; usedForAuth: boolean };

export type LinkedAccountRow = {
  id: string;
  provider: string;
  accountId: string;
  email: string | null;
  allowSignIn: boolean;
  allowConnectedAccounts: boolean;
};

export type UserTeamRow = { id: string; displayName: string };

/** Feature availability on the target server (old self-hosted releases lack some endpoints). */
export type UserFeatures = { sessions: boolean; linkedAccounts: boolean; restriction: boolean };

/** Everything the user detail page shows; a feature the server lacks comes back null. */
export type UserDetailData = {
  user: UserDetail;
  sessions: SessionRow[] | null;
  contactChannels: ContactChannelRow[];
  linkedAccounts: LinkedAccountRow[] | null;
  teams: UserTeamRow[];
  features: UserFeatures;
};

/** A user's personal data as Stack has it, for an operator whose view is masked and who revealed it (with a reason). */
export type RevealedUserData = {
  userId: string;
  displayName: string | null;
  primaryEmail: string | null;
  profileImageUrl: string | null;
  contactChannels: { id: string; value: string }[];
  linkedAccounts: { id: string; provider: string; email: string | null }[];
};

/** The tokens of an impersonation session, shown once to the operator who asked. */
export type ImpersonationSession = {
  userId: string;
  accessToken: string;
  refreshToken: string;
  expiresAtMillis: number;
  /** Not secrets: what the how-to needs to use the tokens with the SDK or REST. */
  projectId: string;
  apiUrl: string;
  /** False on servers without the impersonation flag (Stack before sessions could be listed). */
  flaggedAsImpersonation: boolean;
};
