import crypto from "node:crypto";
import { z } from "zod";
import type { AccessType, AuthContext } from "../auth";
import { json, statements, type DB } from "../db";
import { Errors, TextError } from "../errors";
import { recordWebhook, reply, route, type EmulatorModule, type EmulatorServices, type Migration } from "../router";
import { s as fields, UUID_RE } from "../validation";
import { readProjectConfig, type ProjectConfig } from "../project-bootstrap";
import { createTeam, readTeam, teamJson, type TeamRow } from "./teams";

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

type ChannelRow = { user_id: string; value: string; is_verified: number; used_for_auth: number };
type OAuthRow = { user_id: string; provider_config_id: string; account_id: string; email: string | null };

const USER_COLUMNS = `id, project_id, display_name, profile_image_url, signed_up_at_millis, last_active_at_millis,
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
const rs = statements(readStatements);

/** restricted_reason with the contract's precedence: anonymous, unverified e-mail (if required), admin. */
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
  const row = rs(db).userById.get(userId, projectId) as UserRow | undefined;
  if (!row) return undefined;
  const primary = rs(db).primaryEmail.get(userId) as ChannelRow | undefined;
  const reason = restrictedReason(row, !!primary?.is_verified, !!readProjectConfig(db, projectId).onboarding?.requireEmailVerification);
  return { isAnonymous: !!row.is_anonymous, reason };
}

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
    // Field order of the SDK's client read schema (current-user.js).
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
  // Field order of the real server's response (real-samples.md).
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
  const s = rs(db);
  const primary = s.primaryEmail.get(row.id) as ChannelRow | undefined;
  const oauth = s.oauth.all(row.id) as OAuthRow[];
  const team = row.selected_team_id ? readTeam(db, row.project_id, row.selected_team_id) : undefined;
  return buildUserJson(row, accessType, primary, oauth, team, readProjectConfig(db, row.project_id));
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
`,
  },
];


// ---------------------------------------------------------------------------------------------
// Passwords: scrypt in Modular Crypt Format. Deliberately cheap (an emulator, not a vault).
// ---------------------------------------------------------------------------------------------

const SCRYPT_LOG_N = 8;
const MCF_RE = /^\$[A-Za-z0-9-]+(\$[A-Za-z0-9+/=.,\-_]*){2,}$/;

/** `$scrypt$ln=8,r=8,p=1$<salt>$<hash>` (base64, no padding). */
export function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, 32, { N: 1 << SCRYPT_LOG_N, r: 8, p: 1 }, (err, key) => {
      if (err) reject(err);
      else resolve(`$scrypt$ln=${SCRYPT_LOG_N},r=8,p=1$${salt.toString("base64").replace(/=+$/, "")}$${key.toString("base64").replace(/=+$/, "")}`);
    });
  });
}

export function hashPasswordSync(password: string, salt = crypto.randomBytes(16)): string {
  const key = crypto.scryptSync(password, salt, 32, { N: 1 << SCRYPT_LOG_N, r: 8, p: 1 });
  return `$scrypt$ln=${SCRYPT_LOG_N},r=8,p=1$${salt.toString("base64").replace(/=+$/, "")}$${key.toString("base64").replace(/=+$/, "")}`;
}

/** Whether a string looks like a Modular Crypt Format hash (`$id$…$…`). */
export function isModularCryptHash(hash: string): boolean {
  return MCF_RE.test(hash);
}

