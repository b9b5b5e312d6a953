"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { Users } from "lucide-react";
import { cursorPagination } from "./cursor-pagination";
import { DataTable } from "@/components/data-table/data-table";
import { useTableUrl } from "@/components/data-table/use-table-url";
import "@/components/data-table/column-meta";
import { Avatar } from "@/components/ui/avatar";
import { EmptyState } from "@/components/ui/empty-state";
import { userLabel } from "@/lib/labels";
import type { TeamMemberPage, TeamMemberRow } from "@/lib/teams-dto";
import { TEAM_MEMBER_PAGE_SIZES, teamMembersUrl } from "@/lib/url-state/teams-members";

const rowId = (m: TeamMemberRow) => m.id;
const memberHref = (m: TeamMemberRow) => `/users/${encodeURIComponent(m.id)}`;

const columns: ColumnDef<TeamMemberRow>[] = [
  {
    id: "member",
    meta: { label: "Member", skeleton: "avatar" },
    cell: ({ row }) => (
      <span className="flex min-w-0 items-center gap-3">
        <Avatar name={userLabel(row.original)} src={row.original.profileImageUrl} />
        <span className="min-w-0 break-words font-medium">{userLabel(row.original)}</span>
      </span>
    ),
  },
  { id: "email", meta: { label: "E-mail" }, cell: ({ row }) => row.original.primaryEmail ?? <span className="text-muted-foreground">—</span> },
];

/** A team's members (users with `team_id`), one server-rendered page at a time; a row opens the user. */
export function TeamMembersTable({ page, error }: { page: TeamMemberPage | null; error: { code: string; message: string } | null }) {
  const url = useTableUrl(teamMembersUrl, "server");
  const nextCursor = page?.nextCursor ?? null;
  return (
    <DataTable
      columns={columns}
      data={page?.items ?? []}
      getRowId={rowId}
      caption={`Team members, page ${url.page}.`}
      rowName={userLabel}
      rowHref={memberHref}
      loading={url.pending}
      error={error ? { title: "Could not load members", code: error.code, message: error.message } : null}
      empty={<EmptyState icon={Users} title="No members" description="This team has no members." />}
      pagination={cursorPagination(url, nextCursor, TEAM_MEMBER_PAGE_SIZES, (pageSize) => url.change({ pageSize }))}
    />
  );
}
