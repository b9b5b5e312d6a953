import crypto from "node:crypto";
import { z } from "zod";
import type { AuthContext } from "../auth";
import { prep, type DB } from "../db";
import { Errors, TextError } from "../errors";
import { recordEmail, route, type EmulatorModule, type EmulatorServices } from "../router";
import { s } from "../validation";
import { addMembership } from "./team-memberships";
import {
  currentUserOrThrow,
  ensureMembership,
  ensureTeamExists,
  ensureTeamPermission,
  ensureUserExists,
  isMember,
} from "./permissions";
import { isTrustedCallbackUrl } from "../trusted-urls";
import { userRestriction } from "./users";

// Team invitations (stack-shared `teamInvitationCrud`). An invitation is a 45-character code (like the real
// server's verification codes) valid for 7 days, e-mailed as `callback_url?code=…`; the e-mail
// is recorded in the emulator outbox (kind "email").

const INVITATION_TTL_MILLIS = 7 * 24 * 60 * 60 * 1000;
const CODE_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function generateCode(): string {
  let out = "";
  for (const b of crypto.randomBytes(45)) out += CODE_ALPHABET[b & 31];
  return out;
}

type InvitationRow = {
  id: string;
  team_id: string;
  recipient_email: string;
  callback_url: string;
  code: string;
  created_at_millis: number;
  expires_at_millis: number;
  used_at_millis: number | null;
  team_display_name: string | null;
};

const INVITATION_SELECT = `SELECT i.id, i.team_id, i.recipient_email, i.callback_url, i.code, i.created_at_millis, i.expires_at_millis,
       i.used_at_millis, t.display_name AS team_display_name
  FROM team_invitations i LEFT JOIN teams t ON t.id = i.team_id`;

/** Invitation object, in the real server's field order. */
const invitationJson = (r: InvitationRow) => ({
  id: r.id,
  team_id: r.team_id,
  team_display_name: r.team_display_name ?? "",
  expires_at_millis: r.expires_at_millis,
  recipient_email: r.recipient_email,
});

// --- helpers ---------------------------------------------------------------------------------

function hasVerifiedEmail(db: DB, userId: string, email: string): boolean {
  return (
    prep(db, "SELECT 1 FROM contact_channels WHERE user_id = ? AND type = 'email' AND is_verified = 1 AND value_lower = ?").get(
      userId,
      email.toLowerCase(),
    ) !== undefined
  );
}

/** Adds the user to the invitation's team (member defaults, webhooks) unless already a member; marks the invitation used. */
function acceptInvitation(db: DB, services: EmulatorServices, projectId: string, inv: InvitationRow, userId: string) {
  if (!isMember(db, projectId, inv.team_id, userId)) {
    addMembership(db, { projectId, teamId: inv.team_id, userId, kind: "member", now: services.now(), record: services.record });
  }
  prep(db, "UPDATE team_invitations SET used_at_millis = ? WHERE id = ?").run(services.now(), inv.id);
}

/** The checks of the real verification-code handler, in its order. */
function findByCode(db: DB, projectId: string, rawCode: string, now: number): InvitationRow {
  const code = rawCode.toLowerCase();
  const inv = prep(db, `${INVITATION_SELECT} WHERE i.code = ? AND i.project_id = ?`).get(code, projectId) as InvitationRow | undefined;
  if (!inv || inv.team_display_name === null) throw Errors.verificationCodeNotFound();
  if (inv.expires_at_millis < now) throw Errors.verificationCodeExpired();
  if (inv.used_at_millis !== null) throw Errors.verificationCodeAlreadyUsed();
  return inv;
}

/** The end-user checks of the code endpoints: a signed-in, unrestricted user owning the invited address. */
function checkAcceptingUser(db: DB, auth: AuthContext, inv: InvitationRow): string {
  if (!auth.userId) throw Errors.userAuthenticationRequired();
  const reason = userRestriction(db, auth.projectId, auth.userId)?.reason;
  if (reason) throw Errors.teamInvitationRestrictedUserNotAllowed(reason);
  if (!hasVerifiedEmail(db, auth.userId, inv.recipient_email)) throw Errors.teamInvitationEmailMismatch();
  return auth.userId;
}

