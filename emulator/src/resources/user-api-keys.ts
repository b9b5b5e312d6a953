import crypto from "node:crypto";
import { z } from "zod";
import type { AuthContext } from "../auth";
import { statements, type DB } from "../db";
import { Errors, TextError } from "../errors";
import { readProjectConfig } from "../project-bootstrap";
import { route, type EmulatorModule, type RouteDef } from "../router";
import { s } from "../validation";
import { ensureTeamPermission, teamExists, userExists } from "./permissions";

// User and team API keys (/user-api-keys, /team-api-keys): end-user keys for the customer's own API.
// Key format as Stack's createProjectApiKey: `sk_`/`pk_` + 45 random base32 chars + key id
// (32 hex) + type (`user`/`team`) + scanner flag + marker + CRC-32 checksum.

type Kind = "user" | "team";
type OwnerQuery = { user_id?: string; team_id?: string };
type KeyRow = {
  id: string;
  project_id: string;
  type: Kind;
  user_id: string | null;
  team_id: string | null;
  description: string;
  is_public: number;
  secret: string;
  created_at_millis: number;
  expires_at_millis: number | null;
  manually_revoked_at_millis: number | null;
};

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const MARKER = "574ck4u7h";
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32Hex(str: string) {
  let c = 0xffffffff;
  for (const b of Buffer.from(str, "utf8")) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, "0");
}
function createKeyValue(id: string, isPublic: boolean, type: Kind) {
  let secret = "";
  for (const b of crypto.randomBytes(45)) secret += BASE32[b & 31];
  const scannerFlag = 1 + (isPublic ? 2 : 0); // not the cloud version
  const part = `${isPublic ? "pk" : "sk"}_${secret}${id.replace(/-/g, "")}${type}${BASE32[scannerFlag]}${MARKER}`;
  return part + crc32Hex(part);
}

