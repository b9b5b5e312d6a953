import "server-only";

import type { ContactChannelRow, LinkedAccountRow, SessionRow, UserDetail, UserFeatures, UserListFeatures, UserPage, UserRow, UserTeamRow } from "@/lib/users-dto";
import type { UserListParams } from "@/lib/url-state/users";
import { forgetCapabilities, getCapabilities, refusedQueryParams, type UserListCapabilities } from "@/lib/stack/capabilities";
import type { StackClient } from "@/lib/stack/client";
import { listContactChannels } from "@/lib/stack/contact-channels";
import { listLinkedOAuthAccounts } from "@/lib/stack/oauth-providers";
import type { StackContactChannel, StackLinkedOAuthAccount, StackSession, StackUser } from "@/lib/stack/schemas";
import { listSessions } from "@/lib/stack/sessions";
import { listTeams } from "@/lib/stack/teams";
import { getUser, listUsers } from "@/lib/stack/users";
import type { ProjectConfig } from "@/lib/projects";

export function toUserRow(u: StackUser): UserRow {
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

function fetchUserPage(client: StackClient, params: UserListParams, caps: UserListCapabilities) {
  const anonymous = params.filter === "anonymous" && caps.anonymousFilter;
  return listUsers(client, {
    limit: params.pageSize,
    cursor: params.cursor,
    orderBy: params.sort === "last_active_at" && caps.lastActiveSort ? "last_active_at" : "signed_up_at",
    desc: !params.asc,
    query: params.q,
    includeRestricted: caps.includeRestricted,
    includeAnonymous: anonymous,
    onlyAnonymous: anonymous,
  });
}

/**
 * One page of the users table, from URL state, with only the parameters the server knows. A
 * SCHEMA_ERROR naming one of them means the cached capabilities are wrong: learn them again and
 * answer the page without that feature, rather than an error.
 */
export async function listUserPage(client: StackClient, params: UserListParams): Promise<UserPage> {
  const project = client.projectSlug;
  const caps = (await getCapabilities(client, project)).userList;
  let page;
  try {
    page = await fetchUserPage(client, params, caps);
  } catch (err) {
    const refused = refusedQueryParams(err);
    if (refused.size === 0) throw err;
    forgetCapabilities(client, project);
    const fresh = (await getCapabilities(client, project)).userList;
    page = await fetchUserPage(client, params, {
      lastActiveSort: fresh.lastActiveSort && !refused.has("order_by"),
      includeRestricted: fresh.includeRestricted && !refused.has("include_restricted"),
      anonymousFilter: fresh.anonymousFilter && !refused.has("include_anonymous") && !refused.has("only_anonymous"),
      excludedEmailDomains: fresh.excludedEmailDomains,
    });
  }
  return { items: page.items.map(toUserRow), nextCursor: page.nextCursor };
}

/** Which sorts and filters the users table may offer on this project's server. */
export async function getUserListFeatures(client: StackClient): Promise<UserListFeatures> {
  const caps = (await getCapabilities(client, client.projectSlug)).userList;
  return { lastActiveSort: caps.lastActiveSort, anonymousFilter: caps.anonymousFilter };
}

export async function getUserFeatures(client: StackClient, project: ProjectConfig): Promise<UserFeatures> {
  const caps = await getCapabilities(client, project.slug);
  return { sessions: caps.sessionListing, linkedAccounts: caps.linkedOAuthAccounts, restriction: caps.adminRestriction };
}

export type UserDetailData = {
  user: UserDetail;
  sessions: SessionRow[] | null;
  contactChannels: ContactChannelRow[];
  linkedAccounts: LinkedAccountRow[] | null;
  teams: UserTeamRow[];
  features: UserFeatures;
};

/** Everything the user detail page shows, fetched in parallel; hidden features come back null. */
export async function getUserDetailData(client: StackClient, project: ProjectConfig, userId: string): Promise<UserDetailData> {
  const features = await getUserFeatures(client, project);
  const [user, sessions, channels, linked, teams] = await Promise.all([
    getUser(client, userId),
    features.sessions ? listSessions(client, userId) : Promise.resolve(null),
    listContactChannels(client, userId),
    features.linkedAccounts ? listLinkedOAuthAccounts(client, userId) : Promise.resolve(null),
    listTeams(client, { userId }),
  ]);
  return {
    user: toUserDetail(user),
    sessions: sessions ? sessions.map(toSessionRow) : null,
    contactChannels: channels.map(toChannelRow),
    linkedAccounts: linked ? linked.map(toLinkedRow) : null,
    teams: teams.items.map((t) => ({ id: t.id, displayName: t.display_name })),
    features,
  };
}
