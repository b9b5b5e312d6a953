import "server-only";

import type { z } from "zod";
import { userConfirmValue } from "@/lib/dangerous";
import type { ProjectSummary } from "@/lib/projects-dto";
import type * as schemas from "@/lib/schemas/users";
import type { ChangeRecorder } from "@/lib/server/action";
import { handlerCallbackUrl } from "@/lib/server/callback-url";
import { ActionRefusal } from "@/lib/server/failure";
import { matchesConsoleFilter, planUserFilter, type UserListParams, type UserListSupport } from "@/lib/url-state/users";
import { scanPages } from "@/lib/server/user-scan";
import type { ContactChannelRow, LinkedAccountRow, SessionRow, UserDetail, UserDetailData, UserFeatures, UserListFeatures, UserPage, UserRow } from "@/lib/users-dto";
import { forgetCapabilities, getCapabilities, refusedQueryParams, type UserListCapabilities } from "@/lib/stack/capabilities";
import type { StackClient } from "@/lib/stack/client";
import * as stackChannels from "@/lib/stack/contact-channels";
import { sendPasswordResetEmail } from "@/lib/stack/emails";
import { isKnownError } from "@/lib/stack/errors";
import * as stackOAuth from "@/lib/stack/oauth-providers";
import type { StackContactChannel, StackLinkedOAuthAccount, StackSession, StackUser, StackUserRow } from "@/lib/stack/schemas";
import * as stackSessions from "@/lib/stack/sessions";
import { listTeams } from "@/lib/stack/teams";
import * as stackUsers from "@/lib/stack/users";

export function toUserRow(u: StackUserRow): UserRow {
  const methods: UserRow["authMethods"] = [];
  if (u.has_password) methods.push("password");
  if (u.otp_auth_enabled) methods.push("otp");
  if (u.passkey_auth_enabled) methods.push("passkey");
  for (const p of u.oauth_providers) methods.push(`oauth:${p.id}`);
  return {
    id: u.id,
    displayName: u.display_name,
    primaryEmail: u.primary_email,
    primaryEmailVerified: u.primary_email_verified,
    profileImageUrl: u.profile_image_url,
    signedUpAt: u.signed_up_at_millis,
    lastActiveAt: u.last_active_at_millis,
    authMethods: methods,
    isAnonymous: u.is_anonymous ?? false,
    isRestricted: u.is_restricted ?? false,
  };
}

const pretty = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 2));

export function toUserDetail(u: StackUser): UserDetail {
  return {
    ...toUserRow(u),
    hasPassword: u.has_password,
    otpAuthEnabled: u.otp_auth_enabled,
    passkeyAuthEnabled: u.passkey_auth_enabled,
    requiresTotpMfa: u.requires_totp_mfa ?? false,
    clientMetadata: pretty(u.client_metadata),
    clientReadOnlyMetadata: pretty(u.client_read_only_metadata),
    serverMetadata: pretty(u.server_metadata),
    restrictedByAdmin: u.restricted_by_admin ?? false,
    restrictedByAdminReason: u.restricted_by_admin_reason ?? null,
    restrictedByAdminPrivateDetails: u.restricted_by_admin_private_details ?? null,
    restrictedReason: u.restricted_reason?.type ?? null,
    countryCode: u.country_code ?? null,
  };
}

const toSessionRow = (s: StackSession): SessionRow => {
  const ip = s.last_used_at_end_user_ip_info;
  const place = ip ? [ip.cityName, ip.regionCode, ip.countryCode].filter(Boolean).join(", ") : "";
  return {
    id: s.id,
    createdAt: s.created_at,
    lastUsedAt: s.last_used_at ?? null,
    isImpersonation: s.is_impersonation,
    ip: ip?.ip ?? null,
    location: place || null,
  };
};

const toChannelRow = (c: StackContactChannel): ContactChannelRow => ({
  id: c.id,
  value: c.value,
  isPrimary: c.is_primary,
  isVerified: c.is_verified,
  usedForAuth: c.used_for_auth,
});

const toLinkedRow = (a: StackLinkedOAuthAccount): LinkedAccountRow => ({
  id: a.id,
  provider: a.provider_config_id,
  accountId: a.account_id,
  email: a.email ?? null,
  allowSignIn: a.allow_sign_in,
  allowConnectedAccounts: a.allow_connected_accounts,
});

