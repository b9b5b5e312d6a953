// How each resource is named on screen, in toasts, dialogs and audit records: one helper per
// resource, isomorphic (pure functions, no imports), taking the DTO or Stack's wire spelling.

type UserLike =
  | { id: string; displayName: string | null; primaryEmail: string | null; isAnonymous?: boolean }
  | { id: string; display_name: string | null; primary_email: string | null; is_anonymous?: boolean };

/** The user's own name; an anonymous user without one is "Anonymous". Null when there is none. */
export function userDisplayName(u: UserLike): string | null {
  const [name, anonymous] = "display_name" in u ? [u.display_name, u.is_anonymous] : [u.displayName, u.isAnonymous];
  return name || (anonymous ? "Anonymous" : null);
}

/** Name, else primary e-mail, else id: never empty. */
export function userLabel(u: UserLike): string {
  return userDisplayName(u) ?? (("primary_email" in u ? u.primary_email : u.primaryEmail) || u.id);
}

type TeamLike = { id: string; displayName: string | null } | { id: string; display_name: string | null };

/** Team display name, else id. */
export function teamLabel(t: TeamLike): string {
  return ("display_name" in t ? t.display_name : t.displayName) || t.id;
}

/** API key (project, user or team key): its description, else id. */
export function apiKeyLabel(k: { id: string; description: string | null }): string {
  return k.description?.trim() || k.id;
}
