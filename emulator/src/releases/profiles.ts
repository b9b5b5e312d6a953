/**
 * What each Stack release serves, as data: STACK_EMULATOR_RELEASE=<name> picks a row, and
 * pipeline.ts applies it around the (always newest) resource routes. A profile only ever takes
 * away from what the emulator serves: routes that release lacks, query parameters and body fields
 * its schemas refuse, response fields it does not send, header spellings it does not read.
 *
 * Each profile cites the Stack source it was read from (apps/backend/src/app/api/latest/**, the
 * querySchema of each crud.tsx and the exported methods of each route.tsx).
 */

export const RELEASE_NAMES = ["2025-02", "2.8.86", "latest"] as const;
export type ReleaseName = (typeof RELEASE_NAMES)[number];

/** "METHOD /path" below /api/v1, Hono syntax for parameters (`/users/:user_id`); METHOD may be `*`, path may end in `*`. */
export type RoutePattern = string;

export interface QueryRule {
  /** Every parameter the release's querySchema declares; any other: "query contains unknown properties: …". */
  accepts: readonly string[];
  /** yup `oneOf` lists narrower than the newest release's. */
  oneOf?: Readonly<Record<string, readonly string[]>>;
  /** Parameters the release declares `.defined()`. */
  required?: readonly string[];
  /** What the release does unasked, as the newest release's parameters (set on the request the route sees). */
  implied?: Readonly<Record<string, string>>;
}

export interface BodyRule {
  /** Top-level body fields the newest release accepts and this one does not know. */
  unknown: readonly string[];
}

export interface ResponseRule {
  /** The user object's fields this release sends (applies to a user, a list's items and `selected_team`-free reads alike). */
  userFields?: readonly string[];
  /** The list is not paginated: every row, `is_paginated: false`, no `pagination`. */
  unpaginated?: boolean;
  /**
   * The older cursor convention: `next_cursor` is the id of the first row of the next page and a
   * request starts at (not after) its cursor. Newer releases: the last row of this page, exclusive.
   */
  cursorIsFirstOfNextPage?: boolean;
}

export interface ReleaseProfile {
  name: ReleaseName;
  /** The source this profile was read from. */
  source: string;
  /** `x-hexclave-*` request headers are read and response headers sent (servers after the rename). */
  hexclaveHeaders: boolean;
  /** Routes the release does not have: its plain-text 404. */
  missing: readonly RoutePattern[];
  /** Route files that exist without this method: Next.js answers 405 with an empty body. */
  methodNotAllowed: readonly RoutePattern[];
  /** Keys are "METHOD /path" exactly as the emulator declares the route. */
  query: Readonly<Record<string, QueryRule>>;
  body: Readonly<Record<string, BodyRule>>;
  response: Readonly<Record<string, ResponseRule>>;
  /** The plain-text 404 body; null keeps the emulator's own. */
  notFoundText: ((url: string) => string) | null;
  /**
   * `/projects/current` is the projects CRUD (projects/current/crud.tsx): admin access reads the
   * admin project there and PATCHes it. Later releases serve the client project there for every
   * access type and write through `/internal/projects/current`.
   */
  projectsCurrentIsAdminCrud: boolean;
}

// apps/backend/src/route-handlers/not-found-handler.tsx, identical at both commits below.
const stackNotFound = (url: string) =>
  `404 — this page does not exist in Stack Auth's API.\n\nPlease see the API documentation at https://docs.stack-auth.com, or visit the Stack Auth dashboard at https://app.stack-auth.com.\n\nURL: ${url}`;

const USERS_QUERY_2_8_86 = ["team_id", "limit", "cursor", "order_by", "desc", "query", "include_anonymous", "only_anonymous", "include_restricted"];

// usersCrudServerReadSchema of packages/stack-shared/src/interface/crud/users.ts at 4df77497a.
const USER_FIELDS_2025_02 = [
  "id", "primary_email", "primary_email_verified", "primary_email_auth_enabled", "display_name", "selected_team",
  "selected_team_id", "profile_image_url", "signed_up_at_millis", "has_password", "otp_auth_enabled", "passkey_auth_enabled",
  "client_metadata", "client_read_only_metadata", "server_metadata", "last_active_at_millis", "oauth_providers",
  "auth_with_email", "requires_totp_mfa",
];
// usersCrudServerUpdateSchema gained these after February 2025 (present at 2f719903b).
const USER_BODY_NEW = ["is_anonymous", "restricted_by_admin", "restricted_by_admin_reason", "restricted_by_admin_private_details", "country_code", "risk_scores"];

const userResponses = (userFields: readonly string[]) =>
  Object.fromEntries(
    ["GET /users", "POST /users", "GET /users/:user_id", "PATCH /users/:user_id", "GET /users/me", "PATCH /users/me"].map((k) => [k, { userFields }]),
  );

/**
 * stack-auth/stack-auth main at 2f719903b181c20940159e9f3aaaa99bc3ec3b0f (2026-04-24, backend 2.8.86).
 */
