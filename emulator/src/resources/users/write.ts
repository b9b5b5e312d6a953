import crypto from "node:crypto";
import { json, statements, type DB } from "../../db";
import { Errors, TextError } from "../../errors";
import { readProjectConfig, type ProjectConfig } from "../../project-bootstrap";
import { recordWebhook, type EmulatorServices } from "../../router";
import { createTeam } from "../teams";
import { getUserJson } from "./json";
import { computeSearchText, getUserRow, refreshUserSearchText } from "./model";
import { hashPasswordSync, isModularCryptHash } from "./passwords";
import type { CreateBody, UpdateBody } from "./schemas";

// Create, update and delete, each in one transaction with its webhooks: the outbox rows commit
// with the change they describe (one commit per write instead of one per row: at 1,000,000 users
// a commit writes its ~45 dirty pages to the WAL).

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

type AuthMethodFields = Pick<UpdateBody, "password" | "password_hash" | "otp_auth_enabled">;

/** The password and OTP rules create and update share (400 text, in the real server's order). */
function assertAuthMethodsAllowed(cfg: ProjectConfig, body: AuthMethodFields) {
  if (body.password != null && body.password_hash !== undefined) throw new TextError(400, "Cannot set both password and password_hash at the same time.");
  if ((body.password != null || body.password_hash !== undefined) && cfg.auth?.password?.allowSignIn === false) {
    throw new TextError(400, "Cannot set a password for a user: password sign-in (credential_enabled) is disabled for this project.");
  }
  if (body.password_hash !== undefined && !isModularCryptHash(body.password_hash)) {
    throw new TextError(400, "Invalid password hash. Make sure it's a supported algorithm in Modular Crypt Format.");
  }
  if (body.otp_auth_enabled === true && cfg.auth?.otp?.allowSignIn !== true) {
    throw new TextError(400, "Cannot enable OTP sign-in for a user: magic link sign-in (magic_link_enabled) is disabled for this project.");
  }
}

/** A reason or private details only go with a restriction. */
function assertRestrictionDetails(restricted: boolean, body: Pick<UpdateBody, "restricted_by_admin_reason" | "restricted_by_admin_private_details">) {
  if (!restricted && (body.restricted_by_admin_reason != null || body.restricted_by_admin_private_details != null)) {
    throw new TextError(400, "restricted_by_admin_reason and restricted_by_admin_private_details can only be set when restricted_by_admin is true.");
  }
}

/**
 * The hash to store: an imported one as given, a new password hashed, undefined when neither is
 * sent. Hashed in line: at the emulator's cost (passwords.ts) scrypt takes about half a
 * millisecond, less than the thread-pool round trip of the async call on a busy machine.
 */
function passwordHashOf(body: Pick<UpdateBody, "password" | "password_hash">): string | undefined {
  if (body.password_hash !== undefined) return body.password_hash;
  return body.password != null ? hashPasswordSync(body.password) : undefined;
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
  assertAuthMethodsAllowed(cfg, body);
  assertRestrictionDetails(!!body.restricted_by_admin, body);
  const providers = (cfg.auth?.oauth?.providers ?? {}) as Record<string, { type?: string } | undefined>;
  for (const p of body.oauth_providers ?? []) {
    if (!providers[p.id]) throw new TextError(400, `OAuth provider ${p.id} not found or not enabled in this project.`);
  }

  const passwordHash = passwordHashOf(body) ?? null;

  const st = ws(db);
  const userId = crypto.randomUUID();
  const now = services.now();
  const displayName = body.display_name === "" ? null : (body.display_name ?? null);
  let after: (() => void)[] = [];
  let user: ReturnType<typeof getUserJson>;

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
      user = getUserJson(db, projectId, userId, "server")!;
      recordWebhook(services, projectId, "user.created", user);
      for (const f of after) f();
    })();
  } catch (err) {
    if (isAuthConflict(err)) throw Errors.contactChannelAlreadyUsedForAuth(email);
    throw err;
  }
  return user!;
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

  assertAuthMethodsAllowed(cfg, body);
  if (body.passkey_auth_enabled === true) throw new TextError(400, "Cannot enable passkey authentication: passkeys can only be registered by the user.");
  assertRestrictionDetails(body.restricted_by_admin ?? !!existing.restricted_by_admin, body);

  const passwordHash = passwordHashOf(body);
  const now = services.now();
  let after: (() => void)[] = [];
  let user: ReturnType<typeof getUserJson>;
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
      user = getUserJson(db, projectId, userId, "server")!;
      recordWebhook(services, projectId, "user.updated", user);
      for (const f of after) f();
    })();
  } catch (err) {
    if (isAuthConflict(err)) throw Errors.contactChannelAlreadyUsedForAuth(typeof newEmail === "string" ? newEmail : null);
    throw err;
  }
  return user!;
}

// ---------------------------------------------------------------------------------------------
// Delete
// ---------------------------------------------------------------------------------------------

export function deleteUser(services: EmulatorServices, projectId: string, userId: string) {
  const db = services.db;
  const st = ws(db);
  db.transaction(() => {
    if (!getUserRow(db, projectId, userId)) throw Errors.userNotFound();
    const teams = st.teamsOfUser.all(userId) as string[];
    st.deleteUser.run(userId, projectId);
    for (const teamId of teams) recordWebhook(services, projectId, "team_membership.deleted", { team_id: teamId, user_id: userId });
    recordWebhook(services, projectId, "user.deleted", { id: userId, teams: teams.map((id) => ({ id })) });
  })();
}
