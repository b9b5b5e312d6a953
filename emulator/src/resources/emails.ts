import crypto from "node:crypto";
import { z } from "zod";
import { statements, type DB } from "../db";
import { Errors, TextError } from "../errors";
import { recordEmail, route, type EmulatorModule } from "../router";
import { s } from "../validation";
import {
  BUILTIN_EMAIL_TEMPLATES,
  BUILTIN_EMAIL_THEMES,
  isSharedEmailServer,
  listEmailTemplates,
  listEmailThemes,
  patchOverride,
} from "./project-config";
import { readProjectConfig } from "../project-bootstrap";
import { isTrustedCallbackUrl } from "../trusted-urls";
import { userExists } from "./permissions";

// E-mail (CONTRACT §6.15). Templates and themes live in the project config model
// (`emails.templates` / `emails.themes`, written to the environment override); drafts in
// their own table. Nothing is sent: every outgoing e-mail is recorded in the outbox
// (kind "email") and listed by GET /internal/emails.
//
// Rendering is a simple deterministic stand-in, not a TSX compiler: the "subject" is taken
// from `<Subject value=…>` in the source, the body is the text content of the source's JSX
// (tags stripped), wrapped in the theme's background/foreground colours. A template without
// `<Subject` or `<NotificationCategory` fails with EMAIL_RENDERING_ERROR, like real servers.

const migrations = [
  {
    id: "emails-0001-drafts",
    sql: `
CREATE TABLE email_drafts (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  theme_id_json TEXT,              -- JSON: "uuid" | false; NULL = project default
  tsx_source TEXT NOT NULL,
  sent_at_millis INTEGER,
  created_at_millis INTEGER NOT NULL
);
CREATE INDEX email_drafts_project ON email_drafts(project_id, created_at_millis);`,
  },
];

type DraftRow = { id: string; project_id: string; display_name: string; theme_id_json: string | null; tsx_source: string; sent_at_millis: number | null; created_at_millis: number };