const supportOf = (caps: UserListCapabilities): UserListSupport => ({
  anonymousFilter: caps.anonymousFilter,
  restrictedFilter: caps.includeRestricted,
  excludedDomains: caps.excludedEmailDomains,
});

/** Which fields of each user a list read checks: all of Stack's (userSchema), or a row's (userRowSchema, for walks over every user). */
export type UserListFields = "all" | "row";

async function listWith(client: StackClient, params: UserListParams, caps: UserListCapabilities, limit: number, fields: UserListFields): Promise<UserPage> {
  const plan = planUserFilter(params, supportOf(caps));
  const list: typeof stackUsers.listUserRows = fields === "row" ? stackUsers.listUserRows : stackUsers.listUsers;
  const read = (cursor: string | undefined, n: number) =>
    list(client, {
      limit: n,
      cursor,
      orderBy: params.sort === "last_active_at" && caps.lastActiveSort ? "last_active_at" : "signed_up_at",
      desc: !params.asc,
      query: params.q,
      teamId: plan.server.teamId,
      includeRestricted: plan.server.includeRestricted,
      includeAnonymous: plan.server.includeAnonymous,
      onlyAnonymous: plan.server.onlyAnonymous,
      excludedEmailDomains: plan.server.excludedDomains,
    });
  const filter = plan.console;
  if (!filter && !params.cursor?.includes("~")) {
    const page = await read(params.cursor, limit);
    return { items: page.items.map(toUserRow), nextCursor: page.nextCursor };
  }
  // Rows are mapped once, then filtered by the console (lib/server/user-scan.ts).
  const scan = await scanPages(async (cursor, n) => {
    const page = await read(cursor, n);
    return { ...page, items: page.items.map(toUserRow) };
  }, (row) => !filter || matchesConsoleFilter(row, filter), params.cursor, limit);
  return { items: scan.items, nextCursor: scan.nextCursor, scan: { scanned: scan.scanned, partial: scan.partial } };
}

/**
 * One page of the users table, from URL state, with only the parameters the server knows; the
 * filters it has no parameter for are applied by the console (planUserFilter). A SCHEMA_ERROR
 * naming one of them means the cached capabilities are wrong: learn them again and answer the
 * page without that feature, rather than an error. `limit` overrides the page size for
 * server-side walks (the export reads bigger pages than the table shows), `fields` the check of
 * each user (the export reads a row's fields only).
 */
export async function listUserPage(client: StackClient, params: UserListParams, limit: number = params.pageSize, fields: UserListFields = "all"): Promise<UserPage> {
  const project = client.projectSlug;
  const caps = (await getCapabilities(client, project)).userList;
  try {
    return await listWith(client, params, caps, limit, fields);
  } catch (err) {
    const refused = refusedQueryParams(err);
    if (refused.size === 0) throw err;
    forgetCapabilities(client, project);
    const fresh = (await getCapabilities(client, project)).userList;
    return listWith(client, params, {
      lastActiveSort: fresh.lastActiveSort && !refused.has("order_by"),
      includeRestricted: fresh.includeRestricted && !refused.has("include_restricted"),
      anonymousFilter: fresh.anonymousFilter && !refused.has("include_anonymous") && !refused.has("only_anonymous"),
      excludedEmailDomains: fresh.excludedEmailDomains && !refused.has("excluded_email_domains"),
    }, limit, fields);
  }
}

/** Which sorts and filters the users table may offer on this project's server. */
export async function getUserListFeatures(client: StackClient): Promise<UserListFeatures> {
  const caps = (await getCapabilities(client, client.projectSlug)).userList;
  return { lastActiveSort: caps.lastActiveSort, ...supportOf(caps) };
}

export async function getUserFeatures(client: StackClient, project: ProjectSummary): Promise<UserFeatures> {
  const caps = await getCapabilities(client, project.slug);
  return { sessions: caps.sessionListing, linkedAccounts: caps.linkedOAuthAccounts, restriction: caps.adminRestriction };
}

/**
 * Everything the user detail page shows, fetched in parallel; hidden features come back null.
 * Null when Stack has no such user (USER_NOT_FOUND).
 */
