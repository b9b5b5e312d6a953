import "server-only";

import { z } from "zod";

import type { StackClient } from "@/lib/stack/client";
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
