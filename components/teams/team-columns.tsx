import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { RelativeTime } from "@/components/data-table/relative-time";
import "@/components/data-table/column-meta";
import { Avatar } from "@/components/ui/avatar";
import type { TeamRow } from "@/lib/teams-dto";
import { TEAM_COLUMN_META } from "./team-column-layout";

export const teamHref = (t: { id: string }) => `/teams/${encodeURIComponent(t.id)}`;

// No members column: Stack lists teams without member counts, and a count costs one request per row.
export const teamColumns: ColumnDef<TeamRow>[] = [
  {
    id: "displayName",
    meta: TEAM_COLUMN_META.displayName,
    cell: ({ row }) => (
      <span className="flex min-w-0 items-center gap-3">
        <Avatar name={row.original.displayName} src={row.original.profileImageUrl} />
        {/* Not a tab stop: the row itself is focusable and opens on Enter. */}
        <Link href={teamHref(row.original)} prefetch={false} tabIndex={-1} className="line-clamp-2 min-w-0 break-words font-medium hover:underline">
          {row.original.displayName}
        </Link>
      </span>
    ),
  },
  { id: "createdAt", meta: TEAM_COLUMN_META.createdAt, cell: ({ row }) => <RelativeTime ms={row.original.createdAt} /> },
];