function makeStatements(db: DB) {
  return {
    insert: db.prepare(
      `INSERT INTO user_api_keys (id, project_id, type, user_id, team_id, description, is_public, secret, created_at_millis, expires_at_millis)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    byId: db.prepare("SELECT * FROM user_api_keys WHERE project_id = ? AND id = ?"),
    bySecret: db.prepare("SELECT * FROM user_api_keys WHERE project_id = ? AND secret = ?"),
    listUser: db.prepare("SELECT * FROM user_api_keys WHERE project_id = ? AND type = 'user' AND user_id = ? ORDER BY created_at_millis DESC, rowid DESC"),
    listTeam: db.prepare("SELECT * FROM user_api_keys WHERE project_id = ? AND type = 'team' AND team_id = ? ORDER BY created_at_millis DESC, rowid DESC"),
    setDescription: db.prepare("UPDATE user_api_keys SET description = ? WHERE id = ?"),
    revoke: db.prepare("UPDATE user_api_keys SET manually_revoked_at_millis = ? WHERE id = ? AND manually_revoked_at_millis IS NULL"),
  };
}
const S = statements(makeStatements);

/** Read object, field order of the real handler; undefined optionals omitted. */
function toRead(r: KeyRow) {
  return {
    id: r.id,
    description: r.description,
    is_public: !!r.is_public,
    created_at_millis: r.created_at_millis,
    ...(r.expires_at_millis !== null ? { expires_at_millis: r.expires_at_millis } : {}),
    ...(r.manually_revoked_at_millis !== null ? { manually_revoked_at_millis: r.manually_revoked_at_millis } : {}),
    value: { last_four: r.secret.slice(-4) },
    ...(r.type === "user" ? { user_id: r.user_id, type: "user" } : { team_id: r.team_id, type: "team" }),
  };
}

function throwIfFeatureDisabled(db: DB, projectId: string, kind: Kind) {
  if (readProjectConfig(db, projectId).apiKeys?.enabled?.[kind] !== true) {
    throw new TextError(400, `${kind === "user" ? "User" : "Team"} API keys are not enabled for this project.`);
  }
}

/** Client access: a signed-in user, own keys only; team keys need `$manage_api_keys`. */
function ensureCanManage(db: DB, auth: AuthContext, owner: { userId?: string; teamId?: string }) {
  if (auth.accessType !== "client") return;
  if (!auth.userId) throw Errors.userAuthenticationRequired();
  if (owner.userId !== undefined && owner.userId !== auth.userId) throw new TextError(403, "Client can only manage their own api keys");
  // ensureUserTeamPermissionExists of the real server: membership first, then the (recursive) permission.
  if (owner.teamId !== undefined) ensureTeamPermission(db, auth.projectId, owner.teamId, auth.userId, "$manage_api_keys");
}

function routesFor(kind: Kind): RouteDef[] {
  const base = `/${kind}-api-keys`;
  const ownerField = kind === "user" ? "user_id" : "team_id";
  const ownerSchema = kind === "user" ? s.userIdOrMe() : s.uuid();
  const resolveOwner = (ctx: { userIdOrMe: (v: string) => string }, v: string) => (kind === "user" ? ctx.userIdOrMe(v) : v);
  const ownerOf = (r: KeyRow) => (kind === "user" ? { userId: r.user_id! } : { teamId: r.team_id! });

  const loadKey = (db: DB, projectId: string, id: string, ownerFilter: string | undefined) => {
    const row = S(db).byId.get(projectId, id) as KeyRow | undefined;
    if (!row || row.type !== kind) throw Errors.apiKeyNotFound();
    if (ownerFilter !== undefined && (kind === "user" ? row.user_id : row.team_id) !== ownerFilter) throw Errors.apiKeyNotFound();
    return row;
  };
  const itemQuery = (kind === "user" ? z.strictObject({ user_id: s.userIdOrMe().optional() }) : z.strictObject({ team_id: s.uuid() })) as unknown as z.ZodType<OwnerQuery>;
  const itemOwner = (ctx: { userIdOrMe: (v: string) => string }, q: { user_id?: string; team_id?: string }) =>
    kind === "user" ? (q.user_id !== undefined ? ctx.userIdOrMe(q.user_id) : undefined) : q.team_id;

  return [
    route({
      method: "POST",
      path: base,
      access: ["client", "server", "admin"],
      body: z.strictObject({
        description: z.string(),
        expires_at_millis: z.number().nullable(),
        is_public: z.boolean().optional(),
        [ownerField]: ownerSchema,
      }) as unknown as z.ZodType<{ description: string; expires_at_millis: number | null; is_public?: boolean; user_id?: string; team_id?: string }>,
      handler: (ctx) => {
        const { auth, body, services } = ctx;
        const db = services.db;
        throwIfFeatureDisabled(db, auth.projectId, kind);
        const ownerId = resolveOwner(ctx, (kind === "user" ? body.user_id : body.team_id)!);
        ensureCanManage(db, auth, kind === "user" ? { userId: ownerId } : { teamId: ownerId });
        if (kind === "user" && !userExists(db, auth.projectId, ownerId)) throw Errors.userIdDoesNotExist(ownerId);
        if (kind === "team" && !teamExists(db, auth.projectId, ownerId)) throw Errors.teamNotFound(ownerId);
        const id = crypto.randomUUID();
        const isPublic = body.is_public ?? false;
        const secret = createKeyValue(id, isPublic, kind);
        const now = services.now();
        S(db).insert.run(
          id,
          auth.projectId,
          kind,
          kind === "user" ? ownerId : null,
          kind === "team" ? ownerId : null,
          body.description,
          isPublic ? 1 : 0,
          secret,
          now,
          body.expires_at_millis ? body.expires_at_millis : null,
        );
        const read = toRead(S(db).byId.get(auth.projectId, id) as KeyRow);
        // 200 (not 201); the only time the full value is returned.
        return { ...read, value: secret };
      },
    }),
    route({
      method: "GET",
      path: base,
      access: ["client", "server", "admin"],
      query: (kind === "user" ? z.strictObject({ user_id: s.userIdOrMe() }) : z.strictObject({ team_id: s.uuid() })) as unknown as z.ZodType<OwnerQuery>,
      handler: (ctx) => {
        const { auth, query, services } = ctx;
        const db = services.db;
        throwIfFeatureDisabled(db, auth.projectId, kind);
        const q = query as { user_id?: string; team_id?: string };
        const ownerId = kind === "user" ? ctx.userIdOrMe(q.user_id!) : q.team_id!;
        ensureCanManage(db, auth, kind === "user" ? { userId: ownerId } : { teamId: ownerId });
        const rows = (kind === "user" ? S(db).listUser : S(db).listTeam).all(auth.projectId, ownerId) as KeyRow[];
        return { items: rows.map(toRead), is_paginated: false };
      },
    }),
    route({
      method: "POST",
      path: `${base}/check`,
      access: ["server", "admin"],
      body: z.strictObject({ api_key: z.string() }),
      handler: ({ auth, body, services }) => {
        const db = services.db;
        throwIfFeatureDisabled(db, auth.projectId, kind);
        const row = S(db).bySecret.get(auth.projectId, body.api_key) as KeyRow | undefined;
        if (!row) throw Errors.apiKeyNotFound();
        if (row.type !== kind) throw Errors.wrongApiKeyType(kind, row.type);
        if (row.manually_revoked_at_millis !== null) throw Errors.apiKeyRevoked();
        if (row.expires_at_millis !== null && row.expires_at_millis < services.now()) throw Errors.apiKeyExpired();
        return toRead(row);
      },
    }),
    route({
      method: "GET",
      path: `${base}/:api_key_id`,
      access: ["client", "server", "admin"],
      params: z.strictObject({ api_key_id: s.uuid() }),
      query: itemQuery,
      handler: (ctx) => {
        const { auth, params, query, services } = ctx;
        const db = services.db;
        throwIfFeatureDisabled(db, auth.projectId, kind);
        const row = loadKey(db, auth.projectId, params.api_key_id, itemOwner(ctx, query as { user_id?: string; team_id?: string }));
        ensureCanManage(db, auth, ownerOf(row));
        return toRead(row);
      },
    }),
    route({
      method: "PATCH",
      path: `${base}/:api_key_id`,
      access: ["client", "server", "admin"],
      params: z.strictObject({ api_key_id: s.uuid() }),
      query: itemQuery,
      body: z.strictObject({ description: z.string().optional(), revoked: z.literal(true).optional() }),
      handler: (ctx) => {
        const { auth, params, query, body, services } = ctx;
        const db = services.db;
        throwIfFeatureDisabled(db, auth.projectId, kind);
        return db.transaction(() => {
          const row = loadKey(db, auth.projectId, params.api_key_id, itemOwner(ctx, query as { user_id?: string; team_id?: string }));
          ensureCanManage(db, auth, ownerOf(row));
          if (body.description !== undefined) S(db).setDescription.run(body.description, row.id);
          if (body.revoked) S(db).revoke.run(services.now(), row.id);
          return toRead(S(db).byId.get(auth.projectId, row.id) as KeyRow);
        })();
      },
    }),
  ];
}

export const userApiKeysModule: EmulatorModule = {
  name: "user-api-keys",
  routes: [...routesFor("user"), ...routesFor("team")],
};