const release_2_8_86: ReleaseProfile = {
  name: "2.8.86",
  source: "stack-auth/stack-auth@2f719903b181c20940159e9f3aaaa99bc3ec3b0f",
  hexclaveHeaders: false,
  missing: ["GET /internal/metrics/user-counts", "GET /internal/user-activity"],
  // Route files without these exports: projects/current (GET only; admin writes go to
  // /internal/projects/current), the membership and permission item routes (POST, DELETE),
  // internal/email-themes/[id] (GET, PATCH).
  methodNotAllowed: [
    "PATCH /projects/current",
    "DELETE /projects/current",
    "GET /team-memberships/:team_id/:user_id",
    "GET /team-permissions/:team_id/:user_id/:permission_id",
    "GET /project-permissions/:user_id/:permission_id",
    "DELETE /internal/email-themes/:id",
  ],
  query: {
    // users/crud.tsx: order_by is yupString().oneOf(['signed_up_at']); no excluded_email_domains.
    "GET /users": { accepts: USERS_QUERY_2_8_86, oneOf: { order_by: ["signed_up_at"] } },
    // teams/crud.tsx querySchema: user_id, add_current_user (the list is not paginated).
    "GET /teams": { accepts: ["user_id", "add_current_user"] },
    // team-permission-definitions and project-permission-definitions: no querySchema.
    "GET /team-permission-definitions": { accepts: [] },
  },
  // User bodies match the newest release; config's oauth_providers items already have no `enabled` in the emulator.
  body: {},
  response: {
    // users/crud.tsx onList: takes limit + 1 rows and returns the extra row's id as next_cursor.
    "GET /users": { cursorIsFirstOfNextPage: true },
    "GET /teams": { unpaginated: true },
  },
  notFoundText: stackNotFound,
  projectsCurrentIsAdminCrud: false,
};

/**
 * stack-auth/stack main at 4df77497a0c1177cf7682542d8510c0cf6282942 (2025-02-20, the February 2025
 * line; stack-shared 2.7.16).
 */
const release_2025_02: ReleaseProfile = {
  name: "2025-02",
  source: "stack-auth/stack@4df77497a0c1177cf7682542d8510c0cf6282942",
  hexclaveHeaders: false,
  missing: [
    // No route files at that commit.
    "DELETE /auth/sessions/:id",
    "* /oauth-providers*",
    "* /connected-accounts/:user_id",
    "POST /connected-accounts/:user_id/:provider_id/:provider_account_id/access-token",
    "POST /team-invitations/:id/accept",
    "* /project-permission-definitions*",
    "* /project-permissions*",
    "* /user-api-keys*",
    "* /team-api-keys*",
    "* /internal/projects/current",
    "* /internal/config*",
    "* /internal/email-templates*",
    "* /internal/email-themes*",
    "* /internal/email-drafts*",
    "POST /emails/render-email",
    "POST /emails/send-email",
    "GET /internal/emails",
    "POST /internal/send-sign-in-invitation",
    "GET /internal/metrics/user-counts",
    "GET /internal/user-activity",
    "POST /internal/send-test-webhook",
  ],
  // auth/sessions/route.tsx exports POST only (no session listing); the membership and team
  // permission item routes POST and DELETE.
  methodNotAllowed: ["GET /auth/sessions", "GET /team-memberships/:team_id/:user_id", "GET /team-permissions/:team_id/:user_id/:permission_id"],
  query: {
    // users/crud.tsx: no include_* flags, order_by oneOf(['signed_up_at']).
    // There is no restriction model yet: every user is listed.
    "GET /users": {
      accepts: ["team_id", "limit", "cursor", "order_by", "desc", "query"],
      oneOf: { order_by: ["signed_up_at"] },
      implied: { include_restricted: "true" },
    },
    "GET /teams": { accepts: ["user_id", "add_current_user"] },
    "GET /team-permission-definitions": { accepts: [] },
    // team-invitations/crud.tsx: team_id is yupString().uuid().defined().
    "GET /team-invitations": { accepts: ["team_id"], required: ["team_id"] },
  },
  body: {
    "POST /users": { unknown: USER_BODY_NEW },
    "PATCH /users/:user_id": { unknown: USER_BODY_NEW },
  },
  response: {
    ...userResponses(USER_FIELDS_2025_02),
    "GET /users": { userFields: USER_FIELDS_2025_02, cursorIsFirstOfNextPage: true },
    "GET /teams": { unpaginated: true },
  },
  notFoundText: stackNotFound,
  // projects/current/crud.tsx: createCrudHandlers(projectsCrud) with onRead and onUpdate.
  projectsCurrentIsAdminCrud: true,
};

/**
 * The newest behaviour: the emulator's own routes as they are. Newer than the newest Stack source
 * readable here (stack-auth/stack-auth@2f719903b): servers after the Hexclave rename read
 * `x-hexclave-*` headers, and @stackframe/stack-shared 2.8.108 lists users by
 * `order_by=last_active_at` (server-interface: lastActiveAt → last_active_at).
 */
const release_latest: ReleaseProfile = {
  name: "latest",
  source: "@stackframe/stack-shared@2.8.108 and stack-auth/stack-auth@2f719903b181c20940159e9f3aaaa99bc3ec3b0f",
  hexclaveHeaders: true,
  missing: [],
  methodNotAllowed: [],
  query: {},
  body: {},
  response: {},
  notFoundText: null,
  projectsCurrentIsAdminCrud: false,
};

export const RELEASES: Readonly<Record<ReleaseName, ReleaseProfile>> = {
  "2025-02": release_2025_02,
  "2.8.86": release_2_8_86,
  latest: release_latest,
};

export function parseReleaseName(value: string | undefined): ReleaseName {
  if (value === undefined || value === "") return "latest";
  if ((RELEASE_NAMES as readonly string[]).includes(value)) return value as ReleaseName;
  throw new Error(`STACK_EMULATOR_RELEASE must be one of ${RELEASE_NAMES.join(", ")}, got ${JSON.stringify(value)}`);
}
