import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import { compact, toPage, type StackPage } from "@/lib/stack/util";
import { successSchema, userIdListSchema, userListSchema, userRowListSchema, userSchema, type StackUser, type StackUserRow } from "@/lib/stack/schemas";

/** `GET /users` (https://docs.stack-auth.com/docs/rest-api/overview). Booleans are only sent when true (old servers reject the [NEW] flags). */
export interface ListUsersOptions {
  /** 1–1000; defaults to 50 (always sent: new servers refuse unbounded lists above 1000 users). */
  limit?: number;
  cursor?: string;
  orderBy?: "signed_up_at" | "last_active_at";
  desc?: boolean;
  query?: string;
  teamId?: string;
  includeRestricted?: boolean;
  includeAnonymous?: boolean;
  /** Requires includeAnonymous. */
  onlyAnonymous?: boolean;
  /** Exact domains of the primary e-mail to leave out; not on every release (capabilities: excludedEmailDomains). */
  excludedEmailDomains?: readonly string[];
}

export const DEFAULT_USER_PAGE_SIZE = 50;

/** The query of `GET /users` for these options (booleans only when true). */
function usersQuery(opts: ListUsersOptions) {
  return {
    limit: opts.limit ?? DEFAULT_USER_PAGE_SIZE,
    cursor: opts.cursor || undefined,
    order_by: opts.orderBy,
    desc: opts.desc ? true : undefined,
    query: opts.query?.trim() || undefined,
    team_id: opts.teamId,
    include_restricted: opts.includeRestricted ? true : undefined,
    include_anonymous: opts.includeAnonymous || opts.onlyAnonymous ? true : undefined,
    only_anonymous: opts.onlyAnonymous ? true : undefined,
    excluded_email_domains: opts.excludedEmailDomains?.length ? opts.excludedEmailDomains.join(",") : undefined,
  };
}

export async function listUsers(client: StackClient, opts: ListUsersOptions = {}): Promise<StackPage<StackUser>> {
  return toPage(await client.request({ path: "/users", query: usersQuery(opts), schema: userListSchema }));
}

/** `GET /users` like listUsers, checking and keeping only the fields of a table row (userRowSchema): for walks over every user. */
export async function listUserRows(client: StackClient, opts: ListUsersOptions = {}): Promise<StackPage<StackUserRow>> {
  return toPage(await client.request({ path: "/users", query: usersQuery(opts), schema: userRowListSchema }));
}

/** `GET /users` like listUsers, reading only each user's id (for counting). */
export async function listUserIds(client: StackClient, opts: ListUsersOptions = {}): Promise<StackPage<{ id: string }>> {
  return toPage(await client.request({ path: "/users", query: usersQuery(opts), schema: userIdListSchema }));
}

export async function getUser(client: StackClient, userId: string): Promise<StackUser> {
  return client.request({ path: stackPath`/users/${userId}`, endpoint: "GET /users/{user_id}", schema: userSchema });
}

export interface UserOAuthProviderInput {
  /** provider config id, e.g. "google" */
  id: string;
  account_id: string;
  email?: string | null;
}

/** `POST /users`, `usersCrudServerCreateSchema`. [NEW] fields are rejected by old servers; send them only when needed. */
export interface CreateUserBody {
  primary_email?: string | null;
  primary_email_verified?: boolean;
  primary_email_auth_enabled?: boolean;
  display_name?: string | null;
  profile_image_url?: string | null;
  client_metadata?: unknown;
  client_read_only_metadata?: unknown;
  server_metadata?: unknown;
  password?: string | null;
  password_hash?: string;
  otp_auth_enabled?: boolean;
  passkey_auth_enabled?: boolean;
  totp_secret_base64?: string | null;
  oauth_providers?: UserOAuthProviderInput[];
  is_anonymous?: boolean;
  restricted_by_admin?: boolean;
  restricted_by_admin_reason?: string | null;
  restricted_by_admin_private_details?: string | null;
  country_code?: string | null;
  risk_scores?: { sign_up: { bot: number; free_trial_abuse: number } };
}

/**
 * `PATCH /users/{user_id}` body (`usersCrudServerUpdateSchema`): omitted = unchanged, null = clear (where nullable).
 * `password` revokes all sessions and needs a primary e-mail; `totp_secret_base64: null` removes 2FA;
 * `passkey_auth_enabled` only accepts false; `is_anonymous` only false.
 */
export interface UpdateUserBody {
  display_name?: string | null;
  profile_image_url?: string | null;
  client_metadata?: unknown;
  client_read_only_metadata?: unknown;
  server_metadata?: unknown;
  primary_email?: string | null;
  primary_email_verified?: boolean;
  primary_email_auth_enabled?: boolean;
  password?: string | null;
  password_hash?: string;
  otp_auth_enabled?: boolean;
  passkey_auth_enabled?: false;
  totp_secret_base64?: string | null;
  selected_team_id?: string | null;
  is_anonymous?: false;
  restricted_by_admin?: boolean;
  restricted_by_admin_reason?: string | null;
  restricted_by_admin_private_details?: string | null;
  country_code?: string | null;
  risk_scores?: { sign_up: { bot: number; free_trial_abuse: number } };
}

export async function createUser(client: StackClient, body: CreateUserBody): Promise<StackUser> {
  return client.request({ method: "POST", path: "/users", body: compact(body), schema: userSchema });
}

export async function updateUser(client: StackClient, userId: string, body: UpdateUserBody): Promise<StackUser> {
  return client.request({
    method: "PATCH",
    path: stackPath`/users/${userId}`,
    endpoint: "PATCH /users/{user_id}",
    body: compact(body),
    schema: userSchema,
  });
}

export async function deleteUser(client: StackClient, userId: string): Promise<void> {
  await client.request({
    method: "DELETE",
    path: stackPath`/users/${userId}`,
    endpoint: "DELETE /users/{user_id}",
    body: {},
    schema: successSchema,
  });
}
