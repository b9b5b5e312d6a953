import type { Metadata } from "next";
import { ConfigHeader } from "@/components/config/config-tabs";
import { ImportPanel } from "@/components/config/import-panel";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { applyConfigChangeAction } from "@/lib/actions/config";
import { OMITTED_SECRET } from "@/lib/schemas/config";
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
      <Card>
        <section aria-labelledby="config-export">
          <CardHeader>
            <h2 id="config-export" className="font-semibold leading-none tracking-tight">
              Export
            </h2>
            <CardDescription>
              A versioned JSON document of the whole configuration. Write-only values (OAuth client secrets, the SMTP password) are left out and marked{" "}
              <code className="font-mono">{OMITTED_SECRET}</code>; importing the file keeps the live ones.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {/* A download from the route handler (session-checked); no client JS. */}
            <a href="/api/config/export" download className={buttonVariants({ variant: "outline" })}>
              Download configuration
            </a>
          </CardContent>
        </section>
      </Card>
      <Card>
        <section aria-labelledby="config-import">
          <CardHeader>
            <h2 id="config-import" className="font-semibold leading-none tracking-tight">
              Import
            </h2>
            <CardDescription>
              Validated field by field, then shown as a diff against the live configuration, dangerous changes flagged. Applying writes every change in one update.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ImportPanel canApply={canRun(operator.role, applyConfigChangeAction)} />
          </CardContent>
        </section>
      </Card>
    </div>
  );
}
