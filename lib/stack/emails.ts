import "server-only";

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

/*
 * Password-reset e-mail: deliberately NOT exposed.
 * `POST /auth/password/send-reset-code` is a client endpoint. In @stackframe/stack-shared 2.8.108 the
 * only caller is `HexclaveClientInterface.sendForgotPasswordEmail`, which goes through
 * `sendClientRequest` with the hard-coded access type "client" (never the server/admin variants that
 * add the secret keys), and no server/admin interface method wraps it. Nothing in the SDK shows the
 * route accepting admin access, and calling it as a client would need the project's publishable
 * client key, which this dashboard does not hold. Admins set a password with
 * `updateUser(client, id, { password })` instead (CONTRACT §6.1.7).
 */
