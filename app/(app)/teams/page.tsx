import type { Metadata } from "next";
import { ConsolePagingNote } from "@/components/teams/console-paging-note";
import { CreateTeamButton } from "@/components/teams/create-team-button";
import { TeamsTable } from "@/components/teams/teams-table";
import { PageHeader } from "@/components/users/page-header";
import { createTeamAction } from "@/lib/actions/teams";
import { canRun } from "@/lib/server/action";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeFailure } from "@/lib/server/failure";
import { requireOperator } from "@/lib/server/session";
import { listTeamPage } from "@/lib/server/teams";
import type { TeamPage } from "@/lib/teams-dto";
import { teamsUrl } from "@/lib/url-state/teams";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const operator = await requireOperator();
  const { params } = teamsUrl.parse(await searchParams);
  let page: TeamPage | null = null;
  let error: { code: string; message: string } | null = null;
  try {
    const { client } = await getCurrentStack();
    page = await listTeamPage(client, params);
  } catch (err) {
    const failure = describeFailure(err);
    error = { code: failure.code, message: failure.message };
  }
  return (
    <>
      <PageHeader title="Teams" description="Groups of users in this project. Select a row to open a team.">
        {canRun(operator.role, createTeamAction) ? <CreateTeamButton /> : null}
      </PageHeader>
      {page?.consolePaged ? <ConsolePagingNote {...page.consolePaged} /> : null}
      <TeamsTable page={page} error={error} />
    </>
  );
}
