import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ApiKeysCardSkeleton } from "@/components/api-keys/api-keys-card-skeleton";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { TeamDangerZone } from "@/components/teams/team-danger-zone";
import { TeamInfoCard } from "@/components/teams/team-info-card";
import { TeamInvitationsCard } from "@/components/teams/team-invitations-card";
import { TeamMembersTable } from "@/components/teams/team-members-table";
import { TeamMetadataCard } from "@/components/teams/team-metadata-card";
import { TeamProfileCard } from "@/components/teams/team-profile-card";
import { ErrorBanner } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { PageHeader } from "@/components/users/page-header";
import { AuditHistoryLink } from "@/components/audit/history-link";
import { addTeamMemberAction, deleteTeamAction, sendTeamInvitationAction, updateTeamMetadataAction, updateTeamProfileAction } from "@/lib/actions/teams";
import { canRun } from "@/lib/server/action";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeFailure } from "@/lib/server/failure";
import { requireOperator } from "@/lib/server/session";
import { getInvitationDefaults, listTeamInvitationRows } from "@/lib/server/team-invitations";
import { countTeamMembers, getTeamDetail, listTeamMemberPage } from "@/lib/server/teams";
import { maskedFor, maskTeamMemberPage } from "@/lib/server/mask";
import { teamMembersUrl } from "@/lib/url-state/teams-members";
import { OwnedApiKeysSection } from "@/app/(app)/api-keys/_components/owned-api-keys-section";

export const metadata: Metadata = { title: "Team" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Failure = { code: string; message: string };
const failureOf = (err: unknown): Failure => {
  const f = describeFailure(err);
  return { code: f.code, message: f.message };
};
const settled = <T,>(r: PromiseSettledResult<T>): [T | null, Failure | null] => (r.status === "fulfilled" ? [r.value, null] : [null, failureOf(r.reason)]);
const membersText = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "member" : "members"}`;

/**
 * The team page renders the team, its first page of members and its invitations in one pass; the
 * member count (Stack has none: it costs a read of every member) streams in afterwards.
 */
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
  const canInvite = canRun(operator.role, sendTeamInvitationAction);

  const { client } = await getCurrentStack();
  const [teamRead, membersRead, invitationsRead, defaultsRead] = await Promise.allSettled([
    getTeamDetail(client, teamId),
    listTeamMemberPage(client, teamId, memberParams),
    listTeamInvitationRows(client, teamId),
    canInvite ? getInvitationDefaults(client) : Promise.resolve(null),
  ]);
  const [team, failure] = settled(teamRead);
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
  const [rawMembers, membersFailure] = settled(membersRead);
  // Masked on the server for the roles that see masked personal data: the browser gets only that.
  const members = rawMembers ? maskedFor(operator.role, rawMembers, maskTeamMemberPage) : null;
  const [invitations, invitationsFailure] = settled(invitationsRead);
  const [defaults] = settled(defaultsRead);
  // An unsearched first page without a next page already is the whole team.
  const wholeTeam = rawMembers && !memberParams.q && !memberParams.cursor ? { rows: rawMembers.items.length, nextCursor: rawMembers.nextCursor } : undefined;
  const count = countTeamMembers(client, team.id, wholeTeam);
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
      >
        <AuditHistoryLink targetId={team.id} label="Audit history" />
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <TeamProfileCard team={team} canEdit={canRun(operator.role, updateTeamProfileAction)} />
        <TeamInfoCard
          team={team}
          memberCount={
            <Suspense fallback={<span className="text-muted-foreground">Counting…</span>}>
              <MemberCount count={count} />
            </Suspense>
          }
        />
      </div>
      <div className="mt-6">
        <TeamMetadataCard team={team} canEdit={canRun(operator.role, updateTeamMetadataAction)} />
      </div>
      <section aria-labelledby="team-members" className="mt-8 space-y-3">
        <h2 id="team-members" className="text-lg font-semibold">
          Members
        </h2>
        <TeamMembersTable team={team} page={members} error={membersFailure} canEdit={canRun(operator.role, addTeamMemberAction)} />
      </section>
      <section aria-label="Invitations" className="mt-8">
        <TeamInvitationsCard teamId={team.id} invitations={invitations} error={invitationsFailure} defaults={defaults} canEdit={canInvite} />
      </section>
      <div className="mt-8">
        <Suspense fallback={<ApiKeysCardSkeleton />}>
          <OwnedApiKeysSection owner={{ type: "team", id: team.id }} />
        </Suspense>
      </div>
      {canRun(operator.role, deleteTeamAction) ? (
        <div className="mt-8">
          <Suspense fallback={<TeamDangerZone team={{ id: team.id, displayName: team.displayName }} memberCount={null} />}>
            <DangerZoneWithCount team={team} count={count} />
          </Suspense>
        </div>
      ) : null}
    </>
  );
}

async function MemberCount({ count }: { count: Promise<number> }) {
  const [n, failure] = settled(await Promise.allSettled([count]).then(([r]) => r!));
  if (failure) return <span className="text-muted-foreground">Unknown ({failure.code})</span>;
  return <>{membersText(n!)}</>;
}

async function DangerZoneWithCount({ team, count }: { team: { id: string; displayName: string }; count: Promise<number> }) {
  const n = await count.catch(() => null);
  return <TeamDangerZone team={{ id: team.id, displayName: team.displayName }} memberCount={n} />;
}

