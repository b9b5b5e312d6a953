"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { ScrollText } from "lucide-react";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { useTableUrl } from "@/components/data-table/use-table-url";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { AuditLogRow } from "@/lib/audit-dto";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AUDIT_PAGE_SIZES, auditUrl, type AuditListParams } from "@/lib/url-state/audit";
import "@/components/data-table/column-meta";

const STATUS_VARIANT = { success: "success", failure: "destructive", refused: "warning", pending: "outline" } as const;

// Encoded like any stored value put into a path (ids are checked when written, not when read back).
const TARGET_PAGES: Record<string, string> = { user: "/users/", team: "/teams/" };
const targetHref = (r: AuditLogRow) => (r.targetType && TARGET_PAGES[r.targetType] && r.targetId ? `${TARGET_PAGES[r.targetType]}${encodeURIComponent(r.targetId)}` : null);
const targetName = (r: AuditLogRow) => r.targetLabel ?? r.targetId ?? "—";
const rowName = (r: AuditLogRow) => `${r.action} on ${targetName(r)}`;
const rowId = (r: AuditLogRow) => String(r.id);

const columns: ColumnDef<AuditLogRow>[] = [
  {
    id: "at",
    meta: { label: "When (UTC)", className: "whitespace-nowrap tabular-nums align-top" },
    cell: ({ row }) => {
      const iso = new Date(row.original.atMillis).toISOString();
      return <time dateTime={iso}>{iso.replace("T", " ").slice(0, 19)}</time>;
    },
  },
  {
    id: "actor",
    meta: { label: "Operator", className: "align-top" },
    cell: ({ row }) => (
      <>
        {row.original.actorEmail} <span className="text-muted-foreground">({row.original.actorRole})</span>
      </>
    ),
  },
  { id: "action", meta: { label: "Action", className: "font-mono text-xs align-top" }, cell: ({ row }) => row.original.action },
  {
    id: "target",
    meta: { label: "Target", className: "align-top" },
    cell: ({ row }) => {
      const href = targetHref(row.original);
      return (
        <>
          {href ? (
            // Not a tab stop: the row is, and opens it on Enter.
            <Link href={href} prefetch={false} tabIndex={-1} className="hover:underline">
              {targetName(row.original)}
            </Link>
          ) : (
            targetName(row.original)
          )}
          {row.original.changes ? (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-muted-foreground">Changes</summary>
              <pre className="mt-1 max-w-xl overflow-x-auto rounded bg-muted p-2 text-xs">{JSON.stringify(row.original.changes, null, 2)}</pre>
            </details>
          ) : null}
        </>
      );
    },
  },
  {
    id: "status",
    meta: { label: "Result", className: "align-top" },
    cell: ({ row }) => (
      <>
        <Badge variant={STATUS_VARIANT[row.original.status]}>{row.original.status}</Badge>
        {row.original.errorCode ? <div className="mt-1 font-mono text-xs text-muted-foreground">{row.original.errorCode}</div> : null}
      </>
    ),
  },
];

/** The audit log: rows rendered by the server page, paged through the URL (`cursor` = last id of the previous page). */
export function AuditTable({
  entries,
  nextCursor,
  facets,
  canExport,
}: {
  entries: AuditLogRow[];
  nextCursor: string | null;
  facets: { actors: string[]; actions: string[] };
  canExport: boolean;
}) {
  const url = useTableUrl(auditUrl, "server");
  const { params } = url.state;
  const filtered = Boolean(params.actor || params.action || params.target || params.from || params.to || params.result !== "all");
  // The export takes the same filter (not the page): every matching record, streamed.
  const exportHref = canExport ? `/api/audit/export${auditUrl.search({ params: { ...params, cursor: undefined }, trail: [] })}` : null;
  return (
    <DataTable
      columns={columns}
      data={entries}
      getRowId={rowId}
      caption={`Audit log, page ${url.page}, newest first.`}
      rowName={rowName}
      rowHref={targetHref}
      loading={url.pending}
      toolbar={<AuditFilters params={params} facets={facets} onChange={(c) => url.change(c)} exportHref={exportHref} />}
      empty={
        filtered ? (
          <EmptyState icon={ScrollText} title="No records match" description="Change or clear the filters." />
        ) : (
          <EmptyState icon={ScrollText} title="No changes recorded yet" description="Changes made from this dashboard appear here." />
        )
      }
      pagination={{
        page: url.page,
        canPrevious: Boolean(params.cursor),
        canNext: nextCursor !== null && !url.pending,
        onPrevious: url.previous,
        onNext: () => nextCursor && url.next(nextCursor),
        pageSize: params.pageSize,
        pageSizes: AUDIT_PAGE_SIZES,
        onPageSizeChange: (size) => url.change({ pageSize: size as AuditListParams["pageSize"] }),
      }}
    />
  );
}
