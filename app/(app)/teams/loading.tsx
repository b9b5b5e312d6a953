import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { teamSkeletonColumns } from "@/components/teams/team-column-layout";
import { Skeleton } from "@/components/ui/skeleton";
import { PageHeader } from "@/components/users/page-header";

export default function TeamsLoading() {
  return (
    <>
      <PageHeader title="Teams" description="Groups of users in this project. Select a row to open a team." />
      <div className="space-y-4">
        <div className="flex flex-wrap items-end gap-3">
          <Skeleton className="h-9 w-full max-w-sm" />
          <Skeleton className="ml-auto h-9 w-32" />
        </div>
        <DataTableSkeleton columns={teamSkeletonColumns} rows={10} />
        <span className="sr-only" role="status">
          Loading teams…
        </span>
      </div>
    </>
  );
}
