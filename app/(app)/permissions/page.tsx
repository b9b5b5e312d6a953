import type { Metadata } from "next";
import { DefinitionsView } from "@/components/permissions/definitions-view";
import { PermissionScopeTabs } from "@/components/permissions/permission-scope-tabs";
import { ErrorBanner } from "@/components/ui/alert";
import { PageHeader } from "@/components/users/page-header";
import { SectionNote } from "@/components/users/detail/section-note";
import { createPermissionDefinitionAction } from "@/lib/actions/permissions";
import type { PermissionDefinitionsData, PermissionDeletionImpact, PermissionScope } from "@/lib/permissions-dto";
import { customPermissionIdSchema } from "@/lib/schemas/permissions";
import { canRun } from "@/lib/server/action";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeReadFailure } from "@/lib/server/failure";
import { getDeletionImpact, getPermissionDefinitions, hasProjectPermissions } from "@/lib/server/permissions";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Permissions" };

const DESCRIPTIONS: Record<PermissionScope, string> = {
  team: "Permissions members hold within a team. A permission implies everything it contains; the system permissions ($…) are built in.",
  project: "Permissions users hold in the whole project, outside any team. A permission implies everything it contains.",
};

export default async function PermissionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const operator = await requireOperator();
  const sp = await searchParams;
  const scope: PermissionScope = sp.scope === "project" ? "project" : "team";
  // `?delete=<id>` opens that definition's confirmation; anything but a custom id is ignored.
  const deleteParam = customPermissionIdSchema.safeParse(sp.delete);
  const { client, project } = await getCurrentStack();

  let data: PermissionDefinitionsData | null = null;
  let deletion: PermissionDeletionImpact | null = null;
  let failure: { code: string; message: string } | null = null;
  let unavailable = false;
  try {
    if (scope === "project" && !(await hasProjectPermissions(client))) unavailable = true;
    else {
      [data, deletion] = await Promise.all([
        getPermissionDefinitions(client, scope),
        deleteParam.success ? getDeletionImpact(client, scope, deleteParam.data) : Promise.resolve(null),
      ]);
    }
  } catch (err) {
    failure = describeReadFailure(err, { action: "viewPermissions", operator, project });
  }

  return (
    <>
      <PageHeader title="Permissions" description={DESCRIPTIONS[scope]} />
      <PermissionScopeTabs scope={scope} />
      {unavailable ? (
        <SectionNote>This Stack server is an older release without project permissions: only team permissions exist there.</SectionNote>
      ) : data ? (
        <div className="space-y-4">
          {data.cycles.length > 0 ? (
            <SectionNote>
              Some permissions contain themselves (Stack accepts this; each holder simply holds the whole loop):{" "}
              {data.cycles.map((c) => c.join(" → ")).join("; ")}.
            </SectionNote>
          ) : null}
          <DefinitionsView data={data} canEdit={canRun(operator.role, createPermissionDefinitionAction)} deletion={deletion} />
        </div>
      ) : (
        <ErrorBanner title="Could not load the permissions" message={failure?.message} code={failure?.code} />
      )}
    </>
  );
}
