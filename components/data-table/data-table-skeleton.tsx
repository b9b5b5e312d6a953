import type { ColumnDef } from "@tanstack/react-table";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import "./column-meta";

/** Placeholder rows drawn from the real column defs (meta.label / className / skeleton). */
export function SkeletonRows<TData>({ columns, rows }: { columns: ColumnDef<TData, never>[] | ColumnDef<TData>[]; rows: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} className="border-b last:border-0">
          {columns.map((col, c) => (
            <td key={col.id ?? c} className={cn("px-3 py-3", col.meta?.className)}>
              <SkeletonCell kind={col.meta?.skeleton} wide={r % 3 === 0} />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

function SkeletonCell({ kind = "text", wide }: { kind?: "avatar" | "text" | "badges" | "action" | "checkbox"; wide: boolean }) {
  if (kind === "avatar") return <Skeleton className="size-8 rounded-full" />;
  if (kind === "checkbox") return <Skeleton className="size-4 rounded-sm" />;
  if (kind === "action") return <Skeleton className="ml-auto size-8" />;
  if (kind === "badges")
    return (
      <div className="flex gap-1">
        <Skeleton className="h-5 w-14" />
        <Skeleton className="h-5 w-10" />
      </div>
    );
  return <Skeleton className={cn("h-4", wide ? "w-32" : "w-24")} />;
}

/** The whole table as a skeleton (route loading state). */
export function DataTableSkeleton<TData>({ columns, rows = 10 }: { columns: ColumnDef<TData, never>[] | ColumnDef<TData>[]; rows?: number }) {
  return (
    <div className="@container relative overflow-x-auto rounded-lg border" aria-busy="true" aria-label="Loading">
      <table className="w-full min-w-[44rem] text-sm @4xl:min-w-[52rem]">
        <thead className="border-b bg-muted/40">
          <tr>
            {columns.map((col, c) => (
              <th key={col.id ?? c} scope="col" className={cn("h-10 whitespace-nowrap px-3 text-left font-medium text-muted-foreground", col.meta?.className)}>
                {col.meta?.label ? <span className="sr-only sm:not-sr-only">{col.meta.label}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <SkeletonRows columns={columns} rows={rows} />
        </tbody>
      </table>
    </div>
  );
}
