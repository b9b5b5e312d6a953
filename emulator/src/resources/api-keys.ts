import crypto from "node:crypto";
import { z } from "zod";
import { statements, type DB } from "../db";
import { Errors } from "../errors";
import { route, type EmulatorModule } from "../router";
import { randomKey } from "../tokens";
import { s } from "../validation";

// Project API key sets ("internal API keys": pck_/ssk_/sak_; stack-shared `internalApiKeysCrud`).
// Authentication (auth.ts) reads the same rows on every request, so revocation and expiry
// take effect immediately.

type KeySetRow = {
  id: string;
  description: string;
  created_at_millis: number;
  expires_at_millis: number;
  manually_revoked_at_millis: number | null;
  publishable_client_key: string | null;
  secret_server_key: string | null;
  super_secret_admin_key: string | null;
};

function makeStatements(db: DB) {
  return {
    list: db.prepare("SELECT * FROM api_key_sets WHERE project_id = ? ORDER BY created_at_millis DESC, rowid DESC"),
    get: db.prepare("SELECT * FROM api_key_sets WHERE project_id = ? AND id = ?"),
    insert: db.prepare(
      `INSERT INTO api_key_sets (id, project_id, description, created_at_millis, expires_at_millis, publishable_client_key, secret_server_key, super_secret_admin_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    setDescription: db.prepare("UPDATE api_key_sets SET description = ? WHERE project_id = ? AND id = ?"),
    revoke: db.prepare("UPDATE api_key_sets SET manually_revoked_at_millis = ? WHERE project_id = ? AND id = ? AND manually_revoked_at_millis IS NULL"),
  };
}
const S = statements(makeStatements);

/** Read object with obfuscated keys; field order of the real server's list response. */
function toRead(r: KeySetRow) {
  return {
    created_at_millis: r.created_at_millis,
    ...(r.manually_revoked_at_millis !== null ? { manually_revoked_at_millis: r.manually_revoked_at_millis } : {}),
    expires_at_millis: r.expires_at_millis,
    description: r.description,
    id: r.id,
    ...(r.super_secret_admin_key ? { super_secret_admin_key: { last_four: r.super_secret_admin_key.slice(-4) } } : {}),
    ...(r.secret_server_key ? { secret_server_key: { last_four: r.secret_server_key.slice(-4) } } : {}),
    ...(r.publishable_client_key ? { publishable_client_key: { last_four: r.publishable_client_key.slice(-4) } } : {}),
  };
}

function load(db: DB, projectId: string, id: string) {
  const row = S(db).get.get(projectId, id) as KeySetRow | undefined;
  if (!row) throw Errors.apiKeyNotFound();
  return row;
}

const idParams = z.strictObject({ api_key_id: s.uuid() });

export const apiKeysModule: EmulatorModule = {
  name: "api-keys",
  routes: [
    route({
      method: "GET",
      path: "/internal/api-keys",
      access: ["admin"],
      handler: ({ auth, services }) => ({
        is_paginated: false,
        items: (S(services.db).list.all(auth.projectId) as KeySetRow[]).map(toRead),
      }),
    }),
    route({
      method: "POST",
      path: "/internal/api-keys",
      access: ["admin"],
      body: z.strictObject({
        description: z.string(),
        expires_at_millis: z.number(),
        has_publishable_client_key: z.boolean(),
        has_secret_server_key: z.boolean(),
        has_super_secret_admin_key: z.boolean(),
      }),
      handler: ({ auth, body, services }) => {
        const id = crypto.randomUUID();
        const now = services.now();
        const pck = body.has_publishable_client_key ? randomKey("pck_") : null;
        const ssk = body.has_secret_server_key ? randomKey("ssk_") : null;
        const sak = body.has_super_secret_admin_key ? randomKey("sak_") : null;
        S(services.db).insert.run(id, auth.projectId, body.description, now, body.expires_at_millis, pck, ssk, sak);
        // 200, not 201; the only response that carries the secrets (field order of the real handler).
        return {
          id,
          description: body.description,
          ...(pck ? { publishable_client_key: pck } : {}),
          ...(ssk ? { secret_server_key: ssk } : {}),
          ...(sak ? { super_secret_admin_key: sak } : {}),
          created_at_millis: now,
          expires_at_millis: body.expires_at_millis,
        };
      },
    }),
    route({
      method: "GET",
      path: "/internal/api-keys/:api_key_id",
      access: ["admin"],
      params: idParams,
      handler: ({ auth, params, services }) => toRead(load(services.db, auth.projectId, params.api_key_id)),
    }),
    route({
      method: "PATCH",
      path: "/internal/api-keys/:api_key_id",
      access: ["admin"],
      params: idParams,
      body: z.strictObject({
        description: z.string().optional(),
        revoked: z.literal(true).optional(),
      }),
      handler: ({ auth, params, body, services }) => {
        const db = services.db;
        return db.transaction(() => {
          load(db, auth.projectId, params.api_key_id);
          if (body.description !== undefined) S(db).setDescription.run(body.description, auth.projectId, params.api_key_id);
          // Permanent and idempotent: the first revocation time is kept.
          if (body.revoked) S(db).revoke.run(services.now(), auth.projectId, params.api_key_id);
          return toRead(load(db, auth.projectId, params.api_key_id));
        })();
      },
    }),
  ],
};
