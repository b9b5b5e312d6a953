import type { AccessType } from "../auth";
import type { DB } from "../db";
import type { EmulatorModule, Migration } from "../router";

// ---------------------------------------------------------------------------------------------
// Shared helpers other modules may import (read shape, search text). Keep their signatures stable.
// ---------------------------------------------------------------------------------------------

export type UserRow = {
  id: string;
  project_id: string;
  display_name: string | null;
  profile_image_url: string | null;
  signed_up_at_millis: number;
  last_active_at_millis: number;
  client_metadata: string | null;
  client_read_only_metadata: string | null;
  server_metadata: string | null;
  password_hash: string | null;
  otp_auth_enabled: number;
  passkey_auth_enabled: number;
  totp_secret_base64: string | null;
  selected_team_id: string | null;
  is_anonymous: number;
  restricted_by_admin: number;
  restricted_by_admin_reason: string | null;
  restricted_by_admin_private_details: string | null;
  country_code: string | null;
  risk_bot: number;
  risk_free_trial_abuse: number;
};

type TeamRow = {
  id: string;
  display_name: string;
  profile_image_url: string | null;
  client_metadata: string | null;
  client_read_only_metadata: string | null;
  server_metadata: string | null;
  created_at_millis: number;
};

type ChannelRow = { user_id: string; value: string; is_verified: number; used_for_auth: number };
type OAuthRow = { user_id: string; provider_config_id: string; account_id: string; email: string | null };

const USER_COLUMNS = `id, project_id, display_name, profile_image_url, signed_up_at_millis, last_active_at_millis,
  client_metadata, client_read_only_metadata, server_metadata, password_hash, otp_auth_enabled, passkey_auth_enabled,
  totp_secret_base64, selected_team_id, is_anonymous, restricted_by_admin, restricted_by_admin_reason,
  restricted_by_admin_private_details, country_code, risk_bot, risk_free_trial_abuse`;

const readJson = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