export async function getUserDetailData(client: StackClient, project: ProjectSummary, userId: string): Promise<UserDetailData | null> {
  const features = await getUserFeatures(client, project);
  const reads = Promise.all([
    stackUsers.getUser(client, userId),
    features.sessions ? stackSessions.listSessions(client, userId) : Promise.resolve(null),
    stackChannels.listContactChannels(client, userId),
    features.linkedAccounts ? stackOAuth.listLinkedOAuthAccounts(client, userId) : Promise.resolve(null),
    listTeams(client, { userId }),
  ]);
  const found = await reads.catch((err: unknown) => {
    if (isKnownError(err, "USER_NOT_FOUND")) return null;
    throw err;
  });
  if (!found) return null;
  const [user, sessions, channels, linked, teams] = found;
  return {
    user: toUserDetail(user),
    sessions: sessions ? sessions.map(toSessionRow) : null,
    contactChannels: channels.map(toChannelRow),
    linkedAccounts: linked ? linked.map(toLinkedRow) : null,
    teams: teams.items.map((t) => ({ id: t.id, displayName: t.display_name })),
    features,
  };
}

// ── Writes ──────────────────────────────────────────────────────────────────────────────────
// Each takes the project's client, the parsed input of its lib/schemas/users.ts schema, and a
// recorder for the audit entry (and, for dangerous ones, the typed confirmation): actions pass
// their context; bulk jobs and imports pass their own.

type In<S extends z.ZodType> = z.output<S>;

const userLabel = (u: { display_name: string | null; primary_email: string | null; id: string }) => u.display_name ?? u.primary_email ?? u.id;

/** Creates a user; with an e-mail, it can sign in with it (primary_email_auth_enabled). */
export async function createUser(client: StackClient, input: In<typeof schemas.createUserSchema>, rec: ChangeRecorder): Promise<UserRow> {
  const user = await stackUsers.createUser(client, {
    primary_email: input.primaryEmail,
    primary_email_verified: input.primaryEmail ? input.primaryEmailVerified : undefined,
    primary_email_auth_enabled: input.primaryEmail ? true : undefined,
    display_name: input.displayName,
    password: input.password ?? undefined,
    password_hash: input.passwordHash,
    client_metadata: input.clientMetadata,
    client_read_only_metadata: input.clientReadOnlyMetadata,
    server_metadata: input.serverMetadata,
  });
  rec.audit({ type: "user", id: user.id, label: userLabel(user) }, { after: { primary_email: user.primary_email, display_name: user.display_name, has_password: user.has_password, ...(input.passwordHash ? { password_hash: "[imported]" } : {}) } });
  return toUserRow(user);
}

/** Edits display name, primary e-mail, its verified flag and the profile image; sends only what changed. */
export async function updateUserProfile(client: StackClient, input: In<typeof schemas.updateUserProfileSchema>, rec: ChangeRecorder): Promise<{ changed: boolean }> {
  const before = await stackUsers.getUser(client, input.userId);
  const body: stackUsers.UpdateUserBody = {};
  if (input.displayName !== before.display_name) body.display_name = input.displayName;
  if (input.profileImageUrl !== before.profile_image_url) body.profile_image_url = input.profileImageUrl;
  if (input.primaryEmail !== before.primary_email) body.primary_email = input.primaryEmail;
  // The flag belongs to the (possibly new) primary channel; send it whenever there is one.
  if (input.primaryEmail !== null && (body.primary_email !== undefined || input.primaryEmailVerified !== before.primary_email_verified)) {
    body.primary_email_verified = input.primaryEmailVerified;
  }
  if (Object.keys(body).length === 0) return { changed: false };
  const after = await stackUsers.updateUser(client, input.userId, body);
  rec.audit(
    { type: "user", id: after.id, label: userLabel(after) },
    Object.fromEntries(Object.keys(body).map((k) => [k, { before: before[k as keyof typeof before], after: after[k as keyof typeof after] }])),
  );
  return { changed: true };
}

/** Sets a new password; Stack revokes all of the user's sessions when it does. */
export async function setUserPassword(client: StackClient, input: In<typeof schemas.setUserPasswordSchema>, rec: ChangeRecorder): Promise<{ sessionsRevoked: true }> {
  const user = await stackUsers.getUser(client, input.userId);
  if (!user.primary_email) throw new ActionRefusal("NO_PRIMARY_EMAIL", "Add a primary e-mail first: a password needs an e-mail to sign in with.");
  await stackUsers.updateUser(client, input.userId, { password: input.password });
  rec.audit({ type: "user", id: user.id, label: userLabel(user) }, { password: "[changed]" });
  return { sessionsRevoked: true };
}

