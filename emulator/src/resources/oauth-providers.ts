import crypto from "node:crypto";
import { z } from "zod";
import type { AccessType, AuthContext } from "../auth";
import { statements, type DB } from "../db";
import { Errors, TextError } from "../errors";
import { ensureClientOwnUser, reply, route, type EmulatorModule, type Migration } from "../router";
import { ensureUserExists } from "./permissions";
import { OAUTH_PROVIDER_IDS } from "./project-config";
import { s } from "../validation";
import { readProjectConfig } from "../project-bootstrap";

// Linked OAuth accounts (/oauth-providers, stack-shared `oauthProviderCrud`) and connected accounts.
// There is no real OAuth provider behind the emulator: provider access tokens are never available.


type OAuthAccountRow = {
  id: string;
  project_id: string;
  user_id: string;
  provider_config_id: string;
  type: string;
  account_id: string;
  email: string | null;
  allow_sign_in: number;
  allow_connected_accounts: number;
  created_at_millis: number;
};

type ProviderConfig = { type?: string; isShared?: boolean };

const migrations: Migration[] = [
  {
    id: "oauth-providers-0001-indexes",
    sql: `
CREATE INDEX IF NOT EXISTS oauth_accounts_project ON oauth_accounts(project_id, created_at_millis);
CREATE INDEX IF NOT EXISTS oauth_accounts_account ON oauth_accounts(project_id, provider_config_id, account_id);
`,
  },
];

