import crypto from "node:crypto";
import { z } from "zod";
import { statements, type DB } from "../db";
import { Errors, TextError } from "../errors";
import { ensureClientOwnUser, recordEmail, reply, route, type EmulatorModule, type EmulatorServices, type Migration } from "../router";
import { randomToken } from "../tokens";
import { s } from "../validation";
import { isTrustedCallbackUrl } from "../trusted-urls";
import { userExists } from "./permissions";
import { refreshUserSearchText } from "./users";

// Contact channels (stack-shared `contactChannelsCrud`). The user's primary_email* fields are a
// view of the primary e-mail channel (users/ reads them from this table).

type ChannelRow = {
  id: string;
  project_id: string;
  user_id: string;
  type: string;
  value: string;
  value_lower: string;
  is_primary: number;
  is_verified: number;
  used_for_auth: number;
  created_at_millis: number;
};

const migrations: Migration[] = [
  {
    id: "contact-channels-0001-project-index",
    sql: "CREATE INDEX IF NOT EXISTS contact_channels_project ON contact_channels(project_id, created_at_millis);",
  },
];

function makeStatements(db: DB) {
  const order = "ORDER BY created_at_millis, rowid";
  return {
    listByUser: db.prepare(`SELECT * FROM contact_channels WHERE project_id = ? AND user_id = ? ${order}`),
    listByUserAndId: db.prepare(`SELECT * FROM contact_channels WHERE project_id = ? AND user_id = ? AND id = ? ${order}`),
    listById: db.prepare(`SELECT * FROM contact_channels WHERE project_id = ? AND id = ? ${order}`),
    listByProject: db.prepare(`SELECT * FROM contact_channels WHERE project_id = ? ${order}`),
    get: db.prepare("SELECT * FROM contact_channels WHERE id = ? AND user_id = ? AND project_id = ?"),
    sameValue: db.prepare("SELECT id FROM contact_channels WHERE user_id = ? AND type = ? AND value_lower = ? AND id IS NOT ?"),
    authOwner: db.prepare(
      "SELECT id, user_id FROM contact_channels WHERE project_id = ? AND type = ? AND value_lower = ? AND used_for_auth = 1 AND id IS NOT ?",
    ),
    demote: db.prepare("UPDATE contact_channels SET is_primary = 0 WHERE user_id = ? AND type = ? AND is_primary = 1"),
    insert: db.prepare(
      `INSERT INTO contact_channels (id, project_id, user_id, type, value, value_lower, is_primary, is_verified, used_for_auth, created_at_millis)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare(
      `UPDATE contact_channels SET value = ?, value_lower = ?, is_primary = ?, is_verified = ?, used_for_auth = ? WHERE id = ?`,
    ),
    delete: db.prepare("DELETE FROM contact_channels WHERE id = ?"),
    projectName: db.prepare("SELECT display_name FROM projects WHERE id = ?").pluck(),
  };
}
const st = statements(makeStatements);

/** Contact channel read shape, in the real server's field order. */
export function channelToJson(row: ChannelRow) {
  return {
    user_id: row.user_id,
    id: row.id,
    type: row.type,
    value: row.value,
    is_primary: !!row.is_primary,
    is_verified: !!row.is_verified,
    used_for_auth: !!row.used_for_auth,
  };
}

/** Maps SQLite unique-index violations of contact_channels to the API's errors. */
function mapConstraintError(e: unknown, value: string | null): never {
  const err = e as { code?: string; message?: string };
  if (typeof err.code === "string" && err.code.startsWith("SQLITE_CONSTRAINT")) {
    const msg = err.message ?? "";
    if (msg.includes("contact_channels.project_id")) throw Errors.contactChannelAlreadyUsedForAuth(value);
    if (msg.includes("contact_channels.user_id")) throw new TextError(400, "Contact channel already exists");
  }
  throw e;
}

const emailValue = () => z.string().email();
const createBody = (accessType: string) =>
  z.strictObject({
    user_id: s.userIdOrMe(),
    value: emailValue(),
    type: z.enum(["email"]),
    used_for_auth: z.boolean(),
    is_primary: z.boolean().optional(),
    ...(accessType === "client" ? {} : { is_verified: z.boolean().optional() }),
  });
const updateBody = (accessType: string) =>
  z.strictObject({
    value: emailValue().optional(),
    type: z.enum(["email"]).optional(),
    used_for_auth: z.boolean().optional(),
    is_primary: z.boolean().optional(),
    ...(accessType === "client" ? {} : { is_verified: z.boolean().optional() }),
  });
const itemParams = z.strictObject({ user_id: s.userIdOrMe(), contact_channel_id: s.uuid() });

const createBodies = { client: createBody("client"), other: createBody("server") };
const updateBodies = { client: updateBody("client"), other: updateBody("server") };

type CreateBody = { user_id: string; value: string; type: "email"; used_for_auth: boolean; is_primary?: boolean; is_verified?: boolean };
type UpdateBody = { value?: string; type?: "email"; used_for_auth?: boolean; is_primary?: boolean; is_verified?: boolean };

/**
 * Inserts a contact channel (demoting the user's other primary channel first when `isPrimary`),
 * keeping search_text in sync. Throws the API errors (400 text duplicate, 409 used for auth).
 */
export function insertContactChannel(
  services: Pick<EmulatorServices, "db" | "now">,
  p: { projectId: string; userId: string; value: string; type?: string; usedForAuth: boolean; isPrimary?: boolean; isVerified?: boolean },
) {
  const db = services.db;
  const s = st(db);
  const type = p.type ?? "email";
  const lower = p.value.toLowerCase();
  return db.transaction(() => {
    if (s.sameValue.get(p.userId, type, lower, null)) throw new TextError(400, "Contact channel already exists");
    if (p.usedForAuth && s.authOwner.get(p.projectId, type, lower, null)) throw Errors.contactChannelAlreadyUsedForAuth(p.value);
    if (p.isPrimary) s.demote.run(p.userId, type);
    const id = crypto.randomUUID();
    try {
      s.insert.run(id, p.projectId, p.userId, type, p.value, lower, p.isPrimary ? 1 : 0, p.isVerified ? 1 : 0, p.usedForAuth ? 1 : 0, services.now());
    } catch (e) {
      mapConstraintError(e, p.value);
    }
    refreshUserSearchText(db, p.userId);
    return s.get.get(id, p.userId, p.projectId) as ChannelRow;
  })();
}

export const contactChannelsModule: EmulatorModule = {
  name: "contact-channels",
  migrations,
  routes: [
    route({
      method: "GET",
      path: "/contact-channels",
      access: ["client", "server", "admin"],
      query: z.strictObject({ user_id: s.userIdOrMe().optional(), contact_channel_id: s.uuid().optional() }),
      handler: ({ auth, query, services, userIdOrMe }) => {
        const userId = query.user_id === undefined ? undefined : userIdOrMe(query.user_id);
        ensureClientOwnUser(auth, userId, "Client can only list contact channels for their own user.");
        const s2 = st(services.db);
        const id = query.contact_channel_id;
        const rows = (
          userId !== undefined
            ? id !== undefined
              ? s2.listByUserAndId.all(auth.projectId, userId, id)
              : s2.listByUser.all(auth.projectId, userId)
            : id !== undefined
              ? s2.listById.all(auth.projectId, id)
              : s2.listByProject.all(auth.projectId)
        ) as ChannelRow[];
        return { items: rows.map(channelToJson), is_paginated: false };
      },
    }),
    route({
      method: "POST",
      path: "/contact-channels",
      access: ["client", "server", "admin"],
      body: (a) => (a === "client" ? createBodies.client : createBodies.other) as z.ZodType<CreateBody>,
      handler: ({ auth, body, services, userIdOrMe }) => {
        const userId = userIdOrMe(body.user_id);
        ensureClientOwnUser(auth, userId, "Client can only create contact channels for their own user.");
        if (!userExists(services.db, auth.projectId, userId)) throw Errors.userNotFound();
        const row = insertContactChannel(services, {
          projectId: auth.projectId,
          userId,
          value: body.value,
          type: body.type,
          usedForAuth: body.used_for_auth,
          isPrimary: body.is_primary,
          isVerified: body.is_verified,
        });
        return reply.created(channelToJson(row));
      },
    }),
    route({
      method: "GET",
      path: "/contact-channels/:user_id/:contact_channel_id",
      access: ["client", "server", "admin"],
      params: itemParams,
      handler: ({ auth, params, services, userIdOrMe }) => {
        const userId = userIdOrMe(params.user_id);
        ensureClientOwnUser(auth, userId, "Client can only read contact channels for their own user.");
        const row = st(services.db).get.get(params.contact_channel_id, userId, auth.projectId) as ChannelRow | undefined;
        if (!row) throw new TextError(404, "Contact channel not found.");
        return channelToJson(row);
      },
    }),
    route({
      method: "PATCH",
      path: "/contact-channels/:user_id/:contact_channel_id",
      access: ["client", "server", "admin"],
      params: itemParams,
      body: (a) => (a === "client" ? updateBodies.client : updateBodies.other) as z.ZodType<UpdateBody>,
      handler: ({ auth, params, body, services, userIdOrMe }) => {
        const userId = userIdOrMe(params.user_id);
        ensureClientOwnUser(auth, userId, "Client can only update contact channels for their own user.");
        const db = services.db;
        const s2 = st(db);
        const updated = db.transaction(() => {
          const row = s2.get.get(params.contact_channel_id, userId, auth.projectId) as ChannelRow | undefined;
          if (!row) throw new TextError(400, "Contact channel not found");
          const value = body.value ?? row.value;
          const lower = value.toLowerCase();
          const type = body.type ?? row.type;
          const usedForAuth = body.used_for_auth ?? !!row.used_for_auth;
          if (body.value !== undefined && s2.sameValue.get(userId, type, lower, row.id)) throw new TextError(400, "Contact channel already exists");
          if (usedForAuth && s2.authOwner.get(auth.projectId, type, lower, row.id)) throw Errors.contactChannelAlreadyUsedForAuth(null);
          if (body.is_primary) s2.demote.run(userId, type);
          // A new value without an explicit is_verified resets verification (as the real server does).
          const isVerified = body.is_verified ?? (body.value ? false : !!row.is_verified);
          const isPrimary = body.is_primary ?? !!row.is_primary;
          try {
            s2.update.run(value, lower, isPrimary ? 1 : 0, isVerified ? 1 : 0, usedForAuth ? 1 : 0, row.id);
          } catch (e) {
            mapConstraintError(e, null);
          }
          if (value !== row.value) refreshUserSearchText(db, userId);
          return s2.get.get(row.id, userId, auth.projectId) as ChannelRow;
        })();
        return channelToJson(updated);
      },
    }),
    route({
      method: "DELETE",
      path: "/contact-channels/:user_id/:contact_channel_id",
      access: ["client", "server", "admin"],
      params: itemParams,
      handler: ({ auth, params, services, userIdOrMe }) => {
        const userId = userIdOrMe(params.user_id);
        ensureClientOwnUser(auth, userId, "Client can only delete contact channels for their own user.");
        const db = services.db;
        const s2 = st(db);
        db.transaction(() => {
          const row = s2.get.get(params.contact_channel_id, userId, auth.projectId) as ChannelRow | undefined;
          if (!row) throw new TextError(400, "Contact channel not found");
          s2.delete.run(row.id);
          refreshUserSearchText(db, userId);
        })();
        return reply.success();
      },
    }),
    route({
      method: "POST",
      path: "/contact-channels/:user_id/:contact_channel_id/send-verification-code",
      access: ["client", "server", "admin"],
      params: itemParams,
      body: z.strictObject({ callback_url: s.url() }),
      handler: ({ auth, params, body, services, userIdOrMe }) => {
        const userId = userIdOrMe(params.user_id);
        const s2 = st(services.db);
        if (auth.accessType === "client") {
          if (!auth.userId) throw Errors.cannotGetOwnUserWithoutUser();
          // The real server answers 400 (not 403) here.
          if (userId !== auth.userId) throw new TextError(400, "Can only send verification code for your own user");
        } else if (!userExists(services.db, auth.projectId, userId)) {
          throw Errors.userIdDoesNotExist(userId);
        }
        const row = s2.get.get(params.contact_channel_id, userId, auth.projectId) as ChannelRow | undefined;
        if (!row || row.type !== "email") throw new TextError(404, "Contact channel not found");
        if (row.is_verified) throw Errors.emailAlreadyVerified();
        if (!isTrustedCallbackUrl(services.db, auth.projectId, body.callback_url)) throw Errors.redirectUrlNotWhitelisted();
        const code = randomToken(32);
        const link = new URL(body.callback_url);
        link.searchParams.set("code", code);
        const projectName = (s2.projectName.get(auth.projectId) as string | undefined) ?? "";
        recordEmail(services, auth.projectId, {
          template: "email_verification",
          to: [row.value],
          subject: `Verify your email at ${projectName}`,
          user_id: userId,
          contact_channel_id: row.id,
          callback_url: body.callback_url,
          code,
          link: link.toString(),
        });
        return reply.success();
      },
    }),
  ],
};
