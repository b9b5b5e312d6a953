// A valid input for every server action, and the kind of each field, so the entry-point and fuzz
// specs can call each action with input the wrapper accepts (to prove the refusal is the session's
// or role's doing) and with invalid input field by field. A new action without an entry here fails
// e2e/entry-points.spec.ts.

export type FieldKind = "uuid" | "optionalUuid" | "email" | "optionalEmail" | "bool" | "optionalBool" | "trueOnly" | "text" | "optionalText" | "password" | "newPassword" | "url" | "metadataField" | "json" | "configSource" | "confirmation" | "expiry" | "permissionId" | "customPermissionId" | "permissionIds" | "permissionScope" | "defaultPermissionIds" | "trustedDomains" | "oauthProviders" | "emailServer" | "reason" | "minutes" | "userSelection";

export type ActionInput = {
  /** The name the action is audited under (its `defineAction` name). */
  audit: string;
  valid: Record<string, unknown>;
  fields: Record<string, FieldKind>;
  /** Max length of "text" fields. */
  max?: Record<string, number>;
};

const USER = "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70";
const CHANNEL = "5f0c7d9e-2a1b-4c3d-8e4f-6a7b8c9d0e1f";
const TEAM = "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a";
const API_KEY = "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4";
// A config source naming a stored version (lib/schemas/config.ts); valid input, no such version.
const RESTORE_SOURCE = JSON.stringify({ kind: "restore", versionId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", side: "after" });
const INVITATION = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
// A bulk job's users (lib/schemas/jobs.ts): selected ids, or the users table's filter.
const SELECTION = { kind: "ids", userIds: [USER] };
const confirm = (audit: string): ActionInput => ({ audit, valid: { userId: USER, confirmation: "x@example.com" }, fields: { userId: "uuid", confirmation: "confirmation" } });

export const ACTION_INPUTS: Record<string, ActionInput> = {
  createUserAction: {
    audit: "createUser",
    valid: { primaryEmail: "fuzz@example.com", password: "", displayName: "Fuzz", primaryEmailVerified: false },
    fields: { primaryEmail: "optionalEmail", password: "password", displayName: "text", primaryEmailVerified: "bool" },
    max: { displayName: 256 },
  },
  updateUserProfileAction: {
    audit: "updateUserProfile",
    valid: { userId: USER, displayName: "Fuzz", primaryEmail: "fuzz@example.com", primaryEmailVerified: true, profileImageUrl: "" },
    fields: { userId: "uuid", displayName: "text", primaryEmail: "optionalEmail", primaryEmailVerified: "bool", profileImageUrl: "url" },
    max: { displayName: 256 },
  },
  setUserPasswordAction: { audit: "setUserPassword", valid: { userId: USER, password: "correct horse battery" }, fields: { userId: "uuid", password: "newPassword" } },
  updateUserMetadataAction: {
    audit: "updateUserMetadata",
    valid: { userId: USER, field: "client_metadata", json: "{}" },
    fields: { userId: "uuid", field: "metadataField", json: "json" },
  },
  restrictUserAction: {
    audit: "restrictUser",
    valid: { userId: USER, restricted: true, publicReason: "", privateDetails: "" },
    fields: { userId: "uuid", restricted: "bool", publicReason: "text", privateDetails: "text" },
    max: { publicReason: 1000, privateDetails: 5000 },
  },
  removeUserTwoFactorAction: confirm("removeUserTwoFactor"),
  deleteUserAction: confirm("deleteUser"),
  createViewAction: { audit: "createView", valid: { name: "Fuzz view", search: "?verified=yes" }, fields: { name: "text", search: "text" }, max: { name: 80, search: 4000 } },
  renameViewAction: { audit: "renameView", valid: { viewId: "7e6d5c4b-3a29-4817-a6b5-c4d3e2f1a0b9", name: "Fuzz view" }, fields: { viewId: "uuid", name: "text" }, max: { name: 80 } },
  deleteViewAction: { audit: "deleteView", valid: { viewId: "7e6d5c4b-3a29-4817-a6b5-c4d3e2f1a0b9" }, fields: { viewId: "uuid" } },
  cancelJobAction: { audit: "cancelJob", valid: { jobId: "6f1e2d3c-4b5a-4968-8776-655443322110" }, fields: { jobId: "uuid" } },
  bulkDeleteUsersAction: { audit: "bulkDeleteUsers", valid: { selection: SELECTION, confirmation: "1" }, fields: { selection: "userSelection", confirmation: "confirmation" } },
  bulkRevokeUserSessionsAction: { audit: "bulkRevokeUserSessions", valid: { selection: SELECTION, confirmation: "1" }, fields: { selection: "userSelection", confirmation: "confirmation" } },
  bulkRestrictUsersAction: {
    audit: "bulkRestrictUsers",
    valid: { selection: SELECTION, restricted: true, publicReason: "", privateDetails: "" },
    fields: { selection: "userSelection", restricted: "bool", publicReason: "text", privateDetails: "text" },
    max: { publicReason: 1000, privateDetails: 5000 },
  },
  bulkAddTeamMemberAction: { audit: "bulkAddTeamMember", valid: { selection: SELECTION, teamId: TEAM }, fields: { selection: "userSelection", teamId: "uuid" } },
  bulkRemoveTeamMemberAction: { audit: "bulkRemoveTeamMember", valid: { selection: SELECTION, teamId: TEAM }, fields: { selection: "userSelection", teamId: "uuid" } },
  bulkGrantProjectPermissionAction: { audit: "bulkGrantProjectPermission", valid: { selection: SELECTION, permissionId: "fuzz_perm" }, fields: { selection: "userSelection", permissionId: "customPermissionId" } },
  bulkRevokeProjectPermissionAction: { audit: "bulkRevokeProjectPermission", valid: { selection: SELECTION, permissionId: "fuzz_perm" }, fields: { selection: "userSelection", permissionId: "customPermissionId" } },
  endOperatorSessionsAction: {
    audit: "endOperatorSessions",
    valid: { email: "viewer@example.com", confirmation: "viewer@example.com" },
    fields: { email: "email", confirmation: "confirmation" },
  },
  revokeAllUserSessionsAction: confirm("revokeAllUserSessions"),
  revokeUserSessionAction: { audit: "revokeUserSession", valid: { userId: USER, sessionId: "a3c4e5f6-0000-4000-8000-000000000001" }, fields: { userId: "uuid", sessionId: "uuid" } },
  addContactChannelAction: {
    audit: "addContactChannel",
    valid: { userId: USER, email: "fuzz@example.com", isVerified: false, usedForAuth: false },
    fields: { userId: "uuid", email: "email", isVerified: "bool", usedForAuth: "bool" },
  },
  updateContactChannelAction: {
    audit: "updateContactChannel",
    valid: { userId: USER, channelId: CHANNEL, isVerified: true },
    fields: { userId: "uuid", channelId: "uuid", isVerified: "optionalBool", usedForAuth: "optionalBool", isPrimary: "trueOnly" },
  },
  removeContactChannelAction: { audit: "removeContactChannel", valid: { userId: USER, channelId: CHANNEL }, fields: { userId: "uuid", channelId: "uuid" } },
  sendContactChannelVerificationAction: { audit: "sendContactChannelVerification", valid: { userId: USER, channelId: CHANNEL }, fields: { userId: "uuid", channelId: "uuid" } },
  sendPasswordResetAction: { audit: "sendPasswordReset", valid: { userId: USER }, fields: { userId: "uuid" } },
  updateLinkedAccountAction: {
    audit: "updateLinkedAccount",
    valid: { userId: USER, providerId: "7d1e0c4b-9a3f-4e2d-8b6c-5a4f3e2d1c0b", allowSignIn: true },
    fields: { userId: "uuid", providerId: "uuid", allowSignIn: "optionalBool", allowConnectedAccounts: "optionalBool" },
  },
  updateTeamProfileAction: {
    audit: "updateTeamProfile",
    valid: { teamId: TEAM, displayName: "Fuzz team", profileImageUrl: "" },
    fields: { teamId: "uuid", displayName: "text", profileImageUrl: "url" },
    max: { displayName: 300 },
  },
  createTeamAction: {
    audit: "createTeam",
    valid: { displayName: "Fuzz team", profileImageUrl: "", creatorUserId: "", clientMetadata: "", clientReadOnlyMetadata: "", serverMetadata: "" },
    fields: { displayName: "text", profileImageUrl: "url", creatorUserId: "optionalUuid", clientMetadata: "json", clientReadOnlyMetadata: "json", serverMetadata: "json" },
    max: { displayName: 300 },
  },
  updateTeamMetadataAction: {
    audit: "updateTeamMetadata",
    valid: { teamId: TEAM, field: "client_metadata", json: "{}" },
    fields: { teamId: "uuid", field: "metadataField", json: "json" },
  },
  addTeamMemberAction: { audit: "addTeamMember", valid: { teamId: TEAM, userId: USER }, fields: { teamId: "uuid", userId: "uuid" } },
  removeTeamMemberAction: { audit: "removeTeamMember", valid: { teamId: TEAM, userId: USER }, fields: { teamId: "uuid", userId: "uuid" } },
  updateTeamMemberProfileAction: {
    audit: "updateTeamMemberProfile",
    valid: { teamId: TEAM, userId: USER, displayName: "Fuzz member", profileImageUrl: "" },
    fields: { teamId: "uuid", userId: "uuid", displayName: "text", profileImageUrl: "url" },
    max: { displayName: 300 },
  },
  sendTeamInvitationAction: {
    audit: "sendTeamInvitation",
    valid: { teamId: TEAM, email: "fuzz@example.com", callbackUrl: "http://localhost:3000/handler/team-invitation" },
    fields: { teamId: "uuid", email: "email", callbackUrl: "url" },
  },
  revokeTeamInvitationAction: { audit: "revokeTeamInvitation", valid: { teamId: TEAM, invitationId: INVITATION }, fields: { teamId: "uuid", invitationId: "uuid" } },
  deleteTeamAction: { audit: "deleteTeam", valid: { teamId: TEAM, confirmation: "Fuzz team" }, fields: { teamId: "uuid", confirmation: "confirmation" } },
  updateGeneralSettingsAction: {
    audit: "updateGeneralSettings",
    valid: { displayName: "Fuzz project" },
    fields: { displayName: "optionalText", description: "optionalText" },
    max: { displayName: 256, description: 1024 },
  },
  updateSignInSettingsAction: {
    audit: "updateSignInSettings",
    valid: { signUpEnabled: true },
    fields: { signUpEnabled: "optionalBool", password: "optionalBool", magicLink: "optionalBool", passkey: "optionalBool", allowUserApiKeys: "optionalBool", confirmation: "confirmation" },
  },
  updateTeamSettingsAction: {
    audit: "updateTeamSettings",
    valid: { clientTeamCreation: false },
    fields: { createPersonalTeamOnSignUp: "optionalBool", clientTeamCreation: "optionalBool", clientUserDeletion: "optionalBool", teamMemberDefaultPermissions: "defaultPermissionIds" },
  },
  updateDomainSettingsAction: { audit: "updateDomainSettings", valid: { allowLocalhost: true }, fields: { allowLocalhost: "optionalBool", trusted: "trustedDomains", confirmation: "confirmation" } },
  updateOAuthProvidersAction: {
    audit: "updateOAuthProviders",
    valid: { providers: [{ id: "github", keys: "shared", clientId: "", clientSecret: "", microsoftTenantId: "", facebookConfigId: "" }] },
    fields: { providers: "oauthProviders", confirmation: "confirmation" },
  },
  updateEmailServerAction: { audit: "updateEmailServer", valid: { email: { server: "shared" } }, fields: { email: "emailServer", confirmation: "confirmation" } },
  sendTestEmailAction: {
    audit: "sendTestEmail",
    valid: { recipientEmail: "fuzz@example.com", host: "smtp.example.com", port: 587, username: "fuzz", password: "", senderName: "Fuzz", senderEmail: "sender@example.com" },
    fields: { recipientEmail: "email", host: "text", username: "text", senderName: "text", senderEmail: "email" },
    max: { host: 253, username: 256, senderName: 256 },
  },
  selectEmailThemeAction: { audit: "selectEmailTheme", valid: { themeId: "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac" }, fields: { themeId: "uuid" } },
  previewEmailTemplateAction: {
    audit: "previewEmailTemplate",
    valid: { templateId: "e7d009ce-8d47-4528-b245-5bf119f2ffa3", tsxSource: "<Subject value=\"Hi\" />" },
    fields: { templateId: "uuid" },
  },
  saveEmailTemplateAction: {
    audit: "saveEmailTemplate",
    valid: { templateId: "e7d009ce-8d47-4528-b245-5bf119f2ffa3", tsxSource: "<Subject value=\"Hi\" />" },
    fields: { templateId: "uuid" },
  },
  previewEmailThemeAction: {
    audit: "previewEmailTheme",
    valid: { themeId: "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac", tsxSource: "export function EmailTheme({ children }) { return <Body>{children}</Body>; }" },
    fields: { themeId: "uuid" },
  },
  saveEmailThemeAction: {
    audit: "saveEmailTheme",
    valid: { themeId: "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac", tsxSource: "export function EmailTheme({ children }) { return <Body>{children}</Body>; }" },
    fields: { themeId: "uuid" },
  },
  countSignInImpactAction: {
    audit: "countSignInImpact",
    valid: { password: true, magicLink: false, passkey: false, providers: ["github"] },
    fields: { password: "bool", magicLink: "bool", passkey: "bool", providers: "defaultPermissionIds" },
  },
  revealUserDataAction: { audit: "revealUserData", valid: { userId: USER, reason: "Support ticket 4711: checking the address" }, fields: { userId: "uuid", reason: "reason" }, max: { reason: 500 } },
  impersonateUserAction: {
    audit: "impersonateUser",
    valid: { userId: USER, reason: "Reproducing ticket 4711 as the user", expiresInMinutes: 15 },
    fields: { userId: "uuid", reason: "reason", expiresInMinutes: "minutes" },
    max: { reason: 500 },
  },
  createUserApiKeyAction: {
    audit: "createUserApiKey",
    valid: { userId: USER, description: "Fuzz key", expiry: "30d" },
    fields: { userId: "uuid", description: "text", expiry: "expiry" },
    max: { description: 256 },
  },
  revokeUserApiKeyAction: {
    audit: "revokeUserApiKey",
    valid: { userId: USER, apiKeyId: API_KEY, confirmation: "Fuzz key" },
    fields: { userId: "uuid", apiKeyId: "uuid", confirmation: "confirmation" },
  },
  createTeamApiKeyAction: {
    audit: "createTeamApiKey",
    valid: { teamId: TEAM, description: "Fuzz key", expiry: "never" },
    fields: { teamId: "uuid", description: "text", expiry: "expiry" },
    max: { description: 256 },
  },
  revokeTeamApiKeyAction: {
    audit: "revokeTeamApiKey",
    valid: { teamId: TEAM, apiKeyId: API_KEY, confirmation: "Fuzz key" },
    fields: { teamId: "uuid", apiKeyId: "uuid", confirmation: "confirmation" },
  },
  createProjectApiKeyAction: {
    audit: "createProjectApiKey",
    valid: { description: "Fuzz key", expiry: "1d", publishableClientKey: false, secretServerKey: true, superSecretAdminKey: false },
    fields: { description: "text", expiry: "expiry", publishableClientKey: "bool", secretServerKey: "bool", superSecretAdminKey: "bool" },
    max: { description: 256 },
  },
  revokeProjectApiKeyAction: { audit: "revokeProjectApiKey", valid: { apiKeyId: API_KEY, confirmation: "Fuzz key" }, fields: { apiKeyId: "uuid", confirmation: "confirmation" } },
  revokeConsoleApiKeyAction: {
    audit: "revokeConsoleApiKey",
    valid: { apiKeyId: API_KEY, confirmation: "this console will stop working" },
    fields: { apiKeyId: "uuid", confirmation: "confirmation" },
  },
  createPermissionDefinitionAction: {
    audit: "createPermissionDefinition",
    valid: { scope: "team", id: "fuzz:perm", description: "", containedPermissionIds: [] },
    fields: { scope: "permissionScope", id: "customPermissionId", description: "text", containedPermissionIds: "permissionIds" },
    max: { description: 1000 },
  },
  updatePermissionDefinitionAction: {
    audit: "updatePermissionDefinition",
    valid: { scope: "team", permissionId: "fuzz:perm", id: "fuzz:perm", description: "", containedPermissionIds: ["fuzz:other"] },
    fields: { scope: "permissionScope", permissionId: "customPermissionId", id: "customPermissionId", description: "text", containedPermissionIds: "permissionIds" },
    max: { description: 1000 },
  },
  deletePermissionDefinitionAction: {
    audit: "deletePermissionDefinition",
    valid: { scope: "project", permissionId: "fuzz:perm", confirmation: "fuzz:perm" },
    fields: { scope: "permissionScope", permissionId: "customPermissionId", confirmation: "confirmation" },
  },
  grantTeamPermissionAction: { audit: "grantTeamPermission", valid: { teamId: TEAM, userId: USER, permissionId: "fuzz:perm" }, fields: { teamId: "uuid", userId: "uuid", permissionId: "permissionId" } },
  revokeTeamPermissionAction: { audit: "revokeTeamPermission", valid: { teamId: TEAM, userId: USER, permissionId: "team_member" }, fields: { teamId: "uuid", userId: "uuid", permissionId: "permissionId" } },
  grantProjectPermissionAction: { audit: "grantProjectPermission", valid: { userId: USER, permissionId: "fuzz:perm" }, fields: { userId: "uuid", permissionId: "customPermissionId" } },
  revokeProjectPermissionAction: { audit: "revokeProjectPermission", valid: { userId: USER, permissionId: "fuzz:perm" }, fields: { userId: "uuid", permissionId: "customPermissionId" } },
  previewConfigChangeAction: { audit: "previewConfigChange", valid: { source: RESTORE_SOURCE }, fields: { source: "configSource" } },
  applyConfigChangeAction: {
    audit: "applyConfigChange",
    valid: { source: RESTORE_SOURCE, previewHash: "0".repeat(64), confirmation: "Fuzz project" },
    fields: { source: "configSource", previewHash: "text", confirmation: "confirmation" },
    max: { previewHash: 64 },
  },
  importUsersAction: {
    audit: "importUsers",
    valid: { uploadId: "6b5a4f3e-2d1c-4b0a-9f8e-7d6c5b4a3f2e", preset: null, mapping: { hasHeader: true, stripApostrophe: false, columns: [{ target: "primaryEmail" }] } },
    fields: { uploadId: "uuid" },
  },
  unlinkLinkedAccountAction: { audit: "unlinkLinkedAccount", valid: { userId: USER, providerId: "7d1e0c4b-9a3f-4e2d-8b6c-5a4f3e2d1c0b" }, fields: { userId: "uuid", providerId: "uuid" } },
};

// Values no field accepts: wrong types, React Flight reply references (a "$" string is decoded
// specially), and objects and arrays where a scalar belongs.
const WRONG_TYPES: unknown[] = [null, 0, -1, 1e308, true, false, [], ["x"], {}, { $ne: null }, JSON.parse('{"__proto__": {"admin": true}}'), "$undefined", "$1", "$@1", "$K1", "$Q1", "$n1"];
// Ids that would address another Stack path, or carry markup, SQL, NUL or odd unicode.
const BAD_IDS: unknown[] = [
  "", ".", "..", "../", "../users", "..%2f", "%2e%2e", "%2E%2E%2F", "/", "a/b", "a\\b", "?x=1", "#x", "%00", "\u0000", "' OR '1'='1", "<script>alert(1)</script>",
  "${7*7}", "__proto__", "constructor", "x".repeat(201), "é".repeat(300), "\u202e".repeat(10), "😀".repeat(60),
];
const HUGE = "x".repeat(200_000);
// Where a list belongs (an empty list is a valid value).
// React's "$…" references are left out, as for optional text: "$undefined" is leaving the field out.
const LIST_WRONG_TYPES: unknown[] = [...WRONG_TYPES.filter((v) => !(Array.isArray(v) && v.length === 0) && !(typeof v === "string" && v.startsWith("$"))), "x", HUGE];
// Ids Stack's permission-id pattern refuses (or that name object internals), for permission fields.
const BAD_PERMISSION_IDS: unknown[] = [...BAD_IDS, "A", "read reports", "read-reports", "read.reports", "ü"];

const UUID_ONLY: unknown[] = [
  ...BAD_IDS,
  "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70/..",
  "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70/../../projects/current",
  "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70%2f..",
  " 0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70",
  "0b8f1a0e5c1d4c7e9a541f6b3c9d2e70x",
  "0B8F1A0E-5C1D-4C7E-9A54-1F6B3C9D2E7G",
  "me",
  HUGE,
];

// Hostile payloads (markup, SQL, path, template, NUL, bidi, emoji), each repeated past the field's limit.
const PAYLOADS = ["x", "é", "😀", "\u0000", "' OR 1=1 --", "<script>alert(1)</script>", "../", "${7*7}", "\u202e", "%00", "__proto__"];
// zod counts code points, so each payload is repeated max + 1 times.
const overlong = (max: number) => PAYLOADS.map((p) => p.repeat(max + 1));

const BAD_SOURCES: unknown[] = [
  null,
  [],
  {},
  { kind: "nope" },
  { kind: "import" },
  { kind: "import", document: {} },
  { kind: "import", document: { format: "stack-admin/project-config", version: 2, config: {} } },
  { kind: "import", document: { format: "other", version: 1, config: {} } },
  { kind: "import", document: JSON.parse('{"__proto__": {"format": "stack-admin/project-config"}}') },
  { kind: "copy", from: "e2e" },
  { kind: "copy", from: "e2e", paths: [] },
  { kind: "copy", from: "../etc", paths: ["signIn.password"] },
  { kind: "copy", from: "E2E", paths: ["signIn.password"] },
  { kind: "copy", from: "", paths: ["signIn.password"] },
  { kind: "copy", from: "e2e", paths: [""] },
  { kind: "copy", from: "e2e", paths: "signIn.password" },
  { kind: "copy", from: "e2e", paths: [1] },
  { kind: "copy", from: "e2e", paths: ["x".repeat(2301)] },
  { kind: "copy", from: "e2e", paths: Array.from({ length: 501 }, () => "signIn.password") },
  { kind: "copy", from: "e2e", paths: ["signIn.password"], extra: true },
  { kind: "restore", versionId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d" },
  { kind: "restore", versionId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", side: "during" },
  { kind: "restore", versionId: "../9a8b7c6d", side: "after" },
  { kind: "restore", versionId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/..", side: "after" },
  { kind: "restore", versionId: 1, side: "after" },
];

/** Values of the given field kind that its schema must refuse. */
export function invalidValues(kind: FieldKind, max = 256): unknown[] {
  switch (kind) {
    case "uuid":
      return [...UUID_ONLY, ...WRONG_TYPES];
    case "optionalUuid":
      // Empty text means "none" here; anything else must be a UUID.
      return [...UUID_ONLY.filter((v) => v !== ""), ...WRONG_TYPES];
    case "email":
      return ["", "not-an-email", "a@", "@example.com", "a@example.com/../x", "a b@example.com", "<script>@example.com", `${"x".repeat(250)}@example.com`, "a@example.com\u0000", HUGE, ...WRONG_TYPES];
    case "optionalEmail":
      return ["not-an-email", "a@", "@example.com", "a@example.com/../x", `${"x".repeat(250)}@example.com`, HUGE, ...WRONG_TYPES];
    case "bool":
      return ["true", "false", "", "yes", ...WRONG_TYPES.filter((v) => typeof v !== "boolean")];
    case "optionalBool":
      return ["true", "", "undefined", 1, 0, null, [], {}];
    case "trueOnly":
      return [false, "true", 1, null, {}];
    case "text":
      return [...overlong(max), HUGE, ...WRONG_TYPES.filter((v) => typeof v !== "string" || !v.startsWith("$") || v === "$undefined")];
    case "optionalText":
      // Leaving an optional field out is valid, so React's "$undefined" is not an invalid value here.
      return [...overlong(max), HUGE, ...WRONG_TYPES.filter((v) => typeof v !== "string" || !v.startsWith("$"))];
    case "password":
      return ["short", "x".repeat(71), HUGE, ...WRONG_TYPES.filter((v) => typeof v !== "string")];
    case "newPassword":
      return ["", "short", "x".repeat(71), HUGE, ...WRONG_TYPES.filter((v) => typeof v !== "string")];
    case "url":
      return ["javascript:alert(1)", "ftp://example.com/a.png", "//evil.example/a.png", "http://", "not a url", "data:text/html,<script>alert(1)</script>", ...WRONG_TYPES.filter((v) => typeof v !== "string")];
    case "metadataField":
      return ["", "server_metadata ", "SERVER_METADATA", "__proto__", "constructor", "prototype", "password", ...WRONG_TYPES];
    case "json":
      return ["{", '{"a":', "{'a':1}", "undefined", "NaN", "[1,]", "x".repeat(100_001), ...WRONG_TYPES.filter((v) => typeof v !== "string")];
    case "configSource":
      // JSON text that is not a config source (lib/schemas/config.ts): each part of it wrong in turn.
      return [...invalidValues("json"), ...BAD_SOURCES.map((v) => JSON.stringify(v))];
    case "confirmation":
      return ["x".repeat(513), HUGE, ...WRONG_TYPES.filter((v) => typeof v !== "string")];
    case "defaultPermissionIds":
      return [...LIST_WRONG_TYPES.filter((v) => !(Array.isArray(v) && v.every((x) => x === "x"))), ["../team_admin"], ["a b"], ["<script>"], [""], ["x".repeat(101)], [1], [null], Array.from({ length: 201 }, (_, i) => `p${i}`), ...BAD_IDS.filter((v) => typeof v === "string" && !/^\$?[a-z0-9_:]{1,100}$/i.test(v)).map((v) => [v])];
    case "trustedDomains": {
      const d = (domain: unknown, handlerPath: unknown = "/handler") => [{ domain, handlerPath }];
      return [
        ...LIST_WRONG_TYPES,
        ...["app.example.com", "ftp://app.example.com", "javascript:alert(1)", "//app.example.com", "https://", "https://user:pw@app.example.com", "", `https://${"x".repeat(2050)}.example`, HUGE].map((u) => d(u)),
        d("https://app.example.com", "handler"),
        d("https://app.example.com", ""),
        d("https://app.example.com", null),
        d(null),
        d({ $ne: null }),
        [{ domain: "https://app.example.com" }],
        [...d("https://app.example.com"), ...d("https://app.example.com")],
        Array.from({ length: 101 }, (_, i) => ({ domain: `https://a${i}.example.com`, handlerPath: "/handler" })),
      ];
    }
    case "oauthProviders": {
      const p = (over: Record<string, unknown>) => [{ id: "github", keys: "shared", clientId: "", clientSecret: "", microsoftTenantId: "", facebookConfigId: "", ...over }];
      return [
        ...LIST_WRONG_TYPES.filter((v) => !(Array.isArray(v) && v.length === 0)),
        p({ id: "myspace" }),
        p({ id: "../github" }),
        p({ id: null }),
        p({ keys: "borrowed" }),
        p({ id: "facebook", keys: "shared" }),
        p({ keys: "own", clientId: "" }),
        p({ keys: "own", clientId: "x".repeat(513), clientSecret: "s" }),
        p({ keys: "own", clientId: "id", clientSecret: "x".repeat(1025) }),
        p({ clientId: 1 }),
        p({ microsoftTenantId: "x".repeat(257) }),
        p({ extra: "field" }),
        [...p({}), ...p({})],
        [{ id: "github" }],
        p({ keys: null }),
        p({ facebookConfigId: "x".repeat(257) }),
        Array.from({ length: 13 }, () => p({})[0]),
      ];
    }
    case "emailServer": {
      const own = { server: "own", host: "smtp.example.com", port: 587, username: "u", password: "", senderName: "S", senderEmail: "s@example.com" };
      return [
        ...WRONG_TYPES.filter((v) => typeof v !== "string" || !v.startsWith("$") || v === "$undefined"),
        { server: "borrowed" },
        { server: "shared", host: "smtp.example.com" },
        { ...own, host: "" },
        { ...own, host: "x".repeat(254) },
        { ...own, port: 0 },
        { ...own, port: 65536 },
        { ...own, port: "587" },
        { ...own, port: 1.5 },
        { ...own, username: "" },
        { ...own, password: "x".repeat(71) },
        { ...own, senderName: "" },
        { ...own, senderEmail: "not-an-email" },
        { ...own, senderEmail: HUGE },
        { ...own, extra: true },
        { server: "own" },
      ];
    }
    case "reason":
      // A written reason: blank or too short to say anything is refused too.
      return ["", "   ", "too short", " ".repeat(20), ...overlong(max), HUGE, ...WRONG_TYPES.filter((v) => typeof v !== "string" || !v.startsWith("$") || v === "$undefined")];
    case "minutes":
      // Impersonation lasts 1 to 60 whole minutes.
      return [0, -1, 61, 600, 1e308, 1.5, "15", "", null, true, [], {}, "$undefined", Number.MAX_SAFE_INTEGER];
    case "expiry":
      return ["", "1D", " 1d", "2d", "forever", "-1", "__proto__", "constructor", HUGE, 86_400_000, ...WRONG_TYPES];
    case "permissionId":
      // Stack's permissionDefinitionIdSchema: a custom id or one of the six `$` system ids.
      return [...BAD_PERMISSION_IDS, "$", "$update_teams", "$READ_MEMBERS", ...WRONG_TYPES];
    case "customPermissionId":
      return [...BAD_PERMISSION_IDS, "$read_members", ...WRONG_TYPES];
    case "permissionIds":
      return ["a", { 0: "a" }, [""], ["A"], ["../x"], ["$nope"], [1], [null], [["a"]], Array.from({ length: 201 }, (_, i) => `p${i}`), null, 0, true, {}, "$1", "$@1"];
    case "userSelection":
      return [
        ...WRONG_TYPES.filter((v) => typeof v !== "string" || !v.startsWith("$") || v === "$undefined"),
        { kind: "ids", userIds: [] },
        { kind: "ids", userIds: ["../users"] },
        { kind: "ids", userIds: [USER, 1] },
        { kind: "ids", userIds: Array.from({ length: 1001 }, () => USER) },
        { kind: "ids" },
        { kind: "filter" },
        { kind: "filter", search: "x".repeat(4001) },
        { kind: "view", userIds: [USER] },
        { userIds: [USER] },
        { kind: "ids", userIds: `${USER}` },
        { kind: "ids", userIds: [`${USER}/../x`] },
        { kind: "ids", userIds: [USER.toUpperCase().replace(/-/g, "")] },
        { kind: "filter", search: 42 },
        { kind: "filter", search: ["q=a"] },
        { kind: ["ids"], userIds: [USER] },
      ];
    case "permissionScope":
      return ["", "Team", "TEAM", "org", "team ", "project\u0000", ...WRONG_TYPES];
  }
}

const OPTIONAL = new Set<FieldKind>(["optionalBool", "trueOnly"]);

/** The action's whole argument replaced by something that is not its input object. */
export function invalidWholeInputs({ valid, fields }: ActionInput): unknown[] {
  const required = Object.keys(valid).filter((k) => !OPTIONAL.has(fields[k]!));
  const [firstKey] = Object.keys(valid);
  const without = (k: string) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k));
  return [
    null,
    0,
    "input",
    HUGE,
    true,
    [],
    [valid],
    {},
    // Prototype-pollution keys must not supply a field: JSON.parse makes them own properties.
    JSON.parse(`{"__proto__": ${JSON.stringify(valid)}}`),
    { constructor: { prototype: valid } },
    JSON.parse(`{"__proto__": {"${firstKey}": ${JSON.stringify(valid[firstKey!])}}, ${JSON.stringify(without(firstKey!)).slice(1)}`.replace(", }", "}")),
    ...required.map(without),
  ];
}
