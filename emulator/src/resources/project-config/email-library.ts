import { DEFAULT_EMAIL_THEME_ID } from "../../project-bootstrap";
import { get, isObj, type Obj } from "./overrides";

// Built-in e-mail themes and templates (part of the config defaults, like `emails.themes` and
// `emails.templates` of stack-shared's environmentConfigSchema), and the lists the config renders.

export const BUILTIN_EMAIL_THEMES: { id: string; displayName: string; tsxSource: string }[] = [
  { id: DEFAULT_EMAIL_THEME_ID, displayName: "Default Light", tsxSource: themeSource("#ffffff", "#111827") },
  { id: "a0172b5d-cff0-463b-83bb-85124697373a", displayName: "Default Dark", tsxSource: themeSource("#111827", "#f9fafb") },
  { id: "c7e2d94f-8a1b-4e6d-b3f5-9d0a2e7c1b8f", displayName: "Default Colorful", tsxSource: themeSource("#eef2ff", "#312e81") },
];

function themeSource(bg: string, fg: string) {
  return `import { Html, Head, Tailwind, Body, Container } from '@react-email/components';

export function EmailTheme({ children }: { children: React.ReactNode }) {
  return (
    <Html>
      <Head />
      <Tailwind>
        <Body style={{ backgroundColor: "${bg}", color: "${fg}", fontFamily: "sans-serif" }}>
          <Container>{children}</Container>
        </Body>
      </Tailwind>
    </Html>
  );
}
`;
}

function templateSource(subject: string, heading: string, body: string) {
  return `import { type } from "arktype";
import { Button, Section, Text } from "@react-email/components";
import { Subject, NotificationCategory, Props } from "@stackframe/emails";

export const variablesSchema = type({});

export function EmailTemplate({ user, project }: Props<typeof variablesSchema.infer>) {
  return (
    <>
      <Subject value={\`${subject}\`} />
      <NotificationCategory value="Transactional" />
      <Section>
        <Text>${heading}</Text>
        <Text>${body}</Text>
      </Section>
    </>
  );
}
`;
}

export const BUILTIN_EMAIL_TEMPLATES: { id: string; displayName: string; tsxSource: string }[] = [
  { id: "e7d009ce-8d47-4528-b245-5bf119f2ffa3", displayName: "Email Verification", tsxSource: templateSource("Verify your email at ${project.displayName}", "Verify your email", "Click the button below to verify your email address.") },
  { id: "a70fb3a4-56c1-4e42-af25-49d25603abd0", displayName: "Password Reset", tsxSource: templateSource("Reset your password at ${project.displayName}", "Reset your password", "Click the button below to reset your password.") },
  { id: "822687fe-8d0a-4467-a0d1-416b6e639478", displayName: "Magic Link/OTP", tsxSource: templateSource("Sign in to ${project.displayName}", "Sign in", "Use the link or code below to sign in.") },
  { id: "e84de395-2076-4831-9c19-8e9a96a868e4", displayName: "Team Invitation", tsxSource: templateSource("You have been invited to join a team on ${project.displayName}", "Team invitation", "Click the button below to join the team.") },
  { id: "066dd73c-36da-4fd0-b6d6-ebf87683f8bc", displayName: "Sign In Invitation", tsxSource: templateSource("You have been invited to ${project.displayName}", "Sign-in invitation", "Click the button below to sign in.") },
  { id: "70372aee-0441-4d80-974c-2e858e40123a", displayName: "Payment Receipt", tsxSource: templateSource("Your receipt from ${project.displayName}", "Payment receipt", "Thank you for your purchase.") },
  { id: "f64b1afe-27ec-4a28-a277-7178f3261f9a", displayName: "Payment Failed", tsxSource: templateSource("Your payment to ${project.displayName} failed", "Payment failed", "We could not process your payment.") },
];

/** The e-mail templates of a project (built-ins, then custom ones from the config). */
export function listEmailTemplates(cfg: Obj) {
  const saved = get(cfg, "emails.templates");
  const shared = !isObj(get(cfg, "emails.server")) || get(cfg, "emails.server.isShared") !== false;
  const out = new Map<string, { id: string; display_name: string; tsx_source: string; theme_id?: string | false }>();
  for (const t of BUILTIN_EMAIL_TEMPLATES) out.set(t.id, { id: t.id, display_name: t.displayName, tsx_source: t.tsxSource });
  if (!shared && isObj(saved)) {
    for (const [id, t] of Object.entries(saved)) {
      if (!isObj(t)) continue;
      const base = out.get(id);
      const entry: { id: string; display_name: string; tsx_source: string; theme_id?: string | false } = {
        id,
        display_name: typeof t.displayName === "string" ? t.displayName : (base?.display_name ?? "Untitled"),
        tsx_source: typeof t.tsxSource === "string" ? t.tsxSource : (base?.tsx_source ?? ""),
      };
      if (typeof t.themeId === "string" || t.themeId === false) entry.theme_id = t.themeId;
      out.set(id, entry);
    }
  }
  return [...out.values()];
}

/** The e-mail themes of a project (built-ins, then custom ones from the config). */
export function listEmailThemes(cfg: Obj) {
  const saved = get(cfg, "emails.themes");
  const out = new Map<string, { id: string; display_name: string; tsx_source: string }>();
  for (const t of BUILTIN_EMAIL_THEMES) out.set(t.id, { id: t.id, display_name: t.displayName, tsx_source: t.tsxSource });
  if (isObj(saved)) {
    for (const [id, t] of Object.entries(saved)) {
      if (!isObj(t)) continue;
      const base = out.get(id);
      out.set(id, {
        id,
        display_name: typeof t.displayName === "string" ? t.displayName : (base?.display_name ?? "Untitled"),
        tsx_source: typeof t.tsxSource === "string" ? t.tsxSource : (base?.tsx_source ?? ""),
      });
    }
  }
  return [...out.values()];
}

export function isSharedEmailServer(cfg: Obj) {
  return get(cfg, "emails.server.isShared") !== false;
}