/** Replaces one of the three metadata fields with validated JSON. */
export async function updateUserMetadata(client: StackClient, input: In<typeof schemas.updateUserMetadataSchema>, rec: ChangeRecorder) {
  const before = await stackUsers.getUser(client, input.userId);
  const after = await stackUsers.updateUser(client, input.userId, { [input.field]: input.json });
  rec.audit({ type: "user", id: after.id, label: userLabel(after) }, { [input.field]: { before: before[input.field], after: after[input.field] } });
  return { field: input.field };
}

/** Restricts a user (public reason + private note) or lifts the restriction. */
export async function restrictUser(client: StackClient, input: In<typeof schemas.restrictUserSchema>, rec: ChangeRecorder): Promise<{ restricted: boolean }> {
  const body = input.restricted
    ? { restricted_by_admin: true, restricted_by_admin_reason: input.publicReason, restricted_by_admin_private_details: input.privateDetails }
    : { restricted_by_admin: false };
  const after = await stackUsers.updateUser(client, input.userId, body);
  rec.audit({ type: "user", id: after.id, label: userLabel(after) }, { restricted_by_admin: input.restricted, restricted_by_admin_reason: input.restricted ? input.publicReason : null });
  return { restricted: after.restricted_by_admin ?? input.restricted };
}

/** The user as Stack has it now, checked against the operator's typed confirmation before any write. */
async function confirmedUser(client: StackClient, userId: string, rec: ChangeRecorder, changes?: (u: StackUser) => unknown): Promise<StackUser> {
  const user = await stackUsers.getUser(client, userId);
  rec.audit({ type: "user", id: user.id, label: userLabel(user) }, changes?.(user));
  rec.confirm(userConfirmValue(user.primary_email, user.id));
  return user;
}

/** Turns off TOTP 2FA (dangerous). */
export async function removeUserTwoFactor(client: StackClient, input: In<typeof schemas.userConfirmationSchema>, rec: ChangeRecorder): Promise<{ removed: true }> {
  const user = await confirmedUser(client, input.userId, rec);
  await stackUsers.updateUser(client, user.id, { totp_secret_base64: null });
  return { removed: true };
}

/** Deletes a user (dangerous). */
export async function deleteUser(client: StackClient, input: In<typeof schemas.userConfirmationSchema>, rec: ChangeRecorder): Promise<{ deleted: string }> {
  const user = await confirmedUser(client, input.userId, rec, (u) => ({ before: { primary_email: u.primary_email, display_name: u.display_name } }));
  await stackUsers.deleteUser(client, user.id);
  return { deleted: user.id };
}

/** Revokes one session of a user. */
export async function revokeUserSession(client: StackClient, input: In<typeof schemas.revokeSessionSchema>, rec: ChangeRecorder): Promise<{ revoked: number }> {
  await stackSessions.revokeSession(client, { sessionId: input.sessionId, userId: input.userId });
  rec.audit({ type: "session", id: input.sessionId }, { user_id: input.userId });
  return { revoked: 1 };
}

/** Revokes every session of a user (dangerous: signs them out everywhere). */
export async function revokeAllUserSessions(client: StackClient, input: In<typeof schemas.userConfirmationSchema>, rec: ChangeRecorder): Promise<{ revoked: number }> {
  const user = await confirmedUser(client, input.userId, rec);
  const sessions = await stackSessions.listSessions(client, user.id);
  // Sequential: a bounded number of writes, and a failure stops with a clear count.
  let revoked = 0;
  for (const s of sessions) {
    await stackSessions.revokeSession(client, { sessionId: s.id, userId: user.id });
    revoked++;
  }
  return { revoked };
}

/** Adds an e-mail contact channel. */
export async function addContactChannel(client: StackClient, input: In<typeof schemas.addContactChannelSchema>, rec: ChangeRecorder): Promise<{ id: string }> {
  const ch = await stackChannels.createContactChannel(client, { user_id: input.userId, type: "email", value: input.email, used_for_auth: input.usedForAuth, is_verified: input.isVerified });
  rec.audit({ type: "contact_channel", id: ch.id, label: ch.value }, { user_id: input.userId, is_verified: ch.is_verified, used_for_auth: ch.used_for_auth });
  return { id: ch.id };
}

