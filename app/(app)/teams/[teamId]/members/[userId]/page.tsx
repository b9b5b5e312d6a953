import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TeamMemberPermissions } from "@/components/permissions/team-member-permissions";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { ErrorBanner } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/users/page-header";
import { grantTeamPermissionAction } from "@/lib/actions/permissions";
import type { PermissionGrantsData, TeamMemberSummary } from "@/lib/permissions-dto";
import { canRun } from "@/lib/server/action";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeReadFailure } from "@/lib/server/failure";
import { getTeamMemberPermissions, getTeamMemberSummary } from "@/lib/server/permissions";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Team member" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const linkClass = "font-medium underline underline-offset-2 hover:text-foreground";

export default async function TeamMemberPage({ params }: { params: Promise<{ teamId: string; userId: string }> }) {
  const operator = await requireOperator();
  const { teamId, userId } = await params;
  // Both ids go into Stack paths: refuse anything else before any request.
  if (!UUID.test(teamId) || !UUID.test(userId)) notFound();
  const { client, project } = await getCurrentStack();

  let member: TeamMemberSummary | null | undefined;
  let permissions: PermissionGrantsData | null = null;
  let failure: { code: string; message: string } | null = null;
  let permissionsFailure: { code: string; message: string } | null = null;
  const [memberRead, permissionsRead] = await Promise.allSettled([getTeamMemberSummary(client, teamId, userId), getTeamMemberPermissions(client, teamId, userId)]);
  if (memberRead.status === "fulfilled") member = memberRead.value;
  else failure = describeReadFailure(memberRead.reason, { action: "viewTeamMember", operator, project });
  if (permissionsRead.status === "fulfilled") permissions = permissionsRead.value;
  else if (member) permissionsFailure = describeReadFailure(permissionsRead.reason, { action: "viewTeamMember", operator, project });

  if (member === null) notFound();
  if (!member) {
    return (
      <>
        <Breadcrumbs area="teams" current="Team member" />
        <PageHeader title="Team member" />
        <ErrorBanner title="Could not load this member" message={failure?.message} code={failure?.code} />
      </>
    );
  }
  const name = member.profileName || member.userLabel;
  const subject = `${name} in ${member.teamName}`;
  return (
    <>
      <Breadcrumbs area="teams" current={subject} />
      <PageHeader
        title={
          <span className="flex min-w-0 items-center gap-3">
            <Avatar name={name} src={member.profileImageUrl} size="lg" />
            <span className="min-w-0 break-words">{name}</span>
          </span>
        }
        description={
          <>
            Member of{" "}
            <Link href={`/teams/${member.teamId}`} prefetch={false} className={linkClass}>
              {member.teamName}
            </Link>
            {" · "}
            <Link href={`/users/${member.userId}`} prefetch={false} className={linkClass}>
              Open user {member.userLabel}
            </Link>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle>Team profile</CardTitle>
            <CardDescription>How the member appears in this team.</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-2 text-sm">
              <div>
                <dt className="text-muted-foreground">Display name in the team</dt>
                <dd>{member.profileName ?? <span className="text-muted-foreground">None</span>}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Primary e-mail</dt>
                <dd className="break-all">{member.primaryEmail ?? <span className="text-muted-foreground">None</span>}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">User id</dt>
                <dd className="break-all font-mono text-xs">{member.userId}</dd>
              </div>
            </dl>
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Team permissions</CardTitle>
            <CardDescription>
              Held in this team: directly, or through a permission that contains them. Only direct grants can be revoked.{" "}
              <Link href="/permissions" prefetch={false} className={linkClass}>
                Manage definitions
              </Link>
            </CardDescription>
          </CardHeader>
          <CardContent>
            {permissions ? (
              <TeamMemberPermissions teamId={member.teamId} userId={member.userId} subject={subject} data={permissions} canEdit={canRun(operator.role, grantTeamPermissionAction)} />
            ) : (
              <ErrorBanner title="Could not load the permissions" message={permissionsFailure?.message} code={permissionsFailure?.code} />
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