function makeStatements(db: DB) {
  return {
    drafts: db.prepare("SELECT * FROM email_drafts WHERE project_id = ? ORDER BY created_at_millis, id"),
    draft: db.prepare("SELECT * FROM email_drafts WHERE project_id = ? AND id = ?"),
    insertDraft: db.prepare(
      "INSERT INTO email_drafts (id, project_id, display_name, theme_id_json, tsx_source, created_at_millis) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    updateDraft: db.prepare("UPDATE email_drafts SET display_name = ?, theme_id_json = ?, tsx_source = ?, sent_at_millis = ? WHERE id = ?"),
    deleteDraft: db.prepare("DELETE FROM email_drafts WHERE project_id = ? AND id = ?"),
    sentEmails: db.prepare("SELECT id, payload_json, created_at_millis FROM emulator_outbox WHERE project_id = ? AND kind = 'email' ORDER BY seq DESC"),
    allUsers: db.prepare("SELECT id FROM users WHERE project_id = ? ORDER BY signed_up_at_millis, id").pluck(),
    primaryEmail: db.prepare("SELECT value FROM contact_channels WHERE user_id = ? AND type = 'email' AND is_primary = 1").pluck(),
    authChannel: db.prepare(
      "SELECT user_id FROM contact_channels WHERE project_id = ? AND type = 'email' AND value_lower = ? AND used_for_auth = 1",
    ).pluck(),
    projectName: db.prepare("SELECT display_name FROM projects WHERE id = ?").pluck(),
  };
}
const S = statements(makeStatements);

// ---------------------------------------------------------------------------------------
// Rendering stand-in

function subjectOf(tsx: string): string | null {
  const m = /<Subject\s+value=\{?\s*(?:`([^`]*)`|"([^"]*)"|'([^']*)')/.exec(tsx);
  return m ? (m[1] ?? m[2] ?? m[3] ?? "") : null;
}

function textOf(tsx: string): string[] {
  const out: string[] = [];
  const re = />([^<>{}]+)</g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tsx))) {
    const t = m[1]!.trim();
    if (t) out.push(t);
  }
  return out;
}

const escapeHtml = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function themeColors(tsx: string | null) {
  if (tsx === null) return null;
  const bg = /backgroundColor:\s*"([^"]+)"/.exec(tsx)?.[1] ?? "#ffffff";
  const fg = /color:\s*"([^"]+)"/.exec(tsx.replace(/backgroundColor/g, ""))?.[1] ?? "#111827";
  return { bg, fg };
}

function substitute(text: string, vars: Record<string, string>) {
  return text.replace(/\$\{\s*([a-zA-Z_.]+)\s*\}/g, (all, name: string) => (name in vars ? vars[name]! : all));
}

export function renderEmail(opts: { templateTsx: string; themeTsx: string | null; vars?: Record<string, string>; requireMeta?: boolean; editableMarkers?: boolean }) {
  const vars = opts.vars ?? {};
  if (opts.requireMeta !== false) {
    if (subjectOf(opts.templateTsx) === null) throw Errors.emailRenderingError("Subject is required");
    if (!/<NotificationCategory\b/.test(opts.templateTsx)) throw Errors.emailRenderingError("NotificationCategory is required");
  }
  const subject = substitute(subjectOf(opts.templateTsx) ?? "", vars);
  const paragraphs = textOf(opts.templateTsx).map((t) => `<p>${escapeHtml(substitute(t, vars))}</p>`);
  const content = opts.editableMarkers ? `<div data-editable-region="template">${paragraphs.join("")}</div>` : paragraphs.join("");
  const colors = themeColors(opts.themeTsx);
  const html = colors
    ? `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="background-color:${colors.bg};color:${colors.fg};font-family:sans-serif"><div>${content}</div></body></html>`
    : `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${content}</body></html>`;
  return { subject, html };
}

const themeIdValue = z.union([s.uuid(), z.literal(false)]);

/** Resolves a theme choice (`undefined`/`null` = project default, `false` = none) to its source. */
function themeSourceFor(db: DB, projectId: string, themeId: string | false | null | undefined): string | null {
  const cfg = readProjectConfig(db, projectId);
  if (themeId === false) return null;
  const id = themeId ?? ((cfg.emails as { selectedThemeId?: string } | undefined)?.selectedThemeId ?? BUILTIN_EMAIL_THEMES[0]!.id);
  const theme = listEmailThemes(cfg).find((t) => t.id === id);
  if (!theme) throw new TextError(400, `No theme found with ID ${id}`);
  return theme.tsx_source;
}

function requireCustomServer(db: DB, projectId: string) {
  if (isSharedEmailServer(readProjectConfig(db, projectId))) throw Errors.requiresCustomEmailServer();
}


// ---------------------------------------------------------------------------------------

const DEFAULT_NEW_TEMPLATE = BUILTIN_EMAIL_TEMPLATES[0]!.tsxSource;
const DEFAULT_DRAFT_SOURCE = `import { Container } from "@react-email/components";
import { Subject, NotificationCategory, Props } from "@stackframe/emails";

export function EmailTemplate({ user, project }: Props) {
  return (
    <Container>
      <Subject value="Hello" />
      <NotificationCategory value="Marketing" />
      <div>Hello</div>
    </Container>
  );
}
`;

const idParams = z.strictObject({ id: s.uuid() });

export const emailsModule: EmulatorModule = {
  name: "emails",
  migrations,
  routes: [
    // --- TSX templates (§6.15.1)
    route({
      method: "GET",
      path: "/internal/email-templates",
      access: ["admin"],
      handler: ({ auth, services }) => ({ templates: listEmailTemplates(readProjectConfig(services.db, auth.projectId)) }),
    }),
    route({
      method: "POST",
      path: "/internal/email-templates",
      access: ["admin"],
      body: z.strictObject({ display_name: z.string() }),
      handler: ({ auth, body, services }) => {
        requireCustomServer(services.db, auth.projectId);
        const id = crypto.randomUUID();
        patchOverride(services.db, auth.projectId, "environment", {
          [`emails.templates.${id}`]: { displayName: body.display_name, tsxSource: DEFAULT_NEW_TEMPLATE },
        });
        return { id };
      },
    }),
    route({
      method: "PATCH",
      path: "/internal/email-templates/:template_id",
      access: ["admin"],
      params: z.strictObject({ template_id: s.uuid() }),
      body: z.strictObject({ tsx_source: z.string(), theme_id: themeIdValue.nullable().optional() }),
      handler: ({ auth, params, body, services }) => {
        const db = services.db;
        requireCustomServer(db, auth.projectId);
        const existing = listEmailTemplates(readProjectConfig(db, auth.projectId)).find((t) => t.id === params.template_id);
        if (!existing) throw new TextError(404, "No template found with given id");
        const themeId = body.theme_id === undefined ? existing.theme_id : body.theme_id;
        const { html } = renderEmail({
          templateTsx: body.tsx_source,
          themeTsx: themeSourceFor(db, auth.projectId, themeId),
          vars: { "project.displayName": String(S(db).projectName.get(auth.projectId) ?? "") },
        });
        patchOverride(db, auth.projectId, "environment", {
          [`emails.templates.${params.template_id}`]: {
            displayName: existing.display_name,
            tsxSource: body.tsx_source,
            themeId: themeId === undefined ? null : themeId,
          },
        });
        return { rendered_html: html };
      },
    }),
    route({
      method: "DELETE",
      path: "/internal/email-templates/:template_id",
      access: ["admin"],
      params: z.strictObject({ template_id: s.uuid() }),
      handler: ({ auth, params, services }) => {
        const db = services.db;
        requireCustomServer(db, auth.projectId);
        const cfg = readProjectConfig(db, auth.projectId) as { emails?: { templates?: Record<string, unknown> } };
        if (!cfg.emails?.templates?.[params.template_id]) throw new TextError(404, "No template found with given id");
        patchOverride(db, auth.projectId, "environment", { [`emails.templates.${params.template_id}`]: null });
        return {};
      },
    }),

    // --- Themes (§6.15.2)
    route({
      method: "GET",
      path: "/internal/email-themes",
      access: ["admin"],
      handler: ({ auth, services }) => ({
        themes: listEmailThemes(readProjectConfig(services.db, auth.projectId)).map((t) => ({ id: t.id, display_name: t.display_name })),
      }),
    }),
    route({
      method: "POST",
      path: "/internal/email-themes",
      access: ["admin"],
      body: z.strictObject({ display_name: z.string() }),
      handler: ({ auth, body, services }) => {
        const id = crypto.randomUUID();
        patchOverride(services.db, auth.projectId, "environment", {
          [`emails.themes.${id}`]: { displayName: body.display_name, tsxSource: BUILTIN_EMAIL_THEMES[0]!.tsxSource },
        });
        return { id };
      },
    }),
    route({
      method: "GET",
      path: "/internal/email-themes/:id",
      access: ["admin"],
      params: idParams,
      handler: ({ auth, params, services }) => {
        const t = listEmailThemes(readProjectConfig(services.db, auth.projectId)).find((x) => x.id === params.id);
        if (!t) throw new TextError(404, "No theme found with given id");
        return { display_name: t.display_name, tsx_source: t.tsx_source };
      },
    }),
    route({
      method: "PATCH",
      path: "/internal/email-themes/:id",
      access: ["admin"],
      params: idParams,
      body: z.strictObject({ tsx_source: z.string() }),
      handler: ({ auth, params, body, services }) => {
        const db = services.db;
        const t = listEmailThemes(readProjectConfig(db, auth.projectId)).find((x) => x.id === params.id);
        if (!t) throw new TextError(404, "No theme found with given id");
        patchOverride(db, auth.projectId, "environment", { [`emails.themes.${params.id}`]: { displayName: t.display_name, tsxSource: body.tsx_source } });
        return { display_name: t.display_name };
      },
    }),
    route({
      method: "DELETE",
      path: "/internal/email-themes/:id",
      access: ["admin"],
      params: idParams,
      handler: ({ auth, params, services }) => {
        const db = services.db;
        const cfg = readProjectConfig(db, auth.projectId) as { emails?: { selectedThemeId?: string; themes?: Record<string, unknown> } };
        if (BUILTIN_EMAIL_THEMES.some((t) => t.id === params.id)) throw new TextError(400, "Built-in themes cannot be deleted.");
        if (!cfg.emails?.themes?.[params.id]) throw new TextError(404, "No theme found with given id");
        if (cfg.emails.selectedThemeId === params.id) throw new TextError(400, "Cannot delete the currently selected theme.");
        patchOverride(db, auth.projectId, "environment", { [`emails.themes.${params.id}`]: null });
        return {};
      },
    }),

    // --- Drafts (§6.15.2)
    route({
      method: "GET",
      path: "/internal/email-drafts",
      access: ["admin"],
      handler: ({ auth, services }) => ({
        drafts: (S(services.db).drafts.all(auth.projectId) as DraftRow[]).map((d) => ({
          id: d.id,
          display_name: d.display_name,
          ...(d.theme_id_json !== null ? { theme_id: JSON.parse(d.theme_id_json) as string | false } : {}),
          tsx_source: d.tsx_source,
          sent_at_millis: d.sent_at_millis,
        })),
      }),
    }),
    route({
      method: "POST",
      path: "/internal/email-drafts",
      access: ["admin"],
      body: z.strictObject({ display_name: z.string().optional(), theme_id: themeIdValue.optional(), tsx_source: z.string().optional() }),
      handler: ({ auth, body, services }) => {
        const id = crypto.randomUUID();
        S(services.db).insertDraft.run(
          id,
          auth.projectId,
          body.display_name ?? "Untitled Draft",
          body.theme_id === undefined ? null : JSON.stringify(body.theme_id),
          body.tsx_source ?? DEFAULT_DRAFT_SOURCE,
          services.now(),
        );
        return { id };
      },
    }),
    route({
      method: "PATCH",
      path: "/internal/email-drafts/:id",
      access: ["admin"],
      params: idParams,
      body: z.strictObject({
        display_name: z.string().optional(),
        theme_id: themeIdValue.nullable().optional(),
        tsx_source: z.string().optional(),
        sent_at_millis: z.number().int().nullable().optional(),
      }),
      handler: ({ auth, params, body, services }) => {
        const db = services.db;
        return db.transaction(() => {
          const d = S(db).draft.get(auth.projectId, params.id) as DraftRow | undefined;
          if (!d) throw new TextError(404, "No draft found with given id");
          S(db).updateDraft.run(
            body.display_name ?? d.display_name,
            body.theme_id === undefined ? d.theme_id_json : body.theme_id === null ? null : JSON.stringify(body.theme_id),
            body.tsx_source ?? d.tsx_source,
            body.sent_at_millis === undefined ? d.sent_at_millis : body.sent_at_millis,
            d.id,
          );
          return { success: true };
        })();
      },
    }),
    route({
      method: "DELETE",
      path: "/internal/email-drafts/:id",
      access: ["admin"],
      params: idParams,
      handler: ({ auth, params, services }) => {
        const r = S(services.db).deleteDraft.run(auth.projectId, params.id);
        if (r.changes === 0) throw new TextError(404, "No draft found with given id");
        return { success: true };
      },
    }),

    // --- Rendering and sending (§6.15.2, §6.15.3)
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
          const t = listEmailTemplates(readProjectConfig(db, auth.projectId)).find((x) => x.id === body.template_id);
          if (!t) throw new TextError(400, "No template found with given id");
          templateTsx = t.tsx_source;
        }
        const themeTsx = body.theme_tsx_source ?? themeSourceFor(db, auth.projectId, body.theme_id);
        const { html } = renderEmail({
          templateTsx,
          themeTsx,
          requireMeta: false,
          editableMarkers: body.editable_markers,
          vars: { "project.displayName": String(S(db).projectName.get(auth.projectId) ?? "") },
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

        const vars: Record<string, string> = { "project.displayName": String(S(db).projectName.get(auth.projectId) ?? "") };
        for (const [k, v] of Object.entries(body.variables ?? {})) vars[`variables.${k}`] = String(v);
        let subject = body.subject ?? "";
        let html: string;
        if (body.html !== undefined) {
          html = body.html;
        } else {
          let tsx: string;
          let themeId: string | false | null | undefined = body.theme_id;
          if (body.template_id !== undefined) {
            const t = listEmailTemplates(readProjectConfig(db, auth.projectId)).find((x) => x.id === body.template_id);
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
        const name = String(S(services.db).projectName.get(auth.projectId) ?? "");
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
            subject: `Reset your password at ${String(S(db).projectName.get(auth.projectId) ?? "")}`,
            code,
            link: link.toString(),
            template_id: "a70fb3a4-56c1-4e42-af25-49d25603abd0",
          });
        }
        // Same answer whether or not the address belongs to a user (no enumeration).
        return { success: "maybe, only if user with e-mail exists" };
      },
    }),
  ],
};