function readStatements(db: DB) {
  return {
    userById: db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ? AND project_id = ?`),
    primaryEmail: db.prepare(
      "SELECT user_id, value, is_verified, used_for_auth FROM contact_channels WHERE user_id = ? AND type = 'email' AND is_primary = 1",
    ),
    oauth: db.prepare(
      "SELECT user_id, provider_config_id, account_id, email FROM oauth_accounts WHERE user_id = ? ORDER BY created_at_millis, id",
    ),
    team: db.prepare(
      "SELECT id, display_name, profile_image_url, client_metadata, client_read_only_metadata, server_metadata, created_at_millis FROM teams WHERE id = ?",
    ),
    projectConfig: db.prepare("SELECT config_json FROM projects WHERE id = ?").pluck(),
    channelValues: db.prepare("SELECT value FROM contact_channels WHERE user_id = ? ORDER BY created_at_millis, id").pluck(),
    displayName: db.prepare("SELECT display_name FROM users WHERE id = ?").pluck(),
    setSearchText: db.prepare("UPDATE users SET search_text = ? WHERE id = ? AND search_text IS NOT ?"),
  };
}
const readCache = new WeakMap<DB, ReturnType<typeof readStatements>>();
function rs(db: DB) {
  let s = readCache.get(db);
  if (!s) readCache.set(db, (s = readStatements(db)));
  return s;
}

// Parsed project configs, re-parsed only when the stored JSON text changes.
const configCache = new WeakMap<DB, Map<string, { raw: string; parsed: ProjectConfigLike }>>();
export type ProjectConfigLike = {
  auth?: { password?: { allowSignIn?: boolean }; otp?: { allowSignIn?: boolean }; oauth?: { providers?: Record<string, unknown> } };
  users?: { allowClientUserDeletion?: boolean };
  teams?: { createPersonalTeamOnSignUp?: boolean };
  rbac?: { defaultPermissions?: { teamCreator?: Record<string, boolean>; teamMember?: Record<string, boolean>; signUp?: Record<string, boolean> } };
  onboarding?: { requireEmailVerification?: boolean };
};
export function projectConfig(db: DB, projectId: string): ProjectConfigLike {
  const raw = rs(db).projectConfig.get(projectId) as string | undefined;
  if (raw === undefined) return {};
  let m = configCache.get(db);
  if (!m) configCache.set(db, (m = new Map()));
  const hit = m.get(projectId);
  if (hit && hit.raw === raw) return hit.parsed;
  const parsed = JSON.parse(raw) as ProjectConfigLike;
  m.set(projectId, { raw, parsed });
  return parsed;
}

/** Team read shape (server: with created_at_millis and server_metadata; client: without). */
export function teamToJson(team: TeamRow, accessType: AccessType) {
  if (accessType === "client") {
    return {
      id: team.id,
      display_name: team.display_name,
      profile_image_url: team.profile_image_url,
      client_metadata: readJson(team.client_metadata),
      client_read_only_metadata: readJson(team.client_read_only_metadata),
    };
  }
  return {
    id: team.id,
    display_name: team.display_name,
    profile_image_url: team.profile_image_url,
    created_at_millis: team.created_at_millis,
    client_metadata: readJson(team.client_metadata),
    client_read_only_metadata: readJson(team.client_read_only_metadata),
    server_metadata: readJson(team.server_metadata),
  };
}

/** restricted_reason with the contract's precedence: anonymous, unverified e-mail (if required), admin. */
export function restrictedReason(row: Pick<UserRow, "is_anonymous" | "restricted_by_admin">, primaryVerified: boolean, requireEmailVerification: boolean) {
  if (row.is_anonymous) return { type: "anonymous" as const };
  if (requireEmailVerification && !primaryVerified) return { type: "email_not_verified" as const };
  if (row.restricted_by_admin) return { type: "restricted_by_administrator" as const };
  return null;
}

function buildUserJson(
  row: UserRow,
  accessType: AccessType,
  primary: ChannelRow | undefined,
  oauth: OAuthRow[],
  team: TeamRow | undefined,
  cfg: ProjectConfigLike,
) {
  const hasPassword = row.password_hash !== null;
  const otp = !!row.otp_auth_enabled;
  const reason = restrictedReason(row, !!primary?.is_verified, !!cfg.onboarding?.requireEmailVerification);
  const oauthProviders = oauth.map((o) => ({ id: o.provider_config_id, account_id: o.account_id, email: o.email }));
  const selectedTeam = team ? teamToJson(team, accessType) : null;
  if (accessType === "client") {
    // Field order of the SDK's client read schema (current-user.js).
    return {
      id: row.id,
      primary_email: primary?.value ?? null,
      primary_email_verified: !!primary?.is_verified,
      display_name: row.display_name,
      client_metadata: readJson(row.client_metadata),
      client_read_only_metadata: readJson(row.client_read_only_metadata),
      profile_image_url: row.profile_image_url,
      signed_up_at_millis: row.signed_up_at_millis,
      has_password: hasPassword,
      auth_with_email: hasPassword || otp,
      oauth_providers: oauthProviders,
      selected_team_id: team ? row.selected_team_id : null,
      requires_totp_mfa: row.totp_secret_base64 !== null,
      otp_auth_enabled: otp,
      passkey_auth_enabled: !!row.passkey_auth_enabled,
      is_anonymous: !!row.is_anonymous,
      is_restricted: reason !== null,
      restricted_reason: reason,
      restricted_by_admin: !!row.restricted_by_admin,
      restricted_by_admin_reason: row.restricted_by_admin_reason,
      selected_team: selectedTeam,
    };
  }
  // Field order of the real server's response (real-samples.md).
  return {
    id: row.id,
    display_name: row.display_name,
    primary_email: primary?.value ?? null,
    primary_email_verified: !!primary?.is_verified,
    primary_email_auth_enabled: !!primary?.used_for_auth,
    profile_image_url: row.profile_image_url,
    signed_up_at_millis: row.signed_up_at_millis,
    client_metadata: readJson(row.client_metadata),
    client_read_only_metadata: readJson(row.client_read_only_metadata),
    server_metadata: readJson(row.server_metadata),
    has_password: hasPassword,
    otp_auth_enabled: otp,
    auth_with_email: hasPassword || otp,
    requires_totp_mfa: row.totp_secret_base64 !== null,
    passkey_auth_enabled: !!row.passkey_auth_enabled,
    oauth_providers: oauthProviders,
    selected_team_id: team ? row.selected_team_id : null,
    selected_team: selectedTeam,
    last_active_at_millis: row.last_active_at_millis,
    is_anonymous: !!row.is_anonymous,
    is_restricted: reason !== null,
    restricted_reason: reason,
    restricted_by_admin: !!row.restricted_by_admin,
    restricted_by_admin_reason: row.restricted_by_admin_reason,
    restricted_by_admin_private_details: row.restricted_by_admin_private_details,
    country_code: row.country_code,
    risk_scores: { sign_up: { bot: row.risk_bot, free_trial_abuse: row.risk_free_trial_abuse } },
  };
}

/** The user read shape for one `users` row (server/admin shape, or the client shape for `client`). */
export function userToJson(db: DB, row: UserRow, accessType: AccessType) {
  const s = rs(db);
  const primary = s.primaryEmail.get(row.id) as ChannelRow | undefined;
  const oauth = s.oauth.all(row.id) as OAuthRow[];
  const team = row.selected_team_id ? (s.team.get(row.selected_team_id) as TeamRow | undefined) : undefined;
  return buildUserJson(row, accessType, primary, oauth, team, projectConfig(db, row.project_id));
}

/** Reads a user by id and renders it; undefined when it does not exist in the project. */
export function getUserJson(db: DB, projectId: string, userId: string, accessType: AccessType) {
  const row = rs(db).userById.get(userId, projectId) as UserRow | undefined;
  return row ? userToJson(db, row, accessType) : undefined;
}

export function getUserRow(db: DB, projectId: string, userId: string): UserRow | undefined {
  return rs(db).userById.get(userId, projectId) as UserRow | undefined;
}

/** Search text of a user: lower-cased display name and every contact-channel value, one per line. */
export function computeSearchText(displayName: string | null, channelValues: string[]): string {
  return [displayName ?? "", ...channelValues].join("\n").toLowerCase();
}

/**
 * Recomputes `users.search_text` (and through triggers the trigram index) from the user's display
 * name and contact channels. Call it after any change to a user's contact channels.
 */
export function refreshUserSearchText(db: DB, userId: string) {
  const s = rs(db);
  const name = s.displayName.get(userId) as string | null | undefined;
  if (name === undefined) return;
  const text = computeSearchText(name, s.channelValues.all(userId) as string[]);
  s.setSearchText.run(text, userId, text);
}

// ---------------------------------------------------------------------------------------------

const migrations: Migration[] = [
  {
    id: "users-0001-search-index",
    sql: `
CREATE VIRTUAL TABLE users_search USING fts5(search_text, content='users', content_rowid='rowid', tokenize='trigram');
INSERT INTO users_search(users_search) VALUES ('rebuild');
CREATE TRIGGER users_search_ai AFTER INSERT ON users BEGIN
  INSERT INTO users_search(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER users_search_ad AFTER DELETE ON users BEGIN
  INSERT INTO users_search(users_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER users_search_au AFTER UPDATE OF search_text ON users BEGIN
  INSERT INTO users_search(users_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO users_search(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE INDEX users_project_anon ON users(project_id, is_anonymous);
`,
  },
];

export const usersModule: EmulatorModule = {
  name: "users",
  migrations,
  routes: [],
};
