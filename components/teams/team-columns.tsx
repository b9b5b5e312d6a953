import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { RelativeTime } from "@/components/data-table/relative-time";
import "@/components/data-table/column-meta";
import { Avatar } from "@/components/ui/avatar";
import type { TeamRow } from "@/lib/teams-dto";
import { TEAM_COLUMN_META } from "./team-column-layout";

export const teamHref = (t: { id: string }) => `/teams/${encodeURIComponent(t.id)}`;

// No members column: Stack lists teams without member counts, and a count costs a read of every
// member per row (the team page shows it).
export const teamColumns: ColumnDef<TeamRow>[] = [
  {
    id: "profileImage",
    meta: TEAM_COLUMN_META.profileImage,
    cell: ({ row }) => (
      <span className="flex items-center gap-2">
        <Avatar name={row.original.displayName} src={row.original.profileImageUrl} />
        {row.original.profileImageUrl ? null : <span className="sr-only">None</span>}
      </span>
    ),
  },
  {
    id: "displayName",
    meta: TEAM_COLUMN_META.displayName,
    cell: ({ row }) => (
      // Not a tab stop: the row itself is focusable and opens on Enter.
      <Link href={teamHref(row.original)} prefetch={false} tabIndex={-1} className="line-clamp-2 min-w-0 break-words font-medium hover:underline">
        {row.original.displayName}
      </Link>
    ),
  },
  { id: "createdAt", meta: TEAM_COLUMN_META.createdAt, cell: ({ row }) => <RelativeTime ms={row.original.createdAt} /> },
];