function makeStatements(db: DB) {
  const order = "ORDER BY created_at_millis, rowid";
  return {
    listByUser: db.prepare(`SELECT * FROM oauth_accounts WHERE project_id = ? AND user_id = ? ${order}`),
    listByProject: db.prepare(`SELECT * FROM oauth_accounts WHERE project_id = ? ${order}`),
    listConnected: db.prepare(`SELECT * FROM oauth_accounts WHERE project_id = ? AND user_id = ? AND allow_connected_accounts = 1 ${order}`),
    get: db.prepare("SELECT * FROM oauth_accounts WHERE id = ? AND user_id = ? AND project_id = ?"),
    sameAccountSignIn: db.prepare(
      "SELECT 1 FROM oauth_accounts WHERE project_id = ? AND provider_config_id = ? AND account_id = ? AND allow_sign_in = 1 AND id IS NOT ? LIMIT 1",
    ),
    sameProviderUserSignIn: db.prepare(
      "SELECT 1 FROM oauth_accounts WHERE user_id = ? AND provider_config_id = ? AND allow_sign_in = 1 AND id IS NOT ? LIMIT 1",
    ),
    sameProviderUserAccount: db.prepare(
      "SELECT 1 FROM oauth_accounts WHERE user_id = ? AND provider_config_id = ? AND account_id = ? AND id IS NOT ? LIMIT 1",
    ),
    connectedFor: db.prepare(
      "SELECT 1 FROM oauth_accounts WHERE project_id = ? AND user_id = ? AND provider_config_id = ? AND allow_connected_accounts = 1 LIMIT 1",
    ),
    connectedForAccount: db.prepare(
      "SELECT 1 FROM oauth_accounts WHERE project_id = ? AND user_id = ? AND provider_config_id = ? AND account_id = ? AND allow_connected_accounts = 1 LIMIT 1",
    ),
    insert: db.prepare(
      `INSERT INTO oauth_accounts (id, project_id, user_id, provider_config_id, type, account_id, email, allow_sign_in, allow_connected_accounts, created_at_millis)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare("UPDATE oauth_accounts SET account_id = ?, email = ?, allow_sign_in = ?, allow_connected_accounts = ? WHERE id = ?"),
    delete: db.prepare("DELETE FROM oauth_accounts WHERE id = ?"),
  };
}
const st = statements(makeStatements);

function providerConfigs(db: DB, projectId: string): Record<string, ProviderConfig> {
  return ((readProjectConfig(db, projectId).auth?.oauth?.providers ?? {}) as Record<string, ProviderConfig | null>) as Record<string, ProviderConfig>;
}
function findProviderConfig(db: DB, projectId: string, providerConfigId: string): ProviderConfig | null {
  const providers = providerConfigs(db, projectId);
  return Object.prototype.hasOwnProperty.call(providers, providerConfigId) ? (providers[providerConfigId] ?? {}) : null;
}
/** The provider type of a link: from the project config, else the config id itself if it is a standard provider. */
function resolveProviderType(db: DB, projectId: string, providerConfigId: string): string | null {
  const cfg = findProviderConfig(db, projectId, providerConfigId);
  if (cfg?.type) return cfg.type;
  if ((OAUTH_PROVIDER_IDS as readonly string[]).includes(providerConfigId)) return providerConfigId;
  return null;
}

/** Linked-account read shape (server/admin adds account_id); `email` is omitted when unset. */
function accountToJson(row: OAuthAccountRow, type: string, accessType: AccessType) {
  const out: Record<string, unknown> = { user_id: row.user_id, id: row.id };
  if (row.email !== null) out.email = row.email;
  out.provider_config_id = row.provider_config_id;
  out.type = type;
  out.allow_sign_in = !!row.allow_sign_in;
  out.allow_connected_accounts = !!row.allow_connected_accounts;
  if (accessType !== "client") out.account_id = row.account_id;
  return out;
}

/** The uniqueness rules of linked accounts, in the real server's order. */
function checkInputValidity(
  db: DB,
  p: { projectId: string; userId: string; providerConfigId: string; accountId: string; allowSignIn: boolean; excludeId: string | null },
) {
  const s2 = st(db);
  if (p.allowSignIn && s2.sameProviderUserSignIn.get(p.userId, p.providerConfigId, p.excludeId)) {
    throw new TextError(400, "The same provider type with sign-in enabled already exists for this user.");
  }
  if (s2.sameProviderUserAccount.get(p.userId, p.providerConfigId, p.accountId, p.excludeId)) {
    throw new TextError(400, "The same provider type with the same account ID already exists for this user.");
  }
  if (p.allowSignIn && s2.sameAccountSignIn.get(p.projectId, p.providerConfigId, p.accountId, p.excludeId)) {
    throw Errors.oauthProviderAccountIdAlreadyUsedForSignIn();
  }
}

const itemParams = z.strictObject({ user_id: s.userIdOrMe(), provider_id: s.uuid() });
const clientUpdate = z.strictObject({ allow_sign_in: z.boolean().optional(), allow_connected_accounts: z.boolean().optional() });
const serverUpdate = clientUpdate.extend({ email: z.string().email().optional(), account_id: z.string().optional() });
type UpdateBody = { allow_sign_in?: boolean; allow_connected_accounts?: boolean; email?: string; account_id?: string };

function loadAccount(db: DB, auth: AuthContext, userId: string, providerId: string) {
  const row = st(db).get.get(providerId, userId, auth.projectId) as OAuthAccountRow | undefined;
  if (!row) throw new TextError(404, `OAuth provider ${providerId} for user ${userId} not found`);
  const type = resolveProviderType(db, auth.projectId, row.provider_config_id);
  if (type === null) throw new TextError(404, `OAuth provider ${row.provider_config_id} not found or not configured`);
  return { row, type };
}

/** Errors of the provider access-token endpoints; the emulator never has a real provider token. */
function accessTokenUnavailable(
  db: DB,
  auth: AuthContext,
  userId: string,
  providerConfigId: string,
  accountId: string | null,
): never {
  if (auth.accessType === "client" && auth.userId !== userId) throw new TextError(403, "Client can only access its own connected accounts");
  const cfg = findProviderConfig(db, auth.projectId, providerConfigId);
  if (!cfg) throw Errors.oauthProviderNotFoundOrNotEnabled();
  if (cfg.isShared) throw Errors.oauthAccessTokenNotAvailableWithSharedOAuthKeys();
  ensureUserExists(db, auth.projectId, userId);
  const s2 = st(db);
  const connected =
    accountId === null
      ? s2.connectedFor.get(auth.projectId, userId, providerConfigId)
      : s2.connectedForAccount.get(auth.projectId, userId, providerConfigId, accountId);
  if (!connected) throw Errors.oauthConnectionNotConnectedToUser();
  throw Errors.oauthAccessTokenNotAvailable(
    providerConfigId,
    "The Stack Auth emulator is not connected to real OAuth providers, so no provider access token is available.",
  );
}

export const oauthProvidersModule: EmulatorModule = {
  name: "oauth-providers",
  migrations,
  routes: [
    route({
      method: "GET",
      path: "/oauth-providers",
      access: ["client", "server", "admin"],
      query: z.strictObject({ user_id: s.userIdOrMe().optional() }),
      handler: ({ auth, query, services, userIdOrMe }) => {
        const db = services.db;
        const userId = query.user_id === undefined ? undefined : userIdOrMe(query.user_id);
        ensureClientOwnUser(auth, userId, "Client can only list OAuth providers for their own user.");
        if (userId !== undefined) ensureUserExists(db, auth.projectId, userId);
        const s2 = st(db);
        const rows = (userId !== undefined ? s2.listByUser.all(auth.projectId, userId) : s2.listByProject.all(auth.projectId)) as OAuthAccountRow[];
        const items = rows.flatMap((r) => {
          const type = resolveProviderType(db, auth.projectId, r.provider_config_id);
          return type === null ? [] : [accountToJson(r, type, auth.accessType)];
        });
        return { items, is_paginated: false };
      },
    }),
    route({
      method: "POST",
      path: "/oauth-providers",
      access: ["server", "admin"],
      body: z.strictObject({
        user_id: s.userIdOrMe(),
        provider_config_id: z.string(),
        email: z.string().email().optional(),
        allow_sign_in: z.boolean(),
        allow_connected_accounts: z.boolean(),
        account_id: z.string(),
      }),
      handler: ({ auth, body, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(body.user_id);
        const type = resolveProviderType(db, auth.projectId, body.provider_config_id);
        if (!findProviderConfig(db, auth.projectId, body.provider_config_id) || type === null) {
          throw new TextError(404, `OAuth provider ${body.provider_config_id} not found or not configured`);
        }
        ensureUserExists(db, auth.projectId, userId);
        const id = crypto.randomUUID();
        db.transaction(() => {
          checkInputValidity(db, {
            projectId: auth.projectId,
            userId,
            providerConfigId: body.provider_config_id,
            accountId: body.account_id,
            allowSignIn: body.allow_sign_in,
            excludeId: null,
          });
          st(db).insert.run(
            id, auth.projectId, userId, body.provider_config_id, type, body.account_id, body.email ?? null,
            body.allow_sign_in ? 1 : 0, body.allow_connected_accounts ? 1 : 0, services.now(),
          );
        })();
        const row = st(db).get.get(id, userId, auth.projectId) as OAuthAccountRow;
        return reply.created(accountToJson(row, type, auth.accessType));
      },
    }),
    route({
      method: "GET",
      path: "/oauth-providers/:user_id/:provider_id",
      access: ["client", "server", "admin"],
      params: itemParams,
      handler: ({ auth, params, services, userIdOrMe }) => {
        const userId = userIdOrMe(params.user_id);
        ensureClientOwnUser(auth, userId, "Client can only read OAuth providers for their own user.");
        ensureUserExists(services.db, auth.projectId, userId);
        const { row, type } = loadAccount(services.db, auth, userId, params.provider_id);
        return accountToJson(row, type, auth.accessType);
      },
    }),
    route({
      method: "PATCH",
      path: "/oauth-providers/:user_id/:provider_id",
      access: ["client", "server", "admin"],
      params: itemParams,
      body: (a) => (a === "client" ? clientUpdate : serverUpdate) as z.ZodType<UpdateBody>,
      handler: ({ auth, params, body, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(params.user_id);
        ensureClientOwnUser(auth, userId, "Client can only update OAuth providers for their own user.");
        ensureUserExists(db, auth.projectId, userId);
        const updated = db.transaction(() => {
          const { row, type } = loadAccount(db, auth, userId, params.provider_id);
          const accountId = body.account_id ?? row.account_id;
          const allowSignIn = body.allow_sign_in ?? !!row.allow_sign_in;
          checkInputValidity(db, {
            projectId: auth.projectId,
            userId,
            providerConfigId: row.provider_config_id,
            accountId,
            // Sign-in conflicts matter when sign-in is turned on, or the account id of a sign-in link changes.
            allowSignIn: body.allow_sign_in ?? (body.account_id !== undefined ? allowSignIn : false),
            excludeId: row.id,
          });
          const allowConnected = body.allow_connected_accounts ?? !!row.allow_connected_accounts;
          st(db).update.run(accountId, body.email ?? row.email, allowSignIn ? 1 : 0, allowConnected ? 1 : 0, row.id);
          return { row: st(db).get.get(row.id, userId, auth.projectId) as OAuthAccountRow, type };
        })();
        return accountToJson(updated.row, updated.type, auth.accessType);
      },
    }),
    route({
      method: "DELETE",
      path: "/oauth-providers/:user_id/:provider_id",
      access: ["client", "server", "admin"],
      params: itemParams,
      handler: ({ auth, params, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(params.user_id);
        ensureClientOwnUser(auth, userId, "Client can only delete OAuth providers for their own user.");
        ensureUserExists(db, auth.projectId, userId);
        const row = st(db).get.get(params.provider_id, userId, auth.projectId) as OAuthAccountRow | undefined;
        if (!row) throw new TextError(404, `OAuth provider ${params.provider_id} for user ${userId} not found`);
        st(db).delete.run(row.id);
        return reply.success();
      },
    }),
    route({
      method: "GET",
      path: "/connected-accounts/:user_id",
      access: ["client", "server", "admin"],
      params: z.strictObject({ user_id: s.userIdOrMe() }),
      handler: ({ auth, params, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(params.user_id);
        ensureClientOwnUser(auth, userId, "Client can only list connected accounts for their own user.");
        ensureUserExists(db, auth.projectId, userId);
        const rows = st(db).listConnected.all(auth.projectId, userId) as OAuthAccountRow[];
        return {
          items: rows.map((r) => ({ user_id: r.user_id, provider: r.provider_config_id, provider_account_id: r.account_id })),
          is_paginated: false,
        };
      },
    }),
    route({
      method: "POST",
      path: "/connected-accounts/:user_id/:provider_id/access-token",
      access: ["client", "server", "admin"],
      params: z.strictObject({ user_id: s.userIdOrMe(), provider_id: z.string() }),
      body: z.strictObject({ scope: z.string().optional() }),
      handler: ({ auth, params, services, userIdOrMe }) =>
        accessTokenUnavailable(services.db, auth, userIdOrMe(params.user_id), params.provider_id, null),
    }),
    route({
      method: "POST",
      path: "/connected-accounts/:user_id/:provider_id/:provider_account_id/access-token",
      access: ["client", "server", "admin"],
      params: z.strictObject({ user_id: s.userIdOrMe(), provider_id: z.string(), provider_account_id: z.string() }),
      body: z.strictObject({ scope: z.string().optional() }),
      handler: ({ auth, params, services, userIdOrMe }) =>
        accessTokenUnavailable(services.db, auth, userIdOrMe(params.user_id), params.provider_id, params.provider_account_id),
    }),
  ],
};
