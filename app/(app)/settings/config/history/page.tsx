import type { Metadata } from "next";
import { ConfigHeader } from "@/components/config/config-tabs";
import { HistoryList } from "@/components/config/history-list";
import { ErrorBanner } from "@/components/ui/alert";
import { applyConfigChangeAction } from "@/lib/actions/config";
import type { ConfigVersionSummary } from "@/lib/config-history-dto";
import { canRun } from "@/lib/server/action";
import { readConfigForPage } from "@/lib/server/config";
import { listConfigHistory } from "@/lib/server/config-history";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeFailure } from "@/lib/server/failure";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Config history" };

export default async function ConfigHistoryPage() {
  const operator = await requireOperator();
  const { project, client } = await getCurrentStack();
  let failure: { code: string; message: string } | null = null;
  try {
    // Reading the live config first records a change made elsewhere since the last version.
    await readConfigForPage(client, project);
  } catch (err) {
    failure = describeFailure(err);
  }
  let versions: ConfigVersionSummary[] = [];
  try {
    versions = await listConfigHistory(project);
  } catch (err) {
    failure = describeFailure(err);
  }

  return (
    <div className="space-y-4">
      <ConfigHeader current="/settings/config/history" projectName={project.name}>
        Every change made through the console (who, when, which fields), and changes made elsewhere as the console saw them. Any version can be restored.
      </ConfigHeader>
      {failure ? <ErrorBanner title="Could not read the configuration" message={failure.message} code={failure.code} /> : null}
      <HistoryList versions={versions} canApply={canRun(operator.role, applyConfigChangeAction)} />
    </div>
  );
}
