// The registry of dangerous operations: consequence text and what the operator
// must type. Pure data, no secrets, so the confirmation dialog and the server action read the
// same entry; the server re-derives the expected value from Stack's fresh state.

export type DangerousOperation = {
  title: string;
  confirmLabel: string;
  /** What will happen, in one or two sentences. */
  consequence: string;
  /** What the operator types, derived from the target as freshly read. */
  confirmHint: string;
};

export const DANGEROUS = {
  deleteUser: {
    title: "Delete user",
    confirmLabel: "Delete user",
    consequence:
      "Deletes the user with their sessions, contact channels, team memberships, permissions and linked accounts. This cannot be undone.",
    confirmHint: "the user's primary e-mail (or id, if the user has no e-mail)",
  },
  revokeAllSessions: {
    title: "Revoke all sessions",
    confirmLabel: "Revoke all sessions",
    consequence: "Signs the user out everywhere. Their refresh tokens stop working immediately.",
    confirmHint: "the user's primary e-mail (or id)",
  },
  removeTwoFactor: {
    title: "Remove two-factor authentication",
    confirmLabel: "Remove 2FA",
    consequence: "Turns off TOTP two-factor authentication for this user; they can sign in with their first factor alone.",
    confirmHint: "the user's primary e-mail (or id)",
  },
  deleteTeam: {
    title: "Delete team",
    confirmLabel: "Delete team",
    consequence: "Deletes the team, its memberships, permissions, invitations and API keys. This cannot be undone.",
    confirmHint: "the team's display name",
  },
  revokeApiKey: {
    title: "Revoke API key",
    confirmLabel: "Revoke key",
    consequence: "Requests using this key fail from now on. Revocation is permanent.",
    confirmHint: "the key's description (its id when it has none)",
  },
  disableSignUp: {
    title: "Turn off sign-up",
    confirmLabel: "Turn off sign-up",
    consequence: "New users can no longer sign up by themselves. Existing users are unaffected.",
    confirmHint: "the project's display name",
  },
  disableAuthMethod: {
    title: "Turn off a sign-in method",
    confirmLabel: "Turn off",
    consequence: "Users who sign in only with this method will be locked out until it is turned on again.",
    confirmHint: "the project's display name",
  },
  removeOAuthProvider: {
    title: "Remove OAuth provider",
    confirmLabel: "Remove provider",
    consequence: "Users can no longer sign in with this provider; its client secret is discarded.",
    confirmHint: "the provider id",
  },
  removeTrustedDomain: {
    title: "Remove trusted domain",
    confirmLabel: "Remove domain",
    consequence: "Sign-in redirects and e-mail links to this domain stop working for every user.",
    confirmHint: "the domain's URL",
  },
  changeEmailServer: {
    title: "Change the e-mail server",
    confirmLabel: "Change e-mail server",
    consequence: "Verification, password-reset and magic-link e-mails are sent through the new server from now on; a wrong setting stops them all.",
    confirmHint: "the project's display name",
  },
  leaveNoSignInMethod: {
    title: "Leave no sign-in method",
    confirmLabel: "Turn off every sign-in method",
    consequence: "No user can sign in to this project any more, by any method, until one is turned on again.",
    confirmHint: "the words: no one can sign in",
  },
  applyConfig: {
    title: "Apply configuration",
    confirmLabel: "Apply",
    consequence: "Writes the changes below to the live project in one update; the dangerous ones are listed first.",
    confirmHint: "the project's display name",
  },
  revokeConsoleKey: {
    title: "Revoke the key this console uses",
    confirmLabel: "Revoke the console's key",
    consequence: "Stack Admin itself uses this key: every page and action for this project fails until the console is configured with another key.",
    confirmHint: "the words: this console will stop working",
  },
  deletePermission: {
    title: "Delete permission",
    confirmLabel: "Delete permission",
    consequence: "Deletes the permission definition, every grant of it, and every reference to it in other permissions.",
    confirmHint: "the permission id",
  },
  bulkDeleteUsers: {
    title: "Delete users",
    confirmLabel: "Delete users",
    consequence:
      "Deletes every one of these users with their sessions, contact channels, team memberships, permissions and linked accounts. This cannot be undone.",
    confirmHint: "the number of users",
  },
  bulkRevokeSessions: {
    title: "Revoke all sessions of these users",
    confirmLabel: "Revoke all sessions",
    consequence: "Signs every one of these users out everywhere. Their refresh tokens stop working immediately.",
    confirmHint: "the number of users",
  },
  endOperatorSessions: {
    title: "End all sessions",
    confirmLabel: "End all sessions",
    consequence: "Signs the operator out of Stack Admin on every device, password and single sign-on alike. They can sign in again at once.",
    confirmHint: "the operator's e-mail",
  },
} as const satisfies Record<string, DangerousOperation>;

export type DangerousKey = keyof typeof DANGEROUS;

/** What the operator types to confirm a dangerous operation on a user: the primary e-mail, or the id without one. */
export function userConfirmValue(primaryEmail: string | null, id: string): string {
  return primaryEmail ?? id;
}

/** Confirmation values are compared after trimming; e-mails and ids case-insensitively. */
export function confirmationMatches(typed: string, expected: string): boolean {
  return typed.trim().toLowerCase() === expected.trim().toLowerCase();
}