/** Marks a contact channel verified/unverified, sign-in usable, or primary. */
export async function updateContactChannel(client: StackClient, input: In<typeof schemas.setContactChannelFlagsSchema>, rec: ChangeRecorder): Promise<{ id: string }> {
  const ch = await stackChannels.updateContactChannel(client, input.userId, input.channelId, {
    is_verified: input.isVerified,
    used_for_auth: input.usedForAuth,
    is_primary: input.isPrimary,
  });
  rec.audit({ type: "contact_channel", id: ch.id, label: ch.value }, { user_id: input.userId, is_verified: input.isVerified, used_for_auth: input.usedForAuth, is_primary: input.isPrimary });
  return { id: ch.id };
}

/** Removes a contact channel of the user (refused when it is not theirs or already gone). */
export async function removeContactChannel(client: StackClient, input: In<typeof schemas.contactChannelRefSchema>, rec: ChangeRecorder): Promise<{ removed: string }> {
  const channels = await stackChannels.listContactChannels(client, input.userId);
  const ch = channels.find((c) => c.id === input.channelId);
  if (!ch) throw new ActionRefusal("NOT_FOUND", "That contact channel no longer exists.");
  await stackChannels.deleteContactChannel(client, input.userId, input.channelId);
  rec.audit({ type: "contact_channel", id: ch.id, label: ch.value }, { user_id: input.userId, removed: true });
  return { removed: ch.id };
}

/** Sends a verification e-mail for a channel; the link goes to the project's first trusted domain. */
export async function sendContactChannelVerification(client: StackClient, input: In<typeof schemas.contactChannelRefSchema>, rec: ChangeRecorder): Promise<{ sent: true }> {
  const callback = await handlerCallbackUrl(client, "email-verification");
  if (!callback) throw new ActionRefusal("NO_TRUSTED_DOMAIN", "Add a trusted domain in Settings first: the verification link must point to one.");
  await stackChannels.sendContactChannelVerificationCode(client, input.userId, input.channelId, callback);
  rec.audit({ type: "contact_channel", id: input.channelId }, { user_id: input.userId, sent_verification: true });
  return { sent: true };
}

/** E-mails the user a password-reset link (Stack's end-user reset flow; admin keys may start it). */
export async function sendPasswordReset(client: StackClient, input: { userId: string }, rec: ChangeRecorder): Promise<{ sentTo: string }> {
  const user = await stackUsers.getUser(client, input.userId);
  if (!user.primary_email || !user.primary_email_auth_enabled) {
    throw new ActionRefusal("NO_SIGN_IN_EMAIL", "This user has no e-mail address they sign in with, so there is nothing to reset.");
  }
  const callback = await handlerCallbackUrl(client, "password-reset");
  if (!callback) throw new ActionRefusal("NO_TRUSTED_DOMAIN", "Add a trusted domain in Settings first: the reset link must point to one.");
  await sendPasswordResetEmail(client, { email: user.primary_email, callbackUrl: callback });
  rec.audit({ type: "user", id: user.id, label: userLabel(user) }, { sent_password_reset: true });
  return { sentTo: user.primary_email };
}

/** Toggles sign-in / connected-account use of a linked OAuth account. */
export async function updateLinkedAccount(client: StackClient, input: In<typeof schemas.updateLinkedAccountSchema>, rec: ChangeRecorder): Promise<{ id: string }> {
  const a = await stackOAuth.updateLinkedOAuthAccount(client, input.userId, input.providerId, {
    allow_sign_in: input.allowSignIn,
    allow_connected_accounts: input.allowConnectedAccounts,
  });
  rec.audit({ type: "oauth_account", id: a.id, label: a.provider_config_id }, { user_id: input.userId, allow_sign_in: input.allowSignIn, allow_connected_accounts: input.allowConnectedAccounts });
  return { id: a.id };
}

/** Unlinks an OAuth account from a user. */
export async function unlinkLinkedAccount(client: StackClient, input: In<typeof schemas.linkedAccountRefSchema>, rec: ChangeRecorder): Promise<{ unlinked: string }> {
  await stackOAuth.deleteLinkedOAuthAccount(client, input.userId, input.providerId);
  rec.audit({ type: "oauth_account", id: input.providerId }, { user_id: input.userId, unlinked: true });
  return { unlinked: input.providerId };
}
