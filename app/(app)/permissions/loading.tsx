import { Skeleton } from "@/components/ui/skeleton";
import { PageHeader } from "@/components/users/page-header";

export default function PermissionsLoading() {
  return (
    <>
      <PageHeader title="Permissions" />
      <div className="space-y-4">
        <Skeleton className="h-8 w-80" />
        <Skeleton className="ml-auto h-9 w-48" />
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-12 w-full" />
        ))}
        <span className="sr-only" role="status">
          Loading permissions…
        </span>
      </div>
    </>
  );
}
