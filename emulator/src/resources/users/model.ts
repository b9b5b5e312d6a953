import type { DB } from "../../db";
import { statements } from "../../db";
import type { Migration } from "../../router";
import { readProjectConfig } from "../../project-bootstrap";

// The stored user: its row, the reads other modules share, the restriction rule and the search text.

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

export type ChannelRow = { user_id: string; value: string; is_verified: number; used_for_auth: number };
export type OAuthRow = { user_id: string; provider_config_id: string; account_id: string; email: string | null };

export const USER_COLUMNS = `id, project_id, display_name, profile_image_url, signed_up_at_millis, last_active_at_millis,
  client_metadata, client_read_only_metadata, server_metadata, password_hash, otp_auth_enabled, passkey_auth_enabled,
  totp_secret_base64, selected_team_id, is_anonymous, restricted_by_admin, restricted_by_admin_reason,
  restricted_by_admin_private_details, country_code, risk_bot, risk_free_trial_abuse`;


function readStatements(db: DB) {
  return {
    userById: db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ? AND project_id = ?`),
    primaryEmail: db.prepare(
      "SELECT user_id, value, is_verified, used_for_auth FROM contact_channels WHERE user_id = ? AND type = 'email' AND is_primary = 1",
    ),
    oauth: db.prepare(
      "SELECT user_id, provider_config_id, account_id, email FROM oauth_accounts WHERE user_id = ? ORDER BY created_at_millis, rowid",
    ),
    channelValues: db.prepare("SELECT value FROM contact_channels WHERE user_id = ? ORDER BY created_at_millis, rowid").pluck(),
    displayName: db.prepare("SELECT display_name FROM users WHERE id = ?").pluck(),
    setSearchText: db.prepare("UPDATE users SET search_text = ? WHERE id = ? AND search_text IS NOT ?"),
  };
}
export const userReads = statements(readStatements);

/** restricted_reason with the real server's precedence: anonymous, unverified e-mail (if required), admin. */
export function restrictedReason(row: Pick<UserRow, "is_anonymous" | "restricted_by_admin">, primaryVerified: boolean, requireEmailVerification: boolean) {
  if (row.is_anonymous) return { type: "anonymous" as const };
  if (requireEmailVerification && !primaryVerified) return { type: "email_not_verified" as const };
  if (row.restricted_by_admin) return { type: "restricted_by_administrator" as const };
  return null;
}

/**
 * The restriction of a stored user (undefined if the user does not exist in the project):
 * the one place besides the read shape that applies the precedence above.
 */
export function userRestriction(db: DB, projectId: string, userId: string) {
  const row = userReads(db).userById.get(userId, projectId) as UserRow | undefined;
  if (!row) return undefined;
  const primary = userReads(db).primaryEmail.get(userId) as ChannelRow | undefined;
  const reason = restrictedReason(row, !!primary?.is_verified, !!readProjectConfig(db, projectId).onboarding?.requireEmailVerification);
  return { isAnonymous: !!row.is_anonymous, reason };
}

export function getUserRow(db: DB, projectId: string, userId: string): UserRow | undefined {
  return userReads(db).userById.get(userId, projectId) as UserRow | undefined;
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
  const s = userReads(db);
  const name = s.displayName.get(userId) as string | null | undefined;
  if (name === undefined) return;
  const text = computeSearchText(name, s.channelValues.all(userId) as string[]);
  s.setSearchText.run(text, userId, text);
}

export const migrations: Migration[] = [
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
`,
  },
];

