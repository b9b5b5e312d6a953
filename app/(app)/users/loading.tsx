import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { PageHeader } from "@/components/users/page-header";
import { userSkeletonColumns } from "@/components/users/user-column-layout";
import { Skeleton } from "@/components/ui/skeleton";

export default function UsersLoading() {
  return (
    <>
      <PageHeader title="Users" description="Everyone who signed up to this project. Select a row to open a user." />
      <div className="space-y-4">
        <div className="flex flex-wrap items-end gap-3">
          <Skeleton className="h-9 w-full max-w-sm" />
          <Skeleton className="h-9 w-56" />
          <Skeleton className="ml-auto h-9 w-32" />
        </div>
        <DataTableSkeleton columns={userSkeletonColumns} rows={10} />
        <span className="sr-only" role="status">
          Loading users…
        </span>
      </div>
    </>
  );
}
