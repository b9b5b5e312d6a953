import { Suspense } from "react";
import { UserPermissionsCard, type UserPermissionsState } from "@/components/permissions/user-permissions-card";
import { Skeleton } from "@/components/ui/skeleton";
import { grantProjectPermissionAction } from "@/lib/actions/permissions";
import type { Role } from "@/lib/roles";
import { canRun } from "@/lib/server/action";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeReadFailure } from "@/lib/server/failure";
import { getUserProjectPermissions } from "@/lib/server/permissions";
import { requireOperator } from "@/lib/server/session";

async function Loaded({ userId, subject, role }: { userId: string; subject: string; role: Role }) {
  const { client, project } = await getCurrentStack();
  let state: UserPermissionsState;
  try {
    const data = await getUserProjectPermissions(client, userId);
    state = data ? { kind: "ready", data } : { kind: "unavailable" };
  } catch (err) {
    const operator = await requireOperator();
    const f = describeReadFailure(err, { action: "viewUserPermissions", operator, project });
    state = { kind: "failed", code: f.code, message: f.message };
  }
  return <UserPermissionsCard userId={userId} subject={subject} state={state} canEdit={canRun(role, grantProjectPermissionAction)} />;
}

/** The user page's project-permissions card, streamed after the rest of the page (its own Stack reads). */
export function UserProjectPermissions(props: { userId: string; subject: string; role: Role }) {
  return (
    <div className="mt-6">
      <Suspense
        fallback={
          <div aria-busy="true" className="space-y-2 rounded-lg border p-6">
            <Skeleton className="h-5 w-48" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-24 w-full" />
          </div>
        }
      >
        <Loaded {...props} />
      </Suspense>
    </div>
  );
}
