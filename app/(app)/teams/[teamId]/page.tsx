import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ApiKeysCardSkeleton } from "@/components/api-keys/api-keys-card-skeleton";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { TeamDangerZone } from "@/components/teams/team-danger-zone";
import { TeamInfoCard } from "@/components/teams/team-info-card";
import { TeamMembersTable } from "@/components/teams/team-members-table";
import { TeamProfileCard } from "@/components/teams/team-profile-card";
import { ErrorBanner } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { PageHeader } from "@/components/users/page-header";
import { AuditHistoryLink } from "@/components/audit/history-link";
import { updateTeamProfileAction } from "@/lib/actions/teams";
import { canRun } from "@/lib/server/action";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeFailure } from "@/lib/server/failure";
import { requireOperator } from "@/lib/server/session";
import { maskedFor, maskTeamMemberPage } from "@/lib/server/mask";
import { getTeamDetail, listTeamMemberPage } from "@/lib/server/teams";
import type { TeamDetail, TeamMemberPage } from "@/lib/teams-dto";
import { teamMembersUrl } from "@/lib/url-state/teams-members";
import { RoleGate } from "@/components/ui/role-gate";
import { OwnedApiKeysSection } from "@/app/(app)/api-keys/_components/owned-api-keys-section";

export const metadata: Metadata = { title: "Team" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Failure = { code: string; message: string };
const failureOf = (err: unknown): Failure => {
  const f = describeFailure(err);
  return { code: f.code, message: f.message };
};

export default async function TeamPage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const operator = await requireOperator();
  const { teamId } = await params;
  // The id goes into Stack paths: refuse anything that is not a team id before any request.
  if (!UUID.test(teamId)) notFound();
  const { params: memberParams } = teamMembersUrl.parse(await searchParams);

  const { client } = await getCurrentStack();
  let team: TeamDetail | null = null;
  let failure: Failure | null = null;
  let members: TeamMemberPage | null = null;
  let membersFailure: Failure | null = null;
  const [teamRead, membersRead] = await Promise.allSettled([getTeamDetail(client, teamId), listTeamMemberPage(client, teamId, memberParams)]);
  if (teamRead.status === "fulfilled") team = teamRead.value;
  else failure = failureOf(teamRead.reason);
  if (membersRead.status === "fulfilled") members = maskedFor(operator.role, membersRead.value, maskTeamMemberPage);
  else membersFailure = failureOf(membersRead.reason);

  if (!team && !failure) notFound();
  if (!team) {
    return (
      <>
        <Breadcrumbs area="teams" current="Team" />
        <PageHeader title="Team" />
        <ErrorBanner title="Could not load this team" message={failure?.message} code={failure?.code} />
      </>
    );
  }
  return (
    <>
      <Breadcrumbs area="teams" current={team.displayName} />
      <PageHeader
        title={
          <span className="flex min-w-0 items-center gap-3">
            <Avatar name={team.displayName} src={team.profileImageUrl} size="lg" />
            <span className="min-w-0 break-words">{team.displayName}</span>
          </span>
        }
        description={`${team.memberCount.toLocaleString("en-US")} ${team.memberCount === 1 ? "member" : "members"}`}
      >
        <AuditHistoryLink targetId={team.id} label="Audit history" />
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <TeamProfileCard team={team} canEdit={canRun(operator.role, updateTeamProfileAction)} />
        <TeamInfoCard team={team} />
      </div>
      <section aria-labelledby="team-members" className="mt-8 space-y-3">
        <h2 id="team-members" className="text-lg font-semibold">
          Members
        </h2>
        <TeamMembersTable page={members} error={membersFailure} />
      </section>
      <div className="mt-8">
        <Suspense fallback={<ApiKeysCardSkeleton />}>
          <OwnedApiKeysSection owner={{ type: "team", id: team.id }} />
        </Suspense>
      </div>
      <RoleGate action="deleteTeam" className="mt-8 block">
        <TeamDangerZone team={team} />
      </RoleGate>
    </>
  );
}
