import type { ColumnDef, ColumnMeta } from "@tanstack/react-table";
import "@/components/data-table/column-meta";
import type { TeamRow } from "@/lib/teams-dto";

/** Layout hints of the teams table's columns, in display order (ids match team-columns.tsx). */
export const TEAM_COLUMN_META = {
  profileImage: { label: "Profile image", className: "w-28", skeleton: "avatar" },
  displayName: { label: "Name" },
  createdAt: { label: "Created", className: "w-48 whitespace-nowrap" },
} satisfies Record<string, ColumnMeta<TeamRow, unknown>>;

/** The columns as the loading skeleton needs them: ids and layout, no cells. */
export const teamSkeletonColumns: ColumnDef<TeamRow>[] = Object.entries(TEAM_COLUMN_META).map(([id, meta]) => ({ id, meta }));
