import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConfigHeader } from "@/components/config/config-tabs";
import { ImportPanel } from "@/components/config/import-panel";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { applyConfigChangeAction } from "@/lib/actions/config";
import { OMITTED_SECRET } from "@/lib/config/format";
import { canRun } from "@/lib/server/action";
import { getCurrentStack } from "@/lib/server/current-project";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Config as code" };

export default async function ConfigPage() {
  const operator = await requireOperator();
  const { project } = await getCurrentStack();
  return (
    <div className="space-y-4">
      <ConfigHeader current="/settings/config" projectName={project.name}>
        Export it as JSON, or import a file: a dry run shows the diff first.
      </ConfigHeader>
      <Section id="config-export" title="Export" description={<>A versioned JSON document of the whole configuration. Write-only values (OAuth client secrets, the SMTP password) are left out and marked <code className="font-mono">{OMITTED_SECRET}</code>; importing the file keeps the live ones.</>}>
        {/* A download from the route handler (session-checked); no client JS. */}
        <a href="/api/config/export" download className={buttonVariants({ variant: "outline" })}>
          Download configuration
        </a>
      </Section>
      <Section id="config-import" title="Import" description="Validated field by field, then shown as a diff against the live configuration, dangerous changes flagged. Applying writes every change in one update.">
        <ImportPanel canApply={canRun(operator.role, applyConfigChangeAction)} />
      </Section>
    </div>
  );
}

function Section({ id, title, description, children }: { id: string; title: string; description: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <section aria-labelledby={id}>
        <CardHeader>
          <h2 id={id} className="font-semibold leading-none tracking-tight">
            {title}
          </h2>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent>{children}</CardContent>
      </section>
    </Card>
  );
}
