// DTOs the permission pages and cards render. Pure types, shared by server mappers and client components.

/** Team permissions exist on every release; project permissions are newer (`projectPermissions` capability). */
export type PermissionScope = "team" | "project";

export type PermissionDefinitionRow = {
  id: string;
  description: string | null;
  /** As the API lists them (sorted). */
  containedPermissionIds: string[];
  /** Every id it implies, through containment (nearest first). */
  impliedPermissionIds: string[];
  /** The definitions that contain this one directly. */
  containedBy: string[];
  /** Team system permissions (`$update_team` …): listed by the API, but it refuses to edit or delete them. */
  system: boolean;
};

export type PermissionDefinitionsData = {
  scope: PermissionScope;
  definitions: PermissionDefinitionRow[];
  /** Cycles the server already holds (Stack accepts them), each as ["a", "b", "a"]. */
  cycles: string[][];
};

/** One permission of the scope and whether the user holds it (in the team, for team permissions). */
export type HeldPermissionRow = {
  id: string;
  description: string | null;
  direct: boolean;
  /** The path from a direct grant to this permission (["team_admin", "$update_team"]); null when none. */
  via: string[] | null;
};

export type PermissionGrantsData = {
  definitions: { id: string; description: string | null; system: boolean }[];
  held: HeldPermissionRow[];
};

/** What the delete dialog says will disappear with a definition. */
export type PermissionDeletionImpact = {
  id: string;
  /** Direct grants of it (every team and user); null when the server could not count them. */
  directGrants: number | null;
  containedBy: string[];
};

export type TeamMemberSummary = {
  teamId: string;
  teamName: string;
  userId: string;
  /** The member's team profile (display name and image in this team). */
  profileName: string | null;
  profileImageUrl: string | null;
  userLabel: string;
  primaryEmail: string | null;
};