const codeBody = z.strictObject({
  code: z.string().refine((v) => v.length === 45, "must be exactly 45 characters"),
});

export const teamInvitationsModule: EmulatorModule = {
  name: "team-invitations",
  migrations: [
    {
      id: "team-invitations-0001-indexes",
      sql: `CREATE INDEX IF NOT EXISTS team_invitations_recipient ON team_invitations(project_id, recipient_email COLLATE NOCASE);`,
    },
  ],
  routes: [
    route({
      method: "POST",
      path: "/team-invitations/send-code",
      access: ["client", "server", "admin"],
      body: z.strictObject({ team_id: s.uuid(), email: s.email(), callback_url: s.url() }),
      handler: ({ auth, body, services }) => {
        const db = services.db;
        const id = crypto.randomUUID();
        db.transaction(() => {
          if (auth.accessType === "client") {
            if (!auth.userId) throw Errors.userAuthenticationRequired();
            ensureTeamPermission(db, auth.projectId, body.team_id, auth.userId, "$invite_members");
          }
          if (!isTrustedCallbackUrl(db, auth.projectId, body.callback_url)) throw Errors.redirectUrlNotWhitelisted();
          ensureTeamExists(db, auth.projectId, body.team_id);
          const now = services.now();
          const code = generateCode();
          prep(
            db,
            `INSERT INTO team_invitations (id, project_id, team_id, recipient_email, callback_url, code, created_at_millis, expires_at_millis)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(id, auth.projectId, body.team_id, body.email, body.callback_url, code, now, now + INVITATION_TTL_MILLIS);
          const link = new URL(body.callback_url);
          link.searchParams.set("code", code);
          const team = prep(db, "SELECT display_name FROM teams WHERE id = ?").get(body.team_id) as { display_name: string };
          recordEmail(services, auth.projectId, {
            template: "team_invitation",
            to: [body.email],
            subject: `You have been invited to join ${team.display_name}`,
            team_id: body.team_id,
            team_display_name: team.display_name,
            invitation_id: id,
            callback_url: body.callback_url,
            code,
            link: link.toString(),
          });
        })();
        return { success: true, id };
      },
    }),
    route({
      method: "GET",
      path: "/team-invitations",
      access: ["client", "server", "admin"],
      query: z.strictObject({ team_id: s.uuid().optional(), user_id: s.userIdOrMe().optional() }),
      handler: ({ auth, query, services, userIdOrMe }) => {
        const db = services.db;
        const now = services.now();
        if (query.team_id !== undefined && query.user_id !== undefined) throw new TextError(400, "Cannot specify both team_id and user_id");
        if (query.team_id === undefined && query.user_id === undefined) throw new TextError(400, "Must specify either team_id or user_id");
        if (query.user_id !== undefined) {
          const userId = userIdOrMe(query.user_id);
          if (auth.accessType === "client" && userId !== currentUserOrThrow(auth.userId)) throw Errors.cannotGetOwnUserWithoutUser();
          // Pending invitations addressed to any verified e-mail of the user; deleted teams are skipped (inner join).
          const rows = prep(
            db,
            `${INVITATION_SELECT.replace("LEFT JOIN", "JOIN")}
              WHERE i.project_id = ? AND i.used_at_millis IS NULL AND i.expires_at_millis > ?
                AND i.recipient_email COLLATE NOCASE IN (
                  SELECT c.value FROM contact_channels c WHERE c.user_id = ? AND c.type = 'email' AND c.is_verified = 1)
              ORDER BY i.created_at_millis, i.id`,
          ).all(auth.projectId, now, userId) as InvitationRow[];
          return { items: rows.map(invitationJson), is_paginated: false };
        }
        const teamId = query.team_id!;
        if (auth.accessType === "client") {
          const me = currentUserOrThrow(auth.userId);
          ensureMembership(db, auth.projectId, teamId, me);
          ensureTeamPermission(db, auth.projectId, teamId, me, "$read_members");
          ensureTeamPermission(db, auth.projectId, teamId, me, "$invite_members");
        } else {
          ensureTeamExists(db, auth.projectId, teamId);
        }
        const rows = prep(
          db,
          `${INVITATION_SELECT} WHERE i.team_id = ? AND i.project_id = ? AND i.used_at_millis IS NULL AND i.expires_at_millis > ?
            ORDER BY i.created_at_millis, i.id`,
        ).all(teamId, auth.projectId, now) as InvitationRow[];
        return { items: rows.map(invitationJson), is_paginated: false };
      },
    }),
    route({
      method: "DELETE",
      path: "/team-invitations/:id",
      access: ["client", "server", "admin"],
      params: z.strictObject({ id: s.uuid() }),
      query: z.strictObject({ team_id: s.uuid().optional() }),
      handler: ({ auth, params, query, services }) => {
        const db = services.db;
        if (query.team_id === undefined) throw new TextError(400, "team_id is required for deleting a team invitation");
        const teamId = query.team_id;
        db.transaction(() => {
          if (auth.accessType === "client") {
            const me = currentUserOrThrow(auth.userId);
            ensureMembership(db, auth.projectId, teamId, me);
            ensureTeamPermission(db, auth.projectId, teamId, me, "$remove_members");
          } else {
            ensureTeamExists(db, auth.projectId, teamId);
          }
          // Emulator choice: the invitation must belong to the given team (404 text otherwise);
          // Stack's KnownErrors has no error for an unknown invitation id.
          const r = prep(db, "DELETE FROM team_invitations WHERE id = ? AND team_id = ? AND project_id = ?").run(params.id, teamId, auth.projectId);
          if (r.changes === 0) throw new TextError(404, "Team invitation not found");
        })();
        return { success: true };
      },
    }),
    route({
      method: "POST",
      path: "/team-invitations/:id/accept",
      access: ["client", "server", "admin"],
      params: z.strictObject({ id: s.uuid() }),
      query: z.strictObject({ user_id: s.userIdOrMe() }),
      handler: ({ auth, params, query, services, userIdOrMe }) => {
        const db = services.db;
        const userId = userIdOrMe(query.user_id);
        db.transaction(() => {
          if (auth.accessType === "client") {
            if (userId !== currentUserOrThrow(auth.userId)) throw Errors.cannotGetOwnUserWithoutUser();
          } else {
            ensureUserExists(db, auth.projectId, userId);
          }
          const reason = userRestriction(db, auth.projectId, userId)?.reason;
          if (reason) throw Errors.teamInvitationRestrictedUserNotAllowed(reason);
          const inv = prep(
            db,
            `${INVITATION_SELECT.replace("LEFT JOIN", "JOIN")}
              WHERE i.id = ? AND i.project_id = ? AND i.used_at_millis IS NULL AND i.expires_at_millis > ?`,
          ).get(params.id, auth.projectId, services.now()) as InvitationRow | undefined;
          if (!inv) throw Errors.verificationCodeNotFound();
          if (!hasVerifiedEmail(db, userId, inv.recipient_email)) throw Errors.teamInvitationEmailMismatch();
          acceptInvitation(db, services, auth.projectId, inv, userId);
        })();
        return {};
      },
    }),
    route({
      method: "POST",
      path: "/team-invitations/accept",
      access: ["client", "server", "admin"],
      body: codeBody,
      handler: ({ auth, body, services }) => {
        const db = services.db;
        db.transaction(() => {
          const inv = findByCode(db, auth.projectId, body.code, services.now());
          const userId = checkAcceptingUser(db, auth, inv);
          acceptInvitation(db, services, auth.projectId, inv, userId);
        })();
        return {};
      },
    }),
    route({
      method: "POST",
      path: "/team-invitations/accept/details",
      access: ["client", "server", "admin"],
      body: codeBody,
      handler: ({ auth, body, services }) => {
        const inv = findByCode(services.db, auth.projectId, body.code, services.now());
        checkAcceptingUser(services.db, auth, inv);
        return { team_id: inv.team_id, team_display_name: inv.team_display_name };
      },
    }),
    route({
      method: "POST",
      path: "/team-invitations/accept/check-code",
      access: ["client", "server", "admin"],
      body: codeBody,
      handler: ({ auth, body, services }) => {
        findByCode(services.db, auth.projectId, body.code, services.now());
        return { is_code_valid: true };
      },
    }),
  ],
};
