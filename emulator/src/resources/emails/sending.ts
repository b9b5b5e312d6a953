import crypto from "node:crypto";
import { z } from "zod";
import { Errors, TextError } from "../../errors";
import { readProjectConfig } from "../../project-bootstrap";
import { recordEmail, route, type RouteDef } from "../../router";
import { isTrustedCallbackUrl } from "../../trusted-urls";
import { s } from "../../validation";
import { userExists } from "../permissions";
import { emailStatements as S, findTemplate, projectDisplayName, requireCustomServer, requireThemeExport, themeIdValue, themeSourceFor, type DraftRow } from "./model";
import { renderEmail } from "./render";

// Nothing is sent: every outgoing e-mail is recorded in the outbox (kind "email") and listed by
// GET /internal/emails.

export const sendingRoutes: RouteDef[] = [
  route({
    method: "POST",
    path: "/emails/render-email",
    access: ["admin"],
    body: z.strictObject({
      theme_id: themeIdValue.nullable().optional(),
      theme_tsx_source: z.string().optional(),
      template_id: s.uuid().optional(),
      template_tsx_source: z.string().optional(),
      editable_markers: z.boolean().optional(),
      editable_source: z.enum(["template", "theme", "both"]).optional(),
    }),
    handler: ({ auth, body, services }) => {
      const db = services.db;
      if (body.template_id !== undefined && body.template_tsx_source !== undefined) throw new TextError(400, "Exactly one of template_id or template_tsx_source must be provided");
      if (body.theme_id !== undefined && body.theme_tsx_source !== undefined) throw new TextError(400, "Only one of theme_id or theme_tsx_source may be provided");
      let templateTsx = body.template_tsx_source;
      if (templateTsx === undefined) {
        if (body.template_id === undefined) throw new TextError(400, "Exactly one of template_id or template_tsx_source must be provided");
        const t = findTemplate(db, auth.projectId, body.template_id);
        if (!t) throw new TextError(400, "No template found with given id");
        templateTsx = t.tsx_source;
      }
      if (body.theme_tsx_source !== undefined) requireThemeExport(body.theme_tsx_source);
      const themeTsx = body.theme_tsx_source ?? themeSourceFor(db, auth.projectId, body.theme_id);
      const { html } = renderEmail({
        templateTsx,
        themeTsx,
        requireMeta: false,
        editableMarkers: body.editable_markers,
        vars: { "project.displayName": projectDisplayName(db, auth.projectId) },
      });
      return body.editable_markers ? { html, editable_regions: {} } : { html };
    },
  }),
  route({
    method: "POST",
    path: "/emails/send-email",
    access: ["server", "admin"],
    body: z.strictObject({
      user_ids: z.array(s.uuid()).optional(),
      all_users: z.literal(true).optional(),
      theme_id: themeIdValue.nullable().optional(),
      html: z.string().optional(),
      subject: z.string().optional(),
      notification_category_name: z.string().optional(),
      template_id: s.uuid().optional(),
      variables: z.record(z.string(), z.unknown()).optional(),
      draft_id: s.uuid().optional(),
      scheduled_at_millis: z.number().int().optional(),
    }),
    handler: ({ auth, body, services }) => {
      const db = services.db;
      requireCustomServer(db, auth.projectId);
      if ((body.user_ids === undefined) === (body.all_users === undefined)) throw new TextError(400, "Exactly one of user_ids or all_users must be provided");
      const contentChoices = [body.html, body.template_id, body.draft_id].filter((x) => x !== undefined).length;
      if (contentChoices !== 1) throw new TextError(400, "Exactly one of html, template_id or draft_id must be provided");
      const userIds = body.user_ids ?? (S(db).allUsers.all(auth.projectId) as string[]);
      for (const id of userIds) if (!userExists(db, auth.projectId, id)) throw Errors.userIdDoesNotExist(id);

      const vars: Record<string, string> = { "project.displayName": projectDisplayName(db, auth.projectId) };
      for (const [k, v] of Object.entries(body.variables ?? {})) vars[`variables.${k}`] = String(v);
      let subject = body.subject ?? "";
      let html: string;
      if (body.html !== undefined) {
        html = body.html;
      } else {
        let tsx: string;
        let themeId: string | false | null | undefined = body.theme_id;
        if (body.template_id !== undefined) {
          const t = findTemplate(db, auth.projectId, body.template_id);
          if (!t) throw new TextError(400, "No template found with given id");
          tsx = t.tsx_source;
          if (themeId === undefined) themeId = t.theme_id;
        } else {
          const d = S(db).draft.get(auth.projectId, body.draft_id!) as DraftRow | undefined;
          if (!d) throw new TextError(400, "No draft found with given id");
          tsx = d.tsx_source;
          if (themeId === undefined && d.theme_id_json !== null) themeId = JSON.parse(d.theme_id_json) as string | false;
        }
        const r = renderEmail({ templateTsx: tsx, themeTsx: themeSourceFor(db, auth.projectId, themeId), vars });
        html = r.html;
        if (!body.subject) subject = r.subject;
      }
      const results: { user_id: string }[] = [];
      db.transaction(() => {
        for (const userId of userIds) {
          const email = S(db).primaryEmail.get(userId) as string | undefined;
          recordEmail(services, auth.projectId, {
            type: "custom",
            user_id: userId,
            to: email ? [email] : [],
            subject,
            html,
            notification_category_name: body.notification_category_name ?? null,
            scheduled_at_millis: body.scheduled_at_millis ?? null,
          });
          results.push({ user_id: userId });
        }
        if (body.draft_id !== undefined) {
          const d = S(db).draft.get(auth.projectId, body.draft_id) as DraftRow;
          S(db).updateDraft.run(d.display_name, d.theme_id_json, d.tsx_source, services.now(), d.id);
        }
      })();
      return { results };
    },
  }),
  route({
    method: "GET",
    path: "/internal/emails",
    access: ["admin"],
    handler: ({ auth, services }) => ({
      items: (S(services.db).sentEmails.all(auth.projectId) as { id: string; payload_json: string; created_at_millis: number }[]).map((r) => {
        const p = JSON.parse(r.payload_json) as { subject?: string; to?: string[]; error?: unknown };
        return {
          id: r.id,
          subject: p.subject ?? "",
          sent_at_millis: r.created_at_millis,
          to: p.to ?? [],
          ...(p.error !== undefined ? { error: p.error } : {}),
        };
      }),
      is_paginated: false,
    }),
  }),
  route({
    method: "POST",
    path: "/internal/send-test-email",
    access: ["admin"],
    body: z.strictObject({
      recipient_email: s.email(),
      email_config: z.strictObject({
        host: z.string(),
        port: z.number().int().min(0).max(65535),
        username: z.string(),
        password: z.string().max(70),
        sender_name: z.string(),
        sender_email: s.email(),
      }),
    }),
    handler: ({ auth, body, services }) => {
      // Not sent, only recorded. Failure switch: host `fail.invalid` reports an SMTP failure.
      if (body.email_config.host === "fail.invalid") {
        const error_message = `Failed to connect to the SMTP server ${body.email_config.host}:${body.email_config.port} (getaddrinfo ENOTFOUND ${body.email_config.host}).`;
        recordEmail(services, auth.projectId, { type: "test", to: [body.recipient_email], subject: "Test Email from Stack Auth", error: error_message, smtp_host: body.email_config.host });
        return { success: false, error_message };
      }
      recordEmail(services, auth.projectId, {
        type: "test",
        to: [body.recipient_email],
        subject: "Test Email from Stack Auth",
        html: "<p>This is a test email from Stack Auth.</p>",
        smtp_host: body.email_config.host,
        smtp_port: body.email_config.port,
        sender_email: body.email_config.sender_email,
      });
      return { success: true };
    },
  }),
  route({
    method: "POST",
    path: "/internal/send-sign-in-invitation",
    access: ["admin"],
    body: z.strictObject({ email: s.email(), callback_url: s.url() }),
    handler: ({ auth, body, services }) => {
      if (!isTrustedCallbackUrl(services.db, auth.projectId, body.callback_url)) throw Errors.redirectUrlNotWhitelisted();
      const name = projectDisplayName(services.db, auth.projectId);
      recordEmail(services, auth.projectId, {
        type: "sign_in_invitation",
        to: [body.email],
        subject: `You have been invited to ${name}`,
        callback_url: body.callback_url,
        template_id: "066dd73c-36da-4fd0-b6d6-ebf87683f8bc",
      });
      return { success: true };
    },
  }),
  // Password reset e-mail (client-type endpoint; also serves server/admin like real servers).
  route({
    method: "POST",
    path: "/auth/password/send-reset-code",
    access: ["client", "server", "admin"],
    body: z.strictObject({ email: s.email(), callback_url: s.url() }),
    handler: ({ auth, body, services }) => {
      const db = services.db;
      const cfg = readProjectConfig(db, auth.projectId) as { auth?: { password?: { allowSignIn?: boolean } } };
      if (cfg.auth?.password?.allowSignIn === false) throw Errors.passwordAuthenticationNotEnabled();
      if (!isTrustedCallbackUrl(db, auth.projectId, body.callback_url)) throw Errors.redirectUrlNotWhitelisted();
      const userId = S(db).authChannel.get(auth.projectId, body.email.toLowerCase()) as string | undefined;
      if (userId) {
        const code = crypto.randomBytes(32).toString("base64url");
        const link = new URL(body.callback_url);
        link.searchParams.set("code", code);
        recordEmail(services, auth.projectId, {
          type: "password_reset",
          user_id: userId,
          to: [body.email],
          subject: `Reset your password at ${projectDisplayName(db, auth.projectId)}`,
          code,
          link: link.toString(),
          template_id: "a70fb3a4-56c1-4e42-af25-49d25603abd0",
        });
      }
      // Same answer whether or not the address belongs to a user (no enumeration).
      return { success: "maybe, only if user with e-mail exists" };
    },
  }),
];
