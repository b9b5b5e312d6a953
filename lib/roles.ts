// Operator roles and the one permission matrix. Pure module: the action wrapper, route handlers
// and client components all read it, so what the UI hides and what the server refuses agree.
export const ROLES = ["viewer", "support", "operator", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Fail closed: an unknown role never satisfies anything. */
export function hasRole(actual: unknown, minimum: Role): boolean {
  if (!isRole(actual)) return false;
  return ROLES.indexOf(actual) >= ROLES.indexOf(minimum);
}

/**
 * The minimum role of every server action, by its `defineAction` name.
 * support: e-mails, sessions, restrictions; operator: users, contact channels, teams,
 * memberships, invitations, grants; admin: settings, keys, permission definitions and every
 * dangerous operation; owner: operator accounts and audit export.
 * A name missing here does not type-check in `defineAction`.
 */
export const ACTION_MIN_ROLE = {
  // users
  createUser: "operator",
  updateUserProfile: "operator",
  setUserPassword: "operator",
  updateUserMetadata: "operator",
  restrictUser: "support",
  removeUserTwoFactor: "admin",
  deleteUser: "admin",
  revokeUserSession: "support",
  revokeAllUserSessions: "admin",
  addContactChannel: "operator",
  updateContactChannel: "operator",
  removeContactChannel: "operator",
  sendContactChannelVerification: "support",
  sendPasswordReset: "support",
  updateLinkedAccount: "operator",
  unlinkLinkedAccount: "operator",
  // Reading a user's unmasked personal data: every role may, with a reason, audited.
  revealUserData: "viewer",
  // A session for the user (impersonation): short-lived, with a reason, audited.
  impersonateUser: "operator",
  // teams
  createTeam: "operator",
  updateTeamProfile: "operator",
  updateTeamMetadata: "operator",
  addTeamMember: "operator",
  removeTeamMember: "operator",
  updateTeamMemberProfile: "operator",
  sendTeamInvitation: "operator",
  revokeTeamInvitation: "operator",
  deleteTeam: "admin",
  // API keys (user, team and project keys)
  createUserApiKey: "admin",
  revokeUserApiKey: "admin",
  createTeamApiKey: "admin",
  revokeTeamApiKey: "admin",
  createProjectApiKey: "admin",
  revokeProjectApiKey: "admin",
  revokeConsoleApiKey: "admin",
  // permissions
  createPermissionDefinition: "admin",
  updatePermissionDefinition: "admin",
  deletePermissionDefinition: "admin",
  grantTeamPermission: "operator",
  revokeTeamPermission: "operator",
  grantProjectPermission: "operator",
  revokeProjectPermission: "operator",
  // settings
  updateGeneralSettings: "admin",
  // config as code
  previewConfigChange: "admin",
  applyConfigChange: "admin",
  updateSignInSettings: "admin",
  updateTeamSettings: "admin",
  updateDomainSettings: "admin",
  updateOAuthProviders: "admin",
  updateEmailServer: "admin",
  sendTestEmail: "admin",
  selectEmailTheme: "admin",
  previewEmailTemplate: "admin",
  saveEmailTemplate: "admin",
  previewEmailTheme: "admin",
  saveEmailTheme: "admin",
  countSignInImpact: "admin",
  // saved views of the users table (console state, no Stack change; rename/delete: owner or admin)
  createView: "support",
  renameView: "support",
  deleteView: "support",
  // bulk jobs: each start action has its item action's role; cancelling also needs it (lib/server/jobs)
  bulkDeleteUsers: "admin",
  bulkRestrictUsers: "support",
  bulkRevokeUserSessions: "admin",
  bulkAddTeamMember: "operator",
  bulkRemoveTeamMember: "operator",
  bulkGrantProjectPermission: "operator",
  bulkRevokeProjectPermission: "operator",
  cancelJob: "support",
  // users CSV import (each user it creates is audited as createUser)
  importUsers: "admin",
  // operators
  endOperatorSessions: "owner",
  // tests only (lib/server/key-seal.test.ts)
  keySealProbe: "viewer",
} as const satisfies Record<string, Role>;

export type ActionName = keyof typeof ACTION_MIN_ROLE;

export function minRoleOf(action: ActionName): Role {
  return ACTION_MIN_ROLE[action];
}

/** Can `role` run `action`? Isomorphic, for hiding controls; the action wrapper re-checks. */
export function canRunAction(role: unknown, action: ActionName): boolean {
  return hasRole(role, ACTION_MIN_ROLE[action]);
}

/**
 * The minimum role of every route handler, by the name it audits under (`unauthenticated(name)`),
 * and of every page with an entry in lib/nav.ts, by its nav id (default: viewer).
 */
export const ROUTE_MIN_ROLE = {
  // route handlers (reads and the project switch)
  listUsers: "viewer",
  search: "viewer",
  selectProject: "viewer",
  exportAudit: "owner",
  // secrets are omitted from the export, so whoever reads the settings may download them
  exportConfig: "viewer",
  // every matching user as CSV (GET /api/users/export)
  exportUsers: "operator",
  // how far the operator's own export is (GET /api/users/export/progress)
  exportUsersProgress: "operator",
  // the project's saved views, for the command palette (GET /api/views)
  listViews: "viewer",
  // a bulk job's progress (GET /api/jobs/[jobId]); labels masked like the users table
  getJob: "viewer",
  // users CSV import: the upload and the preview (POST /api/import/…)
  uploadImport: "admin",
  previewImport: "admin",
  // how many users a bulk job over the table's filter would take (GET /api/jobs/targets)
  countJobTargets: "support",
  // pages
  "api-keys": "admin",
  "users-import": "admin",
  operators: "owner",
} as const satisfies Record<string, Role>;

export type RouteName = keyof typeof ROUTE_MIN_ROLE;

/** Every action `role` may run, in matrix order. */
export function actionsFor(role: unknown): ActionName[] {
  return (Object.keys(ACTION_MIN_ROLE) as ActionName[]).filter((a) => canRunAction(role, a));
}
