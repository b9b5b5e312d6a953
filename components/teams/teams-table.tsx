"use client";

import { UsersRound } from "lucide-react";
import { cursorPagination } from "./cursor-pagination";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { useTableUrl } from "@/components/data-table/use-table-url";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { TeamPage, TeamRow } from "@/lib/teams-dto";
import { TEAM_PAGE_SIZES, teamsUrl } from "@/lib/url-state/teams";
import { teamColumns, teamHref } from "./team-columns";

const rowId = (t: TeamRow) => t.id;
const rowName = (t: TeamRow) => t.displayName;

/** The teams list: rows rendered by the server page, search and paging through the URL. */
export function TeamsTable({ page, error }: { page: TeamPage | null; error: { code: string; message: string } | null }) {
  const url = useTableUrl(teamsUrl, "server");
  const { params } = url.state;
  const items = page?.items ?? [];
  const nextCursor = page?.nextCursor ?? null;
  return (
    <DataTable
      columns={teamColumns}
      data={items}
      getRowId={rowId}
      caption={`Teams, page ${url.page}, newest first${params.q ? `, matching “${params.q}”` : ""}.`}
      rowName={rowName}
      rowHref={teamHref}
      loading={url.pending}
      error={error ? { title: "Could not load teams", code: error.code, message: error.message } : null}
      toolbar={<DataTableSearch value={params.q ?? ""} onCommit={(q) => url.change({ q }, "replace", url.current())} label="Search teams" placeholder="Search by name or id" />}
      empty={
        params.q ? (
          <EmptyState
            icon={UsersRound}
            title="No teams match"
            description={`No team's name contains “${params.q}”.`}
            action={
              <Button variant="outline" onClick={() => url.change({ q: undefined })}>
                Clear search
              </Button>
            }
          />
        ) : (
          <EmptyState icon={UsersRound} title="No teams yet" description="Teams created in this project appear here." />
        )
      }
      pagination={cursorPagination(url, nextCursor, TEAM_PAGE_SIZES, (pageSize) => url.change({ pageSize }))}
    />
  );
}
