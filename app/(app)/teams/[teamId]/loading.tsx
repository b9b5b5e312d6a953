import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

const memberSkeletonColumns = [
  { id: "member", meta: { label: "Member", skeleton: "avatar" as const } },
  { id: "email", meta: { label: "E-mail" } },
  { id: "permissions", meta: { label: "Team permissions", skeleton: "badges" as const } },
];

export default function TeamLoading() {
  return (
    <>
      <Skeleton className="mb-4 h-5 w-40" />
      <Skeleton className="mb-6 h-10 w-72" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-72" />
        <Skeleton className="h-72" />
      </div>
      <Skeleton className="mt-6 h-64" />
      <div className="mt-8 space-y-3">
        <Skeleton className="h-7 w-32" />
        <DataTableSkeleton columns={memberSkeletonColumns} rows={10} />
      </div>
      <span className="sr-only" role="status">
        Loading team…
      </span>
    </>
  );
}