/** Verifies a password against an emulator scrypt hash or an imported bcrypt hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const m = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/.exec(hash);
  if (m) {
    const expected = Buffer.from(m[5]!, "base64");
    const key = crypto.scryptSync(password, Buffer.from(m[4]!, "base64"), expected.length, { N: 1 << Number(m[1]), r: Number(m[2]), p: Number(m[3]), maxmem: 256 * 1024 * 1024 });
    return key.length === expected.length && crypto.timingSafeEqual(key, expected);
  }
  if (/^\$2[abxy]?\$/.test(hash)) {
    const bcrypt = await import("bcryptjs");
    return bcrypt.compare(password, hash);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Request schemas (the SDK's yup schemas of interface/crud/users.js, as zod).
// ---------------------------------------------------------------------------------------------

const base64Field = z.string().refine((v) => v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v), { message: "is not valid base64" });
const countryCodeField = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .refine((v) => /^[A-Z]{2}$/.test(v), { message: "must be a 2-letter country code" });
const riskScore = z.number().int().min(0).max(100);
const riskScoresField = z.strictObject({ sign_up: z.strictObject({ bot: riskScore, free_trial_abuse: riskScore }) });
const jsonField = z.unknown();

const updateFields = {
  display_name: z.string().max(256).nullable().optional(),
  profile_image_url: fields.imageUrl().nullable().optional(),
  client_metadata: jsonField.optional(),
  client_read_only_metadata: jsonField.optional(),
  server_metadata: jsonField.optional(),
  primary_email: fields.email().nullable().optional(),
  primary_email_verified: z.boolean().optional(),
  primary_email_auth_enabled: z.boolean().optional(),
  passkey_auth_enabled: z.boolean().optional(),
  password: z.string().max(70).nullable().optional(),
  password_hash: z.string().refine((v) => v !== "", { message: "must not be empty" }).optional(),
  otp_auth_enabled: z.boolean().optional(),
  totp_secret_base64: base64Field.nullable().optional(),
  selected_team_id: z.string().uuid().nullable().optional(),
  is_anonymous: z.literal(false).optional(),
  restricted_by_admin: z.boolean().optional(),
  restricted_by_admin_reason: z.string().nullable().optional(),
  restricted_by_admin_private_details: z.string().nullable().optional(),
  country_code: countryCodeField.nullable().optional(),
  risk_scores: riskScoresField.optional(),
};
const serverUpdateSchema = z.strictObject(updateFields);
type UpdateBody = z.infer<typeof serverUpdateSchema>;

const { selected_team_id: _omitSelectedTeam, is_anonymous: _omitAnon, ...createBase } = updateFields;
const serverCreateSchema = z.strictObject({
  ...createBase,
  oauth_providers: z
    .array(z.strictObject({ id: z.string(), account_id: z.string(), email: z.string().nullable().default(null) }))
    .optional(),
  is_anonymous: z.boolean().optional(),
});
type CreateBody = z.infer<typeof serverCreateSchema>;

// Client PATCH /users/me: the SDK's clientUpdateSchema subset; client images must be base64 data URLs.
const clientUpdateSchema = z.strictObject({
  display_name: updateFields.display_name,
  profile_image_url: z
    .string()
    .max(1_000_000)
    .refine((v) => /^data:image\/[a-z0-9.+-]+;base64,/i.test(v), { message: "must be a base64 image URL" })
    .nullable()
    .optional(),
  client_metadata: updateFields.client_metadata,
  selected_team_id: updateFields.selected_team_id,
  totp_secret_base64: updateFields.totp_secret_base64,
  otp_auth_enabled: updateFields.otp_auth_enabled,
  passkey_auth_enabled: updateFields.passkey_auth_enabled,
  primary_email: updateFields.primary_email,
});

const listQuerySchema = z.strictObject({
  limit: fields.queryInt(1, 1000).optional(),
  cursor: z.string().optional(),
  order_by: z.enum(["signed_up_at", "last_active_at"]).optional(),
  desc: fields.queryBool().optional(),
  query: z.string().optional(),
  team_id: z.string().uuid().optional(),
  include_restricted: fields.queryBool().optional(),
  include_anonymous: fields.queryBool().optional(),
  only_anonymous: fields.queryBool().optional(),
  excluded_email_domains: z.string().optional(),
});
type ListQuery = z.infer<typeof listQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Write statements
// ---------------------------------------------------------------------------------------------

function writeStatements(db: DB) {
  return {
    insertUser: db.prepare(`INSERT INTO users (id, project_id, display_name, profile_image_url, signed_up_at_millis, last_active_at_millis,
      client_metadata, client_read_only_metadata, server_metadata, password_hash, otp_auth_enabled, passkey_auth_enabled,
      totp_secret_base64, selected_team_id, is_anonymous, restricted_by_admin, restricted_by_admin_reason,
      restricted_by_admin_private_details, country_code, risk_bot, risk_free_trial_abuse, search_text)
      VALUES (@id, @project_id, @display_name, @profile_image_url, @signed_up_at_millis, @last_active_at_millis,
      @client_metadata, @client_read_only_metadata, @server_metadata, @password_hash, @otp_auth_enabled, @passkey_auth_enabled,
      @totp_secret_base64, @selected_team_id, @is_anonymous, @restricted_by_admin, @restricted_by_admin_reason,
      @restricted_by_admin_private_details, @country_code, @risk_bot, @risk_free_trial_abuse, @search_text)`),
    updateUser: db.prepare(`UPDATE users SET display_name = @display_name, profile_image_url = @profile_image_url,
      signed_up_at_millis = @signed_up_at_millis, last_active_at_millis = @last_active_at_millis,
      client_metadata = @client_metadata, client_read_only_metadata = @client_read_only_metadata, server_metadata = @server_metadata,
      password_hash = @password_hash, otp_auth_enabled = @otp_auth_enabled, passkey_auth_enabled = @passkey_auth_enabled,
      totp_secret_base64 = @totp_secret_base64, selected_team_id = @selected_team_id, is_anonymous = @is_anonymous,
      restricted_by_admin = @restricted_by_admin, restricted_by_admin_reason = @restricted_by_admin_reason,
      restricted_by_admin_private_details = @restricted_by_admin_private_details, country_code = @country_code,
      risk_bot = @risk_bot, risk_free_trial_abuse = @risk_free_trial_abuse
      WHERE id = @id AND project_id = @project_id`),
    insertChannel: db.prepare(`INSERT INTO contact_channels (id, project_id, user_id, type, value, value_lower, is_primary, is_verified, used_for_auth, created_at_millis)
      VALUES (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?)`),
    authOwner: db
      .prepare("SELECT user_id FROM contact_channels WHERE project_id = ? AND type = 'email' AND value_lower = ? AND used_for_auth = 1 AND user_id <> ?")
      .pluck(),
    userChannelByValue: db.prepare("SELECT id, is_verified, used_for_auth, is_primary FROM contact_channels WHERE user_id = ? AND type = 'email' AND value_lower = ?"),
    primaryChannel: db.prepare("SELECT id, value, is_verified, used_for_auth FROM contact_channels WHERE user_id = ? AND type = 'email' AND is_primary = 1"),
    demoteAll: db.prepare("UPDATE contact_channels SET is_primary = 0 WHERE user_id = ? AND type = 'email' AND is_primary = 1"),
    setChannel: db.prepare("UPDATE contact_channels SET is_primary = ?, is_verified = ?, used_for_auth = ? WHERE id = ?"),
    insertOAuth: db.prepare(`INSERT INTO oauth_accounts (id, project_id, user_id, provider_config_id, type, account_id, email, allow_sign_in, allow_connected_accounts, created_at_millis)
      VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, ?)`),
    oauthSignInOwner: db
      .prepare("SELECT user_id FROM oauth_accounts WHERE project_id = ? AND provider_config_id = ? AND account_id = ? AND allow_sign_in = 1")
      .pluck(),
    insertProjectPermission: db.prepare("INSERT OR IGNORE INTO project_permissions (project_id, user_id, permission_id) VALUES (?, ?, ?)"),
    permissionDefExists: db.prepare("SELECT 1 FROM permission_definitions WHERE project_id = ? AND scope = ? AND id = ?").pluck(),
    isMember: db.prepare("SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ?").pluck(),
    teamsOfUser: db.prepare("SELECT team_id FROM team_members WHERE user_id = ? ORDER BY created_at_millis, team_id").pluck(),
    personalTeamsOfUser: db.prepare(
      "SELECT t.id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ? AND t.display_name = 'Personal Team'",
    ).pluck(),
    selectTeam: db.prepare("UPDATE users SET selected_team_id = ? WHERE id = ?"),
    renameTeam: db.prepare("UPDATE teams SET display_name = ? WHERE id = ?"),
    deleteSessions: db.prepare("DELETE FROM sessions WHERE user_id = ?"),
    deleteUser: db.prepare("DELETE FROM users WHERE id = ? AND project_id = ?"),
    cursorRow: db.prepare("SELECT signed_up_at_millis, last_active_at_millis FROM users WHERE id = ? AND project_id = ?"),
    ftsCount: db.prepare("SELECT count(*) FROM (SELECT rowid FROM users_search WHERE users_search MATCH ? LIMIT 2000)").pluck(),
  };
}
const ws = statements(writeStatements);

const normalizeEmail = (email: string) => email.trim().toLowerCase();

function isAuthConflict(err: unknown) {
  return (
    err instanceof Error &&
    (err as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE" &&
    err.message.includes("contact_channels.project_id")
  );
}

/** 409 if another user of the project already signs in with this address. */
function assertEmailFreeForAuth(db: DB, projectId: string, valueLower: string, userId: string) {
  if (ws(db).authOwner.get(projectId, valueLower, userId) !== undefined) throw Errors.contactChannelAlreadyUsedForAuth(valueLower);
}

