import type { AccessType } from "../../auth";
import { json, statements, type DB } from "../../db";
import { readProjectConfig, type ProjectConfig } from "../../project-bootstrap";
import { readTeam, teamJson, type TeamRow } from "../teams";
import { restrictedReason, userReads, type ChannelRow, type OAuthRow, type UserRow } from "./model";

// The user read shapes: `currentUserCrud`'s client read schema for client access,
// usersCrudServerReadSchema otherwise.

function buildUserJson(
  row: UserRow,
  accessType: AccessType,
  primary: ChannelRow | undefined,
  oauth: OAuthRow[],
  team: TeamRow | undefined,
  cfg: ProjectConfig,
) {
  const hasPassword = row.password_hash !== null;
  const otp = !!row.otp_auth_enabled;
  const reason = restrictedReason(row, !!primary?.is_verified, !!cfg.onboarding?.requireEmailVerification);
  const oauthProviders = oauth.map((o) => ({ id: o.provider_config_id, account_id: o.account_id, email: o.email }));
  const selectedTeam = team ? teamJson(team, accessType) : null;
  if (accessType === "client") {
    // Field order of the client read schema of stack-shared's `currentUserCrud`.
    return {
      id: row.id,
      primary_email: primary?.value ?? null,
      primary_email_verified: !!primary?.is_verified,
      display_name: row.display_name,
      client_metadata: json.read(row.client_metadata),
      client_read_only_metadata: json.read(row.client_read_only_metadata),
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
  // Field order of a real 2.8.86 server's response (REAL_USER_KEYS in emulator/test/fidelity.test.ts).
  return {
    id: row.id,
    display_name: row.display_name,
    primary_email: primary?.value ?? null,
    primary_email_verified: !!primary?.is_verified,
    primary_email_auth_enabled: !!primary?.used_for_auth,
    profile_image_url: row.profile_image_url,
    signed_up_at_millis: row.signed_up_at_millis,
    client_metadata: json.read(row.client_metadata),
    client_read_only_metadata: json.read(row.client_read_only_metadata),
    server_metadata: json.read(row.server_metadata),
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
  return usersToJson(db, [row], accessType)[0]!;
}

// A page of users in a few statements rather than three or four per row: the primary e-mails and
// OAuth accounts of every row at once (json_each over the ids), the project config and each
// selected team once.
const pageReads = statements((db: DB) => ({
  primaryEmails: db.prepare(
    `SELECT c.user_id, c.value, c.is_verified, c.used_for_auth FROM json_each(?) j
     JOIN contact_channels c ON c.user_id = j.value AND c.type = 'email' AND c.is_primary = 1`,
  ),
  oauth: db.prepare(
    `SELECT o.user_id, o.provider_config_id, o.account_id, o.email FROM json_each(?) j
     JOIN oauth_accounts o ON o.user_id = j.value ORDER BY o.user_id, o.created_at_millis, o.rowid`,
  ),
}));

/** The user read shapes of several rows of one project, in the order given. */
export function usersToJson(db: DB, rows: UserRow[], accessType: AccessType) {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const s = pageReads(db);
  const primary = new Map((s.primaryEmails.all(ids) as ChannelRow[]).map((c) => [c.user_id, c]));
  const oauth = new Map<string, OAuthRow[]>();
  for (const o of s.oauth.all(ids) as OAuthRow[]) (oauth.get(o.user_id) ?? oauth.set(o.user_id, []).get(o.user_id)!).push(o);
  const teams = new Map<string, TeamRow | undefined>();
  const team = (r: UserRow) => {
    if (!r.selected_team_id) return undefined;
    if (!teams.has(r.selected_team_id)) teams.set(r.selected_team_id, readTeam(db, r.project_id, r.selected_team_id));
    return teams.get(r.selected_team_id);
  };
  const cfg = readProjectConfig(db, rows[0]!.project_id);
  return rows.map((r) => buildUserJson(r, accessType, primary.get(r.id), oauth.get(r.id) ?? [], team(r), cfg));
}

/** Reads a user by id and renders it; undefined when it does not exist in the project. */
export function getUserJson(db: DB, projectId: string, userId: string, accessType: AccessType) {
  const row = userReads(db).userById.get(userId, projectId) as UserRow | undefined;
  return row ? userToJson(db, row, accessType) : undefined;
}
