import { Skeleton } from "@/components/ui/skeleton";

export default function TeamMemberLoading() {
  return (
    <div className="space-y-6">
      <Skeleton className="h-4 w-48" />
      <Skeleton className="h-10 w-72" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-48" />
        <Skeleton className="h-48 lg:col-span-2" />
      </div>
      <span className="sr-only" role="status">
        Loading the member…
      </span>
    </div>
  );
}