function teamNameFor(displayName: string | null | undefined, primaryEmail: string | null | undefined) {
  if (displayName) return `${displayName}'s Team`;
  if (primaryEmail) return `${primaryEmail}'s Team`;
  return "Personal Team";
}

function passwordSignInEnabled(cfg: ProjectConfig) {
  return cfg.auth?.password?.allowSignIn !== false;
}
function otpSignInEnabled(cfg: ProjectConfig) {
  return cfg.auth?.otp?.allowSignIn === true;
}

const enabledIds = (m: Record<string, boolean> | undefined) => Object.entries(m ?? {}).filter(([, v]) => v).map(([k]) => k);

// ---------------------------------------------------------------------------------------------
// Create
// ---------------------------------------------------------------------------------------------

export async function createUser(services: EmulatorServices, projectId: string, body: CreateBody) {
  const db = services.db;
  const cfg = readProjectConfig(db, projectId);
  const email = body.primary_email != null ? normalizeEmail(body.primary_email) : null;

  if (body.primary_email_verified && !email) throw new TextError(400, "primary_email_verified cannot be true without primary_email");
  if (body.primary_email_auth_enabled && !email) throw new TextError(400, "primary_email_auth_enabled cannot be true without primary_email");
  if (body.password != null && body.password_hash !== undefined) throw new TextError(400, "Cannot set both password and password_hash at the same time.");
  if ((body.password != null || body.password_hash !== undefined) && !passwordSignInEnabled(cfg)) {
    throw new TextError(400, "Cannot set a password for a user: password sign-in (credential_enabled) is disabled for this project.");
  }
  if (body.password_hash !== undefined && !isModularCryptHash(body.password_hash)) {
    throw new TextError(400, "Invalid password hash. Make sure it's a supported algorithm in Modular Crypt Format.");
  }
  if (body.otp_auth_enabled && !otpSignInEnabled(cfg)) {
    throw new TextError(400, "Cannot enable OTP sign-in for a user: magic link sign-in (magic_link_enabled) is disabled for this project.");
  }
  if (!body.restricted_by_admin && (body.restricted_by_admin_reason != null || body.restricted_by_admin_private_details != null)) {
    throw new TextError(400, "restricted_by_admin_reason and restricted_by_admin_private_details can only be set when restricted_by_admin is true.");
  }
  const providers = (cfg.auth?.oauth?.providers ?? {}) as Record<string, { type?: string } | undefined>;
  for (const p of body.oauth_providers ?? []) {
    if (!providers[p.id]) throw new TextError(400, `OAuth provider ${p.id} not found or not enabled in this project.`);
  }

  const passwordHash =
    body.password_hash !== undefined ? body.password_hash : body.password != null ? await hashPassword(body.password) : null;

  const st = ws(db);
  const userId = crypto.randomUUID();
  const now = services.now();
  const displayName = body.display_name === "" ? null : (body.display_name ?? null);
  let after: (() => void)[] = [];

  try {
    db.transaction(() => {
      after = [];
      st.insertUser.run({
        id: userId,
        project_id: projectId,
        display_name: displayName,
        profile_image_url: body.profile_image_url ?? null,
        signed_up_at_millis: now,
        last_active_at_millis: now,
        client_metadata: json.write(body.client_metadata),
        client_read_only_metadata: json.write(body.client_read_only_metadata),
        server_metadata: json.write(body.server_metadata),
        password_hash: passwordHash,
        otp_auth_enabled: body.otp_auth_enabled ? 1 : 0,
        passkey_auth_enabled: 0,
        totp_secret_base64: body.totp_secret_base64 ?? null,
        selected_team_id: null,
        is_anonymous: body.is_anonymous ? 1 : 0,
        restricted_by_admin: body.restricted_by_admin ? 1 : 0,
        restricted_by_admin_reason: body.restricted_by_admin ? (body.restricted_by_admin_reason ?? null) : null,
        restricted_by_admin_private_details: body.restricted_by_admin ? (body.restricted_by_admin_private_details ?? null) : null,
        country_code: body.country_code ?? null,
        risk_bot: body.risk_scores?.sign_up.bot ?? 0,
        risk_free_trial_abuse: body.risk_scores?.sign_up.free_trial_abuse ?? 0,
        search_text: computeSearchText(displayName, email ? [email] : []),
      });
      if (email) {
        if (body.primary_email_auth_enabled) assertEmailFreeForAuth(db, projectId, email, userId);
        st.insertChannel.run(crypto.randomUUID(), projectId, userId, email, email, 1, body.primary_email_verified ? 1 : 0, body.primary_email_auth_enabled ? 1 : 0, now);
      }
      for (const p of body.oauth_providers ?? []) {
        if (st.oauthSignInOwner.get(projectId, p.id, p.account_id) !== undefined) throw Errors.oauthProviderAccountIdAlreadyUsedForSignIn();
        st.insertOAuth.run(crypto.randomUUID(), projectId, userId, p.id, providers[p.id]?.type ?? p.id, p.account_id, p.email ?? null, now);
      }
      for (const p of enabledIds(cfg.rbac?.defaultPermissions?.signUp)) {
        if (st.permissionDefExists.get(projectId, "project", p)) st.insertProjectPermission.run(projectId, userId, p);
      }
      if (cfg.teams?.createPersonalTeamOnSignUp) {
        // The shared team creation (creator membership, default permissions); its webhooks
        // (team.created, team_membership.created, team_permission.created) go out after user.created.
        const events: Parameters<EmulatorServices["record"]>[] = [];
        const team = createTeam(db, {
          projectId,
          displayName: teamNameFor(displayName, email),
          creatorUserId: userId,
          now,
          record: (...event) => {
            events.push(event);
            return "";
          },
        });
        st.selectTeam.run(team.id, userId);
        after.push(() => events.forEach((event) => services.record(...event)));
      }
    })();
  } catch (err) {
    if (isAuthConflict(err)) throw Errors.contactChannelAlreadyUsedForAuth(email);
    throw err;
  }
  const user = getUserJson(db, projectId, userId, "server")!;
  recordWebhook(services, projectId, "user.created", user);
  for (const f of after) f();
  return user;
}

