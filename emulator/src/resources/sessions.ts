import crypto from "node:crypto";
import { z } from "zod";
import { stackHeader } from "../auth";
import { statements, type DB } from "../db";
import { Errors, TextError } from "../errors";
import { ensureClientOwnUser, reply, route, type EmulatorModule } from "../router";
import { randomToken, signJwt } from "../tokens";
import { s, schemaErrorText } from "../validation";

// Sessions (refresh tokens) and impersonation (stack-shared `sessionsCrud`).

/** 367 days: the maximum `expires_in_millis` of POST /auth/sessions. */
export const MAX_SESSION_EXPIRATION_MS = 1000 * 60 * 60 * 24 * 367;
const DEFAULT_SESSION_EXPIRATION_MS = 1000 * 60 * 60 * 24 * 365;
/** Lifetime of an emulator access token. */
export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;


type SessionRow = {
  id: string;
  project_id: string;
  user_id: string;
  refresh_token: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number;
  is_impersonation: number;
  ip_info_json: string | null;
};

function makeStatements(db: DB) {
  return {
    user: db.prepare("SELECT id, is_anonymous FROM users WHERE id = ? AND project_id = ?"),
    insert: db.prepare(
      `INSERT INTO sessions (id, project_id, user_id, refresh_token, created_at, last_used_at, expires_at, is_impersonation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    listAll: db.prepare("SELECT * FROM sessions WHERE user_id = ? AND project_id = ? ORDER BY created_at DESC, rowid DESC"),
    listNonImpersonation: db.prepare(
      "SELECT * FROM sessions WHERE user_id = ? AND project_id = ? AND is_impersonation = 0 ORDER BY created_at DESC, rowid DESC",
    ),
    byId: db.prepare("SELECT * FROM sessions WHERE id = ? AND project_id = ?"),
    byRefreshToken: db.prepare("SELECT * FROM sessions WHERE refresh_token = ? AND project_id = ?"),
    deleteById: db.prepare("DELETE FROM sessions WHERE id = ? AND project_id = ?"),
    touch: db.prepare("UPDATE sessions SET last_used_at = ? WHERE id = ?"),
    userAnon: db.prepare("SELECT is_anonymous FROM users WHERE id = ?").pluck(),
  };
}
const st = statements(makeStatements);

/** Signs an emulator access token for a session (claims sub, project_id, branch_id, refresh_token_id, iat, exp). */
export function issueAccessToken(
  jwtSecret: string,
  p: { userId: string; projectId: string; branchId?: string; sessionId: string; isAnonymous: boolean; nowMillis: number },
) {
  const iat = Math.floor(p.nowMillis / 1000);
  return signJwt(
    {
      sub: p.userId,
      project_id: p.projectId,
      branch_id: p.branchId ?? "main",
      refresh_token_id: p.sessionId,
      iat,
      exp: iat + ACCESS_TOKEN_TTL_SECONDS,
      is_anonymous: p.isAnonymous,
    },
    jwtSecret,
  );
}

/**
 * Creates a session (refresh token) for an existing user and returns both tokens.
 * Exported so other modules and tests can sign users in without HTTP.
 */
export function createSession(
  db: DB,
  jwtSecret: string,
  p: { projectId: string; userId: string; expiresInMillis?: number; isImpersonation?: boolean; nowMillis?: number; branchId?: string },
) {
  const s = st(db);
  const now = p.nowMillis ?? Date.now();
  const user = s.user.get(p.userId, p.projectId) as { id: string; is_anonymous: number } | undefined;
  if (!user) throw Errors.userIdDoesNotExist(p.userId);
  const id = crypto.randomUUID();
  const refreshToken = randomToken(36);
  s.insert.run(id, p.projectId, p.userId, refreshToken, now, now, now + (p.expiresInMillis ?? DEFAULT_SESSION_EXPIRATION_MS), p.isImpersonation ? 1 : 0);
  const accessToken = issueAccessToken(jwtSecret, {
    userId: p.userId,
    projectId: p.projectId,
    branchId: p.branchId,
    sessionId: id,
    isAnonymous: !!user.is_anonymous,
    nowMillis: now,
  });
  return { sessionId: id, refreshToken, accessToken };
}

function sessionToJson(row: SessionRow, currentSessionId: string | null) {
  const out: Record<string, unknown> = {
    id: row.id,
    user_id: row.user_id,
    created_at: row.created_at,
    last_used_at: row.last_used_at ?? row.created_at,
    is_impersonation: !!row.is_impersonation,
    is_current_session: row.id === currentSessionId,
  };
  if (row.ip_info_json) out.last_used_at_end_user_ip_info = JSON.parse(row.ip_info_json);
  return out;
}

const refreshTokenRequired = (method: string, path: string) =>
  Errors.schema(schemaErrorText(method, path, ["headers.x-stack-refresh-token must be defined"]));

export const sessionsModule: EmulatorModule = {
  name: "sessions",
  routes: [
    // Static paths before `/auth/sessions/:id` so `current` is never taken for an id.
    route({
      method: "DELETE",
      path: "/auth/sessions/current",
      access: ["client", "server", "admin"],
      handler: ({ auth, headers, services }) => {
        const s = st(services.db);
        const refreshToken = stackHeader(headers, "refresh-token");
        let sessionId: string | null = null;
        if (refreshToken !== undefined) {
          const row = s.byRefreshToken.get(refreshToken, auth.projectId) as SessionRow | undefined;
          if (!row || row.expires_at <= services.now()) throw Errors.refreshTokenNotFoundOrExpired();
          sessionId = row.id;
        } else if (auth.sessionId) {
          sessionId = auth.sessionId;
        }
        if (!sessionId || s.deleteById.run(sessionId, auth.projectId).changes === 0) throw Errors.refreshTokenNotFoundOrExpired();
        return reply.success();
      },
    }),
    route({
      method: "POST",
      path: "/auth/sessions/current/refresh",
      access: ["client", "server", "admin"],
      handler: ({ auth, headers, services }) => {
        const refreshToken = stackHeader(headers, "refresh-token");
        if (refreshToken === undefined) throw refreshTokenRequired("POST", `/api/v1/auth/sessions/current/refresh`);
        const s = st(services.db);
        const row = s.byRefreshToken.get(refreshToken, auth.projectId) as SessionRow | undefined;
        const now = services.now();
        if (!row || row.expires_at <= now) throw Errors.refreshTokenNotFoundOrExpired();
        s.touch.run(now, row.id);
        const isAnonymous = !!s.userAnon.get(row.user_id);
        return {
          access_token: issueAccessToken(services.config.jwtSecret, {
            userId: row.user_id,
            projectId: row.project_id,
            branchId: auth.branchId,
            sessionId: row.id,
            isAnonymous,
            nowMillis: now,
          }),
        };
      },
    }),
    route({
      method: "POST",
      path: "/auth/sessions",
      access: ["server", "admin"],
      body: z.strictObject({
        user_id: s.userIdOrMe(),
        expires_in_millis: z.number().max(MAX_SESSION_EXPIRATION_MS).optional(),
        is_impersonation: z.boolean().optional(),
      }),
      handler: ({ auth, body, services, userIdOrMe }) => {
        const userId = userIdOrMe(body.user_id);
        const { refreshToken, accessToken } = createSession(services.db, services.config.jwtSecret, {
          projectId: auth.projectId,
          branchId: auth.branchId,
          userId,
          expiresInMillis: body.expires_in_millis,
          isImpersonation: body.is_impersonation,
          nowMillis: services.now(),
        });
        return { refresh_token: refreshToken, access_token: accessToken };
      },
    }),
    route({
      method: "GET",
      path: "/auth/sessions",
      access: ["client", "server", "admin"],
      query: z.strictObject({ user_id: s.userIdOrMe() }),
      handler: ({ auth, query, services, userIdOrMe }) => {
        const userId = userIdOrMe(query.user_id);
        ensureClientOwnUser(auth, userId, "Client can only list sessions for their own user.");
        const s = st(services.db);
        // Impersonation sessions are listed to admin access only.
        const rows = (auth.accessType === "admin" ? s.listAll : s.listNonImpersonation).all(userId, auth.projectId) as SessionRow[];
        return { items: rows.map((r) => sessionToJson(r, auth.sessionId)), is_paginated: false };
      },
    }),
    route({
      method: "DELETE",
      path: "/auth/sessions/:id",
      access: ["client", "server", "admin"],
      params: z.strictObject({ id: s.uuid() }),
      // A real 2.8.86 server requires ?user_id= for every access type (SCHEMA_ERROR without it).
      query: z.strictObject({ user_id: s.userIdOrMe() }),
      handler: ({ auth, params, query, services, userIdOrMe }) => {
        userIdOrMe(query.user_id);
        const s = st(services.db);
        const row = s.byId.get(params.id, auth.projectId) as SessionRow | undefined;
        if (!row || (auth.accessType === "client" && auth.userId !== row.user_id)) throw new TextError(404, "Session not found.");
        if (auth.sessionId === row.id) throw Errors.cannotDeleteCurrentSession();
        s.deleteById.run(row.id, auth.projectId);
        return reply.success();
      },
    }),
  ],
};
