"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { Ellipsis, Pencil, UserMinus, Users } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo, useState } from "react";
import { cursorPagination } from "./cursor-pagination";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { useTableUrl } from "@/components/data-table/use-table-url";
import "@/components/data-table/column-meta";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { removeTeamMemberAction } from "@/lib/actions/teams";
import { userLabel } from "@/lib/labels";
import type { TeamMemberPage, TeamMemberRow } from "@/lib/teams-dto";
import { TEAM_MEMBER_PAGE_SIZES, teamMembersUrl } from "@/lib/url-state/teams-members";
import { AddTeamMember } from "./add-team-member";

const loadProfileDialog = () => import("./member-profile-dialog");
const MemberProfileDialog = dynamic(() => loadProfileDialog().then((m) => m.MemberProfileDialog), { ssr: false });

const rowId = (m: TeamMemberRow) => m.id;
/** The member's name in this team: their team profile's, else the user's own. */
export const memberName = (m: TeamMemberRow) => m.profile?.displayName || userLabel(m);

function PermissionChips({ ids }: { ids: string[] | null }) {
  if (ids === null) return <span className="text-muted-foreground">Could not be read</span>;
  if (ids.length === 0) return <span className="text-muted-foreground">None</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Team permissions">
      {ids.map((p) => (
        <li key={p}>
          <Badge variant="secondary" className="font-mono">
            {p}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

type Actions = { edit: (m: TeamMemberRow) => void; remove: (m: TeamMemberRow) => void } | null;

/** The member's page in this team (grants and profile). */
const memberHref = (teamId: string, m: TeamMemberRow) => `/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(m.id)}`;

function memberColumns(teamId: string, actions: Actions): ColumnDef<TeamMemberRow>[] {
  const columns: ColumnDef<TeamMemberRow>[] = [
    {
      id: "member",
      meta: { label: "Member", skeleton: "avatar" },
      cell: ({ row }) => {
        const m = row.original;
        const name = memberName(m);
        return (
          <span className="flex min-w-0 items-center gap-3">
            <Avatar name={name} src={m.profile?.profileImageUrl ?? m.profileImageUrl} />
            <span className="min-w-0">
              {/* Not a tab stop: the row itself is focusable and opens on Enter. */}
              <Link href={memberHref(teamId, m)} prefetch={false} tabIndex={-1} className="block break-words font-medium hover:underline">
                {name}
              </Link>
              {name !== userLabel(m) ? <span className="block break-words text-xs text-muted-foreground">{userLabel(m)}</span> : null}
            </span>
          </span>
        );
      },
    },
    { id: "email", meta: { label: "E-mail" }, cell: ({ row }) => row.original.primaryEmail ?? <span className="text-muted-foreground">—</span> },
    { id: "permissions", meta: { label: "Team permissions" }, cell: ({ row }) => <PermissionChips ids={row.original.permissionIds} /> },
  ];
  if (!actions) return columns;
  columns.push({
    id: "actions",
    enableHiding: false,
    header: () => <span className="sr-only">Actions</span>,
    meta: { label: "Actions", className: "w-12", skeleton: "action" },
    cell: ({ row }) => (
      <DropdownMenu>
        <DropdownMenuTrigger variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${memberName(row.original)}`}>
          <Ellipsis aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuItem onFocus={() => void loadProfileDialog()} onSelect={() => actions.edit(row.original)}>
            <Pencil aria-hidden />
            Edit team profile…
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem danger onFocus={preloadConfirmDialog} onSelect={() => actions.remove(row.original)}>
            <UserMinus aria-hidden />
            Remove from team…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    ),
  });
  return columns;
}

/**
 * A team's members (users with `team_id`), one server-rendered page at a time, searched by Stack
 * (`query`); a row opens the member's page in this team. Operators who may change memberships
 * add members through the user picker, edit a member's team profile and remove them.
 */
export function TeamMembersTable({
  team,
  page,
  error,
  canEdit,
}: {
  team: { id: string; displayName: string };
  page: TeamMemberPage | null;
  error: { code: string; message: string } | null;
  canEdit: boolean;
}) {
  const url = useTableUrl(teamMembersUrl, "server");
  const { params } = url.state;
  const nextCursor = page?.nextCursor ?? null;
  const [editing, setEditing] = useState<TeamMemberRow | null>(null);
  const [removing, setRemoving] = useState<TeamMemberRow | null>(null);
  const { confirm } = useActionRunner();
  const columns = useMemo(() => memberColumns(team.id, canEdit ? { edit: setEditing, remove: setRemoving } : null), [team.id, canEdit]);

  return (
    <>
      {canEdit ? <AddTeamMember teamId={team.id} /> : null}
      <DataTable
        columns={columns}
        data={page?.items ?? []}
        getRowId={rowId}
        caption={`Team members, page ${url.page}${params.q ? `, matching “${params.q}”` : ""}.`}
        rowName={memberName}
        rowHref={(m) => memberHref(team.id, m)}
        loading={url.pending}
        error={error ? { title: "Could not load members", code: error.code, message: error.message } : null}
        toolbar={<DataTableSearch value={params.q ?? ""} onCommit={(q) => url.change({ q }, "replace", url.current())} label="Search members" placeholder="Search by e-mail, name or id" />}
        empty={
          params.q ? (
            <EmptyState
              icon={Users}
              title="No members match"
              description={`No member matches “${params.q}”.`}
              action={
                <Button variant="outline" onClick={() => url.change({ q: undefined })}>
                  Clear search
                </Button>
              }
            />
          ) : (
            <EmptyState icon={Users} title="No members" description="This team has no members." />
          )
        }
        pagination={cursorPagination(url, nextCursor, TEAM_MEMBER_PAGE_SIZES, (pageSize) => url.change({ pageSize }))}
      />
      {editing ? <MemberProfileDialog teamId={team.id} member={editing} onClose={() => setEditing(null)} /> : null}
      <LazyConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => (open ? undefined : setRemoving(null))}
        title="Remove from team"
        description={
          <p>
            Removes <strong>{removing ? memberName(removing) : ""}</strong> from {team.displayName}, with the team permissions they hold in it. The user account stays.
          </p>
        }
        target={{ label: removing ? userLabel(removing) : "", id: removing?.id ?? "" }}
        confirmLabel="Remove member"
        onConfirm={() => {
          const m = removing!;
          return confirm(() => removeTeamMemberAction({ teamId: team.id, userId: m.id }), `Removed ${memberName(m)} from the team`);
        }}
      />
    </>
  );
}