// ---------------------------------------------------------------------------------------------
// Update
// ---------------------------------------------------------------------------------------------

export async function updateUser(services: EmulatorServices, projectId: string, userId: string, body: UpdateBody) {
  const db = services.db;
  const cfg = readProjectConfig(db, projectId);
  const st = ws(db);
  const existing = getUserRow(db, projectId, userId);
  if (!existing) throw Errors.userNotFound();

  if (body.password != null && body.password_hash !== undefined) throw new TextError(400, "Cannot set both password and password_hash at the same time.");
  const settingPassword = body.password != null || body.password_hash !== undefined;
  if (settingPassword && !passwordSignInEnabled(cfg)) {
    throw new TextError(400, "Cannot set a password for a user: password sign-in (credential_enabled) is disabled for this project.");
  }
  if (body.password_hash !== undefined && !isModularCryptHash(body.password_hash)) {
    throw new TextError(400, "Invalid password hash. Make sure it's a supported algorithm in Modular Crypt Format.");
  }
  if (body.otp_auth_enabled === true && !otpSignInEnabled(cfg)) {
    throw new TextError(400, "Cannot enable OTP sign-in for a user: magic link sign-in (magic_link_enabled) is disabled for this project.");
  }
  if (body.passkey_auth_enabled === true) throw new TextError(400, "Cannot enable passkey authentication: passkeys can only be registered by the user.");
  const effectiveRestricted = body.restricted_by_admin ?? !!existing.restricted_by_admin;
  if (!effectiveRestricted && (body.restricted_by_admin_reason != null || body.restricted_by_admin_private_details != null)) {
    throw new TextError(400, "restricted_by_admin_reason and restricted_by_admin_private_details can only be set when restricted_by_admin is true.");
  }

  const passwordHash =
    body.password_hash !== undefined ? body.password_hash : body.password != null ? await hashPassword(body.password) : undefined;
  const now = services.now();
  let after: (() => void)[] = [];
  const newEmail = body.primary_email != null ? normalizeEmail(body.primary_email) : body.primary_email;

  try {
    db.transaction(() => {
      after = [];
      const row = getUserRow(db, projectId, userId);
      if (!row) throw Errors.userNotFound();
      const next = { ...row };
      let channelsChanged = false;

      if (body.display_name !== undefined) next.display_name = body.display_name === "" ? null : body.display_name;
      if (body.profile_image_url !== undefined) next.profile_image_url = body.profile_image_url;
      if (body.client_metadata !== undefined) next.client_metadata = json.write(body.client_metadata);
      if (body.client_read_only_metadata !== undefined) next.client_read_only_metadata = json.write(body.client_read_only_metadata);
      if (body.server_metadata !== undefined) next.server_metadata = json.write(body.server_metadata);

      // Primary e-mail (new-server semantics: demote, never delete).
      if (newEmail === null) {
        st.demoteAll.run(userId);
        channelsChanged = true;
      } else if (newEmail !== undefined) {
        const current = st.primaryChannel.get(userId) as { id: string; value: string; is_verified: number; used_for_auth: number } | undefined;
        const same = st.userChannelByValue.get(userId, newEmail) as { id: string; is_verified: number; used_for_auth: number; is_primary: number } | undefined;
        if (same) {
          if (!same.is_primary) {
            st.demoteAll.run(userId);
            const auth = body.primary_email_auth_enabled ?? !!same.used_for_auth;
            if (auth) assertEmailFreeForAuth(db, projectId, newEmail, userId);
            st.setChannel.run(1, (body.primary_email_verified ?? !!same.is_verified) ? 1 : 0, auth ? 1 : 0, same.id);
            channelsChanged = true;
          }
        } else {
          const auth = body.primary_email_auth_enabled ?? (current ? !!current.used_for_auth : false);
          st.demoteAll.run(userId);
          if (auth) assertEmailFreeForAuth(db, projectId, newEmail, userId);
          st.insertChannel.run(crypto.randomUUID(), projectId, userId, newEmail, newEmail, 1, body.primary_email_verified ? 1 : 0, auth ? 1 : 0, now);
          channelsChanged = true;
        }
      }
      if (newEmail !== null && (body.primary_email_verified !== undefined || body.primary_email_auth_enabled !== undefined)) {
        const primary = st.primaryChannel.get(userId) as { id: string; value: string; is_verified: number; used_for_auth: number } | undefined;
        if (primary) {
          const verified = body.primary_email_verified ?? !!primary.is_verified;
          const auth = body.primary_email_auth_enabled ?? !!primary.used_for_auth;
          if (auth && !primary.used_for_auth) assertEmailFreeForAuth(db, projectId, primary.value.toLowerCase(), userId);
          st.setChannel.run(1, verified ? 1 : 0, auth ? 1 : 0, primary.id);
        } else if (body.primary_email_auth_enabled === true) {
          throw new TextError(400, "primary_email_auth_enabled cannot be true without a primary e-mail.");
        }
      }

      if (passwordHash !== undefined || body.password === null) {
        if (passwordHash !== undefined && !st.primaryChannel.get(userId)) {
          // Documented deviation: the real server answers 500 here.
          throw new TextError(400, "Cannot set a password for a user without a primary e-mail.");
        }
        next.password_hash = passwordHash ?? null;
        st.deleteSessions.run(userId);
      }
      if (body.otp_auth_enabled !== undefined) next.otp_auth_enabled = body.otp_auth_enabled ? 1 : 0;
      if (body.passkey_auth_enabled === false) next.passkey_auth_enabled = 0;
      if (body.totp_secret_base64 !== undefined) next.totp_secret_base64 = body.totp_secret_base64;
      if (body.selected_team_id !== undefined) {
        if (body.selected_team_id !== null && !st.isMember.get(body.selected_team_id, userId)) {
          throw Errors.teamMembershipNotFound(body.selected_team_id, userId);
        }
        next.selected_team_id = body.selected_team_id;
      }
      if (body.is_anonymous === false && row.is_anonymous) {
        next.is_anonymous = 0;
        next.signed_up_at_millis = now;
        const primary = st.primaryChannel.get(userId) as { value: string } | undefined;
        for (const teamId of st.personalTeamsOfUser.all(userId) as string[]) {
          st.renameTeam.run(teamNameFor(next.display_name, primary?.value), teamId);
        }
      }
      if (body.restricted_by_admin !== undefined) next.restricted_by_admin = body.restricted_by_admin ? 1 : 0;
      if (!next.restricted_by_admin) {
        next.restricted_by_admin_reason = null;
        next.restricted_by_admin_private_details = null;
      } else {
        if (body.restricted_by_admin_reason !== undefined) next.restricted_by_admin_reason = body.restricted_by_admin_reason;
        if (body.restricted_by_admin_private_details !== undefined) next.restricted_by_admin_private_details = body.restricted_by_admin_private_details;
      }
      if (body.country_code !== undefined) next.country_code = body.country_code;
      if (body.risk_scores !== undefined) {
        next.risk_bot = body.risk_scores.sign_up.bot;
        next.risk_free_trial_abuse = body.risk_scores.sign_up.free_trial_abuse;
      }
      if (next.last_active_at_millis < next.signed_up_at_millis) next.last_active_at_millis = next.signed_up_at_millis;

      st.updateUser.run(next);
      if (channelsChanged || next.display_name !== row.display_name) refreshUserSearchText(db, userId);
    })();
  } catch (err) {
    if (isAuthConflict(err)) throw Errors.contactChannelAlreadyUsedForAuth(typeof newEmail === "string" ? newEmail : null);
    throw err;
  }
  const user = getUserJson(db, projectId, userId, "server")!;
  recordWebhook(services, projectId, "user.updated", user);
  for (const f of after) f();
  return user;
}

