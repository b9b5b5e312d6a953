"use client";

import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";
import { useHydrated } from "@/components/ui/use-hydrated";
import { PageHeader } from "./page-header";
import { userSkeletonColumns } from "./user-column-layout";

/**
 * The users route's loading state. It is for client-side navigations, where the browser waits on
 * the next page: in a full page load the server would otherwise render the skeleton into every
 * response (the route's Suspense fallback is flushed before the table streams in), 10 rows of it
 * that the browser replaces a moment later. So it renders nothing until React runs in the
 * browser: a navigation renders it at once, a full load never sends it.
 */
export function UsersLoading() {
  const hydrated = useHydrated();
  if (!hydrated) return null;
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
