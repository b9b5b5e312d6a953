import { Skeleton } from "@/components/ui/skeleton";

export default function TeamLoading() {
  return (
    <>
      <Skeleton className="mb-4 h-5 w-40" />
      <Skeleton className="mb-6 h-10 w-72" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-72" />
        <Skeleton className="h-72" />
      </div>
      <span className="sr-only" role="status">
        Loading team…
      </span>
    </>
  );
}