// ---------------------------------------------------------------------------------------------
// Delete
// ---------------------------------------------------------------------------------------------

export function deleteUser(services: EmulatorServices, projectId: string, userId: string) {
  const db = services.db;
  const st = ws(db);
  let teams: string[] = [];
  db.transaction(() => {
    if (!getUserRow(db, projectId, userId)) throw Errors.userNotFound();
    teams = st.teamsOfUser.all(userId) as string[];
    st.deleteUser.run(userId, projectId);
  })();
  for (const teamId of teams) recordWebhook(services, projectId, "team_membership.deleted", { team_id: teamId, user_id: userId });
  recordWebhook(services, projectId, "user.deleted", { id: userId, teams: teams.map((id) => ({ id })) });
}

// ---------------------------------------------------------------------------------------------
// List
// ---------------------------------------------------------------------------------------------

const listStmtCache = new WeakMap<DB, Map<string, ReturnType<DB["prepare"]>>>();
function listStatement(db: DB, key: string, build: () => string) {
  let m = listStmtCache.get(db);
  if (!m) listStmtCache.set(db, (m = new Map()));
  let st = m.get(key);
  if (!st) m.set(key, (st = db.prepare(build())));
  return st;
}

export function listUsers(db: DB, projectId: string, q: ListQuery, accessType: AccessType) {
  if (q.only_anonymous && !q.include_anonymous) {
    throw new TextError(400, "only_anonymous=true requires include_anonymous=true.");
  }
  const cfg = readProjectConfig(db, projectId);
  const requireVerified = !!cfg.onboarding?.requireEmailVerification;
  const col = q.order_by === "last_active_at" ? "last_active_at_millis" : "signed_up_at_millis";
  const desc = q.desc === true;
  const dir = desc ? "DESC" : "ASC";
  const filter = q.only_anonymous ? "only_anon" : q.include_anonymous ? "all" : q.include_restricted ? "restricted" : "normal";
  const params: Record<string, unknown> = { project_id: projectId };

  let cursor = false;
  if (q.cursor !== undefined) {
    const c = ws(db).cursorRow.get(q.cursor, projectId) as { signed_up_at_millis: number; last_active_at_millis: number } | undefined;
    if (!c) throw new TextError(400, "The given cursor does not refer to an existing user of this project.");
    cursor = true;
    params.c_val = c[col];
    params.c_id = q.cursor;
  }

  // Free-text search: exact id if UUID, else case-insensitive substring of search_text.
  let search: "none" | "fts" | "scan" = "none";
  let searchById = false;
  const text = q.query?.toLowerCase() ?? "";
  if (text !== "") {
    searchById = UUID_RE.test(text);
    if (searchById) params.q_id = text;
    if (text.length >= 3) {
      const fts = `"${text.replace(/"/g, '""')}"`;
      // Dense matches: walking the sort index and testing each row finds a page fastest.
      const n = ws(db).ftsCount.get(fts) as number;
      if (n >= 2000) {
        search = "scan";
        params.q = text;
      } else {
        search = "fts";
        params.fts = fts;
      }
    } else {
      search = "scan";
      params.q = text;
    }
  }
  const excluded = (q.excluded_email_domains ?? "")
    .split(",")
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  if (excluded.length) params.excluded = JSON.stringify(excluded);
  if (q.team_id) params.team_id = q.team_id;

  const limit = q.limit ?? 1000;
  params.lim = limit + 1;
  const key = [col, dir, cursor, filter, requireVerified, search, searchById, excluded.length > 0, !!q.team_id].join("|");
  const stmt = listStatement(db, key, () => {
    const where: string[] = ["u.project_id = @project_id"];
    if (filter === "normal") {
      where.push("u.is_anonymous = 0", "u.restricted_by_admin = 0");
      if (requireVerified) {
        where.push("EXISTS (SELECT 1 FROM contact_channels c WHERE c.user_id = u.id AND c.type = 'email' AND c.is_primary = 1 AND c.is_verified = 1)");
      }
    } else if (filter === "restricted") where.push("u.is_anonymous = 0");
    else if (filter === "only_anon") where.push("u.is_anonymous = 1");
    // Few matches: drive the query from the trigram index (then sort the matches); many
    // matches: walk the sort index and test each row (a page fills up quickly).
    const ftsMatches = `SELECT rowid AS rid FROM users_search WHERE users_search MATCH @fts${searchById ? " UNION SELECT rowid FROM users WHERE id = @q_id" : ""}`;
    if (search === "scan") where.push(searchById ? "(u.id = @q_id OR instr(u.search_text, @q) > 0)" : "instr(u.search_text, @q) > 0");
    else if (search === "fts" && q.team_id) where.push(`u.rowid IN (${ftsMatches})`);
    if (excluded.length > 0) {
      where.push(`NOT EXISTS (SELECT 1 FROM contact_channels c WHERE c.user_id = u.id AND c.type = 'email' AND c.is_primary = 1
        AND substr(c.value_lower, instr(c.value_lower, '@') + 1) IN (SELECT value FROM json_each(@excluded)))`);
    }
    if (cursor) where.push(`(u.${col}, u.id) ${desc ? "<" : ">"} (@c_val, @c_id)`);
    const from = q.team_id
      ? "team_members tm CROSS JOIN users u ON u.id = tm.user_id"
      : search === "fts"
        ? `(${ftsMatches}) m CROSS JOIN users u ON u.rowid = m.rid`
        : "users u";
    if (q.team_id) where.unshift("tm.team_id = @team_id");
    return `SELECT ${USER_COLUMNS.split(",").map((c) => "u." + c.trim()).join(", ")} FROM ${from}
      WHERE ${where.join(" AND ")} ORDER BY u.${col} ${dir}, u.id ${dir} LIMIT @lim`;
  });
  const rows = stmt.all(params) as UserRow[];
  if (q.limit === undefined && rows.length > 1000) {
    throw new TextError(400, "This project has more than 1000 matching users. Please specify a limit (at most 1000) and paginate with the cursor.");
  }
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: page.map((r) => userToJson(db, r, accessType)),
    is_paginated: true,
    pagination: { next_cursor: hasMore ? page[page.length - 1]!.id : null },
  };
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

