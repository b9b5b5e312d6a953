import type { Metadata } from "next";
import Link from "next/link";
import { GeneralCard } from "@/components/settings/general-card";
import { DomainsCard, EmailsCard, OAuthCard, SignInCard, TeamsCard } from "@/components/settings/settings-groups";
import { ErrorBanner } from "@/components/ui/alert";
import { updateGeneralSettingsAction } from "@/lib/actions/settings";
import { canRun } from "@/lib/server/action";
import { noteConfigRead } from "@/lib/server/config-history";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeFailure } from "@/lib/server/failure";
import { requireOperator } from "@/lib/server/session";
import { getSettings } from "@/lib/server/settings";
import type { SettingsDTO } from "@/lib/settings-dto";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const operator = await requireOperator();
  const { project, client } = await getCurrentStack();
  let settings: SettingsDTO | null = null;
  let failure: { code: string; message: string } | null = null;
  try {
    settings = await getSettings(client, project);
    await noteConfigRead(project, settings);
  } catch (err) {
    failure = describeFailure(err);
  }

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">The configuration of {project.name} as its Stack server reports it.</p>
        <p className="text-sm">
          <Link href="/settings/config" prefetch={false} className="underline underline-offset-4">Export or import</Link>
          {" · "}
          <Link href="/settings/config/compare" prefetch={false} className="underline underline-offset-4">Compare projects</Link>
          {" · "}
          <Link href="/settings/config/history" prefetch={false} className="underline underline-offset-4">History</Link>
        </p>
      </div>
      {settings ? (
        <div className="grid gap-4">
          <GeneralCard general={settings.general} canEdit={canRun(operator.role, updateGeneralSettingsAction)} />
          <SignInCard signIn={settings.signIn} />
          <OAuthCard providers={settings.oauthProviders} />
          <DomainsCard domains={settings.domains} />
          <EmailsCard emails={settings.emails} />
          <TeamsCard teams={settings.teams} />
        </div>
      ) : (
        <ErrorBanner title="Could not load the settings" message={failure?.message} code={failure?.code} />
      )}
    </div>
  );
}
