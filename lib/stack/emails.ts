import "server-only";

import { z } from "zod";

import { stackPath, type StackClient } from "@/lib/stack/client";
import {
  emailTemplateListSchema,
  sendTestEmailResultSchema,
  type StackEmailTemplate,
  type StackSendTestEmailResult,
} from "@/lib/stack/schemas";

/** [NEW] TSX templates. While the project uses the shared e-mail server, this shows the built-in defaults. */
export async function listEmailTemplates(client: StackClient): Promise<StackEmailTemplate[]> {
  const res = await client.request({ path: "/internal/email-templates", schema: emailTemplateListSchema });
  return res.templates;
}

const themeListSchema = z.looseObject({ themes: z.array(z.looseObject({ id: z.string(), display_name: z.string() })) });
const themeSchema = z.looseObject({ display_name: z.string(), tsx_source: z.string() });
const renderedTemplateSchema = z.looseObject({ rendered_html: z.string() });
const renderedEmailSchema = z.looseObject({ html: z.string() });

export type StackEmailThemeSummary = z.infer<typeof themeListSchema>["themes"][number];

/** [NEW] `GET /internal/email-themes`: id and name only. */
export async function listEmailThemes(client: StackClient): Promise<StackEmailThemeSummary[]> {
  return (await client.request({ path: "/internal/email-themes", schema: themeListSchema })).themes;
}

/** [NEW] `GET /internal/email-themes/{id}`: the theme's TSX source. */
export async function getEmailTheme(client: StackClient, themeId: string): Promise<z.infer<typeof themeSchema>> {
  return client.request({ path: stackPath`/internal/email-themes/${themeId}`, endpoint: "GET /internal/email-themes/{id}", schema: themeSchema });
}

/**
 * [NEW] `PATCH /internal/email-themes/{id}`: saves a theme's source. Stack renders a preview with it
 * first and refuses one that does not render (EMAIL_RENDERING_ERROR); unlike templates, a shared
 * e-mail server does not stop it.
 */
export async function updateEmailTheme(client: StackClient, themeId: string, tsxSource: string): Promise<void> {
  await client.request({
    method: "PATCH",
    path: stackPath`/internal/email-themes/${themeId}`,
    endpoint: "PATCH /internal/email-themes/{id}",
    body: { tsx_source: tsxSource },
    schema: z.looseObject({ display_name: z.string() }),
  });
}

/**
 * [NEW] `PATCH /internal/email-templates/{id}`: saves the source and answers the preview rendered with
 * the project's theme. A shared e-mail server refuses it (REQUIRES_CUSTOM_EMAIL_SERVER).
 */
export async function updateEmailTemplate(client: StackClient, templateId: string, tsxSource: string): Promise<string> {
  const res = await client.request({
    method: "PATCH",
    path: stackPath`/internal/email-templates/${templateId}`,
    endpoint: "PATCH /internal/email-templates/{template_id}",
    body: { tsx_source: tsxSource },
    schema: renderedTemplateSchema,
  });
  return res.rendered_html;
}

/**
 * [NEW] `POST /emails/render-email`, saving nothing: a template source with the project's theme, or
 * a theme source around a saved template (`{ themeTsxSource, templateId }`).
 */
export async function renderEmailPreview(client: StackClient, source: string | { themeTsxSource: string; templateId: string }): Promise<string> {
  const body = typeof source === "string" ? { template_tsx_source: source } : { theme_tsx_source: source.themeTsxSource, template_id: source.templateId };
  const res = await client.request({ method: "POST", path: "/emails/render-email", body, schema: renderedEmailSchema });
  return res.html;
}

export interface SmtpTestConfig {
  host: string;
  port: number;
  username: string;
  /** ≤ 70 characters */
  password: string;
  sender_name: string;
  sender_email: string;
}

/**
 * `POST /internal/send-test-email`: always HTTP 200; failure is `{success: false, error_message}`.
 * Settings are only tested, not saved.
 */
export async function sendTestEmail(
  client: StackClient,
  opts: { recipientEmail: string; emailConfig: SmtpTestConfig },
): Promise<StackSendTestEmailResult> {
  return client.request({
    method: "POST",
    path: "/internal/send-test-email",
    body: { recipient_email: opts.recipientEmail, email_config: opts.emailConfig },
    schema: sendTestEmailResultSchema,
  });
}

/**
 * `POST /auth/password/send-reset-code`: e-mails the user a password-reset link. The route accepts
 * client-or-higher access (the backend's `clientOrHigherAuthTypeSchema`), so admin keys work. It answers
 * the same for unknown addresses (no enumeration); `callbackUrl` must be on a trusted domain
 * (REDIRECT_URL_NOT_WHITELISTED), and password sign-in must be on (PASSWORD_AUTHENTICATION_NOT_ENABLED).
 */
export async function sendPasswordResetEmail(client: StackClient, opts: { email: string; callbackUrl: string }): Promise<void> {
  await client.request({
    method: "POST",
    path: "/auth/password/send-reset-code",
    body: { email: opts.email, callback_url: opts.callbackUrl },
    schema: z.looseObject({ success: z.unknown() }),
  });
}