function currentUserId(auth: AuthContext) {
  if (!auth.userId) throw Errors.cannotGetOwnUserWithoutUser();
  return auth.userId;
}

export const usersModule: EmulatorModule = {
  name: "users",
  migrations,
  routes: [
    // /users/me first: it shadows /users/:user_id and also serves client access (§6.18).
    route({
      method: "GET",
      path: "/users/me",
      access: ["client", "server", "admin"],
      handler: ({ auth, services }) => {
        const user = getUserJson(services.db, auth.projectId, currentUserId(auth), auth.accessType);
        if (!user) throw Errors.userNotFound();
        return user;
      },
    }),
    route({
      method: "PATCH",
      path: "/users/me",
      access: ["client", "server", "admin"],
      body: (a: AccessType) => (a === "client" ? clientUpdateSchema : serverUpdateSchema) as z.ZodType<UpdateBody>,
      handler: async ({ auth, services, body }) => {
        const userId = currentUserId(auth);
        await updateUser(services, auth.projectId, userId, body ?? {});
        return getUserJson(services.db, auth.projectId, userId, auth.accessType);
      },
    }),
    route({
      method: "DELETE",
      path: "/users/me",
      access: ["client", "server", "admin"],
      body: z.unknown(),
      handler: ({ auth, services }) => {
        const userId = currentUserId(auth);
        if (auth.accessType === "client" && readProjectConfig(services.db, auth.projectId).users?.allowClientUserDeletion !== true) {
          throw new TextError(400, "Client user deletion is not enabled for this project.");
        }
        deleteUser(services, auth.projectId, userId);
        return reply.success();
      },
    }),
    route({
      method: "GET",
      path: "/users",
      access: ["server", "admin"],
      query: listQuerySchema,
      handler: ({ auth, services, query }) => listUsers(services.db, auth.projectId, query, auth.accessType),
    }),
    route({
      method: "POST",
      path: "/users",
      access: ["server", "admin"],
      body: serverCreateSchema,
      handler: async ({ auth, services, body }) => reply.created(await createUser(services, auth.projectId, body)),
    }),
    route({
      method: "GET",
      path: "/users/:user_id",
      access: ["server", "admin"],
      params: z.strictObject({ user_id: fields.userIdOrMe() }),
      handler: ({ auth, services, params, userIdOrMe }) => {
        const user = getUserJson(services.db, auth.projectId, userIdOrMe(params.user_id), auth.accessType);
        if (!user) throw Errors.userNotFound();
        return user;
      },
    }),
    route({
      method: "PATCH",
      path: "/users/:user_id",
      access: ["server", "admin"],
      params: z.strictObject({ user_id: fields.userIdOrMe() }),
      body: serverUpdateSchema,
      handler: async ({ auth, services, params, body, userIdOrMe }) =>
        updateUser(services, auth.projectId, userIdOrMe(params.user_id), body),
    }),
    route({
      method: "DELETE",
      path: "/users/:user_id",
      access: ["server", "admin"],
      params: z.strictObject({ user_id: fields.userIdOrMe() }),
      body: z.unknown(),
      handler: ({ auth, services, params, userIdOrMe }) => {
        deleteUser(services, auth.projectId, userIdOrMe(params.user_id));
        return reply.success();
      },
    }),
  ],
};
