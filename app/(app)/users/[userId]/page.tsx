import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ApiKeysCardSkeleton } from "@/components/api-keys/api-keys-card-skeleton";
import { UserProjectPermissions } from "@/app/(app)/permissions/_components/user-project-permissions";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { UserDetailView } from "@/components/users/detail/user-detail-view";
import { PageHeader } from "@/components/users/page-header";
import { UserTeamsCard } from "@/components/users/user-teams-card";
import { UserPermissionsProvider } from "@/components/users/permissions";
import { ErrorBanner } from "@/components/ui/alert";
import { addTeamMemberAction } from "@/lib/actions/teams";
import { userLabel } from "@/lib/labels";
import { canRun } from "@/lib/server/action";
import { getCurrentStack } from "@/lib/server/current-project";
import { requireOperator } from "@/lib/server/session";
import { describeReadFailure } from "@/lib/server/failure";
import { getUserDetailData } from "@/lib/server/users";
import type { UserDetailData } from "@/lib/users-dto";
import { userPermissions } from "../permissions";
import { OwnedApiKeysSection } from "@/app/(app)/api-keys/_components/owned-api-keys-section";

export const metadata: Metadata = { title: "User" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const operator = await requireOperator();
  const { userId } = await params;
  if (!UUID.test(userId)) notFound();

  const { client, project } = await getCurrentStack();
  let data: UserDetailData | null | undefined;
  let failure: { code: string; message: string } | null = null;
  try {
    data = await getUserDetailData(client, project, userId);
  } catch (err) {
    failure = describeReadFailure(err, { action: "viewUser", operator, project });
  }
  if (data === null) notFound();

  if (!data) {
    return (
      <>
        <Breadcrumbs area="users" current="User" />
        <PageHeader title="User" />
        <ErrorBanner title="Could not load this user" message={failure?.message} code={failure?.code} />
      </>
    );
  }
  const permissions = userPermissions(operator.role);
  return (
    <UserPermissionsProvider allowed={permissions.allowed}>
      <Breadcrumbs area="users" current={userLabel(data.user)} />
      <UserDetailView
        data={data}
        permissions={permissions}
        teamsCard={<UserTeamsCard userId={data.user.id} userName={userLabel(data.user)} teams={data.teams} canEdit={canRun(operator.role, addTeamMemberAction)} />}
      />
      <div className="mt-6">
        <Suspense fallback={<ApiKeysCardSkeleton />}>
          <OwnedApiKeysSection owner={{ type: "user", id: data.user.id }} />
        </Suspense>
      </div>
      <UserProjectPermissions userId={data.user.id} subject={userLabel(data.user)} role={operator.role} />
    </UserPermissionsProvider>
  );
}
