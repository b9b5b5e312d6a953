import type { Metadata } from "next";
import Link from "next/link";
import { DomainsCard } from "@/components/settings/domains-card";
import { EmailServerCard } from "@/components/settings/email-server-card";
import { EmailTemplatesSection } from "@/components/settings/email-templates-section";
import { GeneralCard } from "@/components/settings/general-card";
import { OAuthCard } from "@/components/settings/oauth-card";
import { SignInCard } from "@/components/settings/sign-in-card";
import { TeamsCard } from "@/components/settings/teams-card";
import { ErrorBanner } from "@/components/ui/alert";
import {
  saveEmailTemplateAction,
  updateDomainSettingsAction,
  updateEmailServerAction,
  updateGeneralSettingsAction,
  updateOAuthProvidersAction,
  updateSignInSettingsAction,
  updateTeamSettingsAction,
} from "@/lib/actions/settings";
import { canRun } from "@/lib/server/action";
import { noteConfigRead } from "@/lib/server/config-history";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeFailure } from "@/lib/server/failure";
import { requireOperator } from "@/lib/server/session";
import { getPermissionOptions, getSettings } from "@/lib/server/settings";
import { getEmailSettingsData } from "@/lib/server/settings-emails";

export const metadata: Metadata = { title: "Settings" };

// One page, one card per group; the nav entries for sign-in methods, OAuth providers, domains and
// e-mails are anchors of it (lib/nav.ts), so every group keeps its own form and save.
export default async function SettingsPage() {
  const operator = await requireOperator();
  const { project, client } = await getCurrentStack();
  let loaded: { settings: Awaited<ReturnType<typeof getSettings>>; permissions: Awaited<ReturnType<typeof getPermissionOptions>>; emails: Awaited<ReturnType<typeof getEmailSettingsData>> } | null = null;
  let failure: { code: string; message: string } | null = null;
  try {
    const [settings, permissions, emails] = await Promise.all([getSettings(client, project), getPermissionOptions(client), getEmailSettingsData(client)]);
    loaded = { settings, permissions, emails };
    await noteConfigRead(project, settings);
  } catch (err) {
    failure = describeFailure(err);
  }
  const can = (action: Parameters<typeof canRun>[1]) => canRun(operator.role, action);

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">The configuration of {project.name} as its Stack server reports it. Each card saves on its own.</p>
        <p className="text-sm">
          <Link href="/settings/config" prefetch={false} className="underline underline-offset-4">Export or import</Link>
          {" · "}
          <Link href="/settings/config/compare" prefetch={false} className="underline underline-offset-4">Compare projects</Link>
          {" · "}
          <Link href="/settings/config/history" prefetch={false} className="underline underline-offset-4">History</Link>
        </p>
      </div>
      {loaded ? (
        <div className="grid gap-4">
          <GeneralCard general={loaded.settings.general} canEdit={can(updateGeneralSettingsAction)} />
          <SignInCard settings={loaded.settings} canEdit={can(updateSignInSettingsAction)} />
          <OAuthCard settings={loaded.settings} canEdit={can(updateOAuthProvidersAction)} />
          <DomainsCard settings={loaded.settings} canEdit={can(updateDomainSettingsAction)} />
          <EmailServerCard settings={loaded.settings} canEdit={can(updateEmailServerAction)} />
          <EmailTemplatesSection data={loaded.emails} sharedServer={loaded.settings.emails.server === "shared"} themeId={loaded.settings.emails.themeId ?? null} canEdit={can(saveEmailTemplateAction)} />
          <TeamsCard settings={loaded.settings} permissions={loaded.permissions} canEdit={can(updateTeamSettingsAction)} />
        </div>
      ) : (
        <ErrorBanner title="Could not load the settings" message={failure?.message} code={failure?.code} />
      )}
    </div>
  );
}
