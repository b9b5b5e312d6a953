import "server-only";

// The E-mails group beyond the server settings: templates, themes and the test e-mail.
import type { ProjectSummary } from "@/lib/projects-dto";
import type { EmailTemplateSourceInput, EmailThemeInput, EmailThemeSourceInput, SendTestEmailInput } from "@/lib/schemas/settings";
import { ActionRefusal, type ChangeRecorder } from "@/lib/server/action";
import { saveSettings } from "@/lib/server/settings";
import type { EmailTemplatesDTO } from "@/lib/settings-dto";
import type { StackClient } from "@/lib/stack/client";
import { getEmailTheme, listEmailTemplates, listEmailThemes, renderEmailPreview, sendTestEmail, updateEmailTemplate, updateEmailTheme } from "@/lib/stack/emails";
import { isRouteMissing } from "@/lib/stack/errors";
import { getAdminProject } from "@/lib/stack/project";

/** null where the release lacks the route (plain-text 404); other failures are the page's to show. */
async function unlessMissing<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (err) {
    if (isRouteMissing(err)) return null;
    throw err;
  }
}

export async function getEmailSettingsData(client: StackClient): Promise<EmailTemplatesDTO> {
  const [templates, themes] = await Promise.all([unlessMissing(listEmailTemplates(client)), unlessMissing(listEmailThemes(client))]);
  // The list has no sources: one read per theme (a project has a handful).
  const sources = await Promise.all((themes ?? []).map((t) => unlessMissing(getEmailTheme(client, t.id)).then((x) => x?.tsx_source ?? null)));
  return {
    templates: templates?.map((t) => ({ id: t.id, displayName: t.display_name, tsxSource: t.tsx_source })) ?? null,
    themes: themes?.map((t, i) => ({ id: t.id, displayName: t.display_name, tsxSource: sources[i] ?? null })) ?? null,
  };
}

async function findTheme(client: StackClient, themeId: string) {
  const theme = (await listEmailThemes(client)).find((t) => t.id === themeId);
  if (!theme) throw new ActionRefusal("NOT_FOUND", "This theme no longer exists. Reload the page.");
  return theme;
}

/** Renders a theme source around the first of the project's templates (as Stack lists them); nothing is saved. */
async function renderTheme(client: StackClient, tsxSource: string): Promise<{ html: string }> {
  const [sample] = await listEmailTemplates(client);
  if (!sample) throw new ActionRefusal("NOT_FOUND", "The project has no e-mail template to preview the theme with.");
  return { html: await renderEmailPreview(client, { themeTsxSource: tsxSource, templateId: sample.id }) };
}

export async function previewEmailTheme(client: StackClient, input: EmailThemeSourceInput): Promise<{ html: string }> {
  await findTheme(client, input.themeId);
  return renderTheme(client, input.tsxSource);
}

/** Saves a theme's source (Stack refuses one that does not render) and answers its preview. */
export async function saveEmailTheme(client: StackClient, input: EmailThemeSourceInput, recorder: ChangeRecorder): Promise<{ html: string }> {
  const theme = await findTheme(client, input.themeId);
  const old = await getEmailTheme(client, input.themeId);
  recorder.audit({ type: "emailTheme", id: theme.id, label: theme.display_name }, { tsxSource: { fromLength: old.tsx_source.length, toLength: input.tsxSource.length } });
  await updateEmailTheme(client, input.themeId, input.tsxSource);
  return renderTheme(client, input.tsxSource);
}

/** Renders a template source with the project's theme; nothing is saved. */
export async function previewEmailTemplate(client: StackClient, input: EmailTemplateSourceInput): Promise<{ html: string }> {
  return { html: await renderEmailPreview(client, input.tsxSource) };
}

/** Saves a template's source. Stack refuses it while the project uses the shared server (REQUIRES_CUSTOM_EMAIL_SERVER). */
export async function saveEmailTemplate(client: StackClient, input: EmailTemplateSourceInput, recorder: ChangeRecorder): Promise<{ html: string }> {
  const templates = await listEmailTemplates(client);
  const template = templates.find((t) => t.id === input.templateId);
  if (!template) throw new ActionRefusal("NOT_FOUND", "This template no longer exists. Reload the page.");
  recorder.audit({ type: "emailTemplate", id: template.id, label: template.display_name }, { tsxSource: { fromLength: template.tsx_source.length, toLength: input.tsxSource.length } });
  return { html: await updateEmailTemplate(client, input.templateId, input.tsxSource) };
}

/** The theme new e-mails use: a config change like any other, so it goes through writeProjectConfig. */
export async function selectEmailTheme(client: StackClient, project: ProjectSummary, input: EmailThemeInput, recorder: ChangeRecorder): Promise<{ themeId: string | null }> {
  await findTheme(client, input.themeId);
  const { after } = await saveSettings(client, project, { emailTheme: input.themeId }, recorder);
  return { themeId: after.emails.themeId ?? null };
}

/**
 * `POST /internal/send-test-email` with the settings as typed (not saved). An empty password
 * means the saved one, for the saved host, port and username only, and it never reaches the browser. Stack answers 200 either way: a failure is
 * `success: false` with its message, which the page shows.
 */
export async function sendTestEmailWith(client: StackClient, input: SendTestEmailInput, recorder: ChangeRecorder): Promise<{ success: boolean; message: string | null }> {
  let password = input.password;
  if (!password) {
    // Only towards the saved server: the saved password is never sent to a host someone just typed.
    const mail = (await getAdminProject(client)).config.email_config;
    const same = mail.type === "standard" && mail.host === input.host && mail.port === input.port && mail.username === input.username;
    password = same ? (mail.password ?? "") : "";
    if (!password) throw new ActionRefusal("INVALID_INPUT", "Enter the SMTP password: the saved one is only used with the saved host, port and username.");
  }
  recorder.audit({ type: "emailServer", id: `${input.host}:${input.port}`, label: input.senderEmail }, { recipient: input.recipientEmail });
  const res = await sendTestEmail(client, {
    recipientEmail: input.recipientEmail,
    emailConfig: { host: input.host, port: input.port, username: input.username, password, sender_name: input.senderName, sender_email: input.senderEmail },
  });
  return { success: res.success, message: res.error_message ?? null };
}
