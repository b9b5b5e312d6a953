"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type HeaderContext,
  type RowSelectionState,
  type SortingState,
  type TableMeta,
  type Updater,
  type VisibilityState,
} from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DataTableColumnHeader } from "./data-table-column-header";
import { DataTablePagination, type DataTablePaginationProps } from "./data-table-pagination";
import { DataTableSelectionBar, selectionColumn } from "./data-table-selection";
import { SkeletonRows } from "./data-table-skeleton";
import { DataTableViewOptions } from "./data-table-view-options";
import "./column-meta";

export type DataTableSort = { id: string; desc: boolean };

export type DataTableProps<TData> = {
  columns: ColumnDef<TData>[];
  data: TData[];
  getRowId: (row: TData) => string;
  /** Screen-reader caption (which table, which page). */
  caption: string;
  /** The row's name: its aria-label ("Open …" when it has a link) and its checkbox's label. */
  rowName: (row: TData) => string;
  /** Where Enter or a click on the row goes; rows without one are focusable but open nothing. */
  rowHref?: (row: TData) => string | null;
  /** Column ids the server can sort by (data-driven: a capability can take one away). */
  sortableColumns?: readonly string[];
  sort?: DataTableSort;
  onSortChange?: (sort: DataTableSort) => void;
  /** A new page is loading: skeleton rows in place of the old ones. */
  loading?: boolean;
  error?: { title: string; code: string; message: string; onRetry?: () => void; retrying?: boolean } | null;
  /** Shown instead of the table when there are no rows (and no error). */
  empty?: ReactNode;
  pagination?: DataTablePaginationProps;
  /** Controls left of the "Columns" menu (search, filters, a create button). */
  toolbar?: ReactNode;
  /** Turns on row selection; renders the buttons that act on the selected rows. */
  bulkActions?: (rows: TData[], clear: () => void) => ReactNode;
  meta?: TableMeta<TData>;
  className?: string;
};

const NONE: readonly string[] = [];

// Clicks on these inside a row are theirs, not the row's (menus, links, checkboxes, disclosures).
const INTERACTIVE = "a,button,input,select,textarea,label,summary,details,[role=menu],[role=menuitem],[role=menuitemcheckbox],[role=dialog]";

/**
 * The one data table: TanStack Table in manual mode (the server pages, sorts and filters; the
 * state lives in the URL), with column visibility, page-wise row selection for bulk actions,
 * loading / empty / error states, and keyboard rows: one row is in the tab order, Arrow keys
 * (Home/End) move between rows, Enter opens the row's link, Space toggles its selection.
 */
export function DataTable<TData>({
  columns,
  data,
  getRowId,
  caption,
  rowName,
  rowHref,
  sortableColumns = NONE,
  sort,
  onSortChange,
  loading = false,
  error,
  empty,
  pagination,
  toolbar,
  bulkActions,
  meta,
  className,
}: DataTableProps<TData>) {
  const router = useRouter();
  const [visibility, setVisibility] = useState<VisibilityState>({});
  // Selection is per page: new rows (paging, a search) start unselected. (Two empty pages are the
  // same page, so a caller's fresh `[]` each render doesn't reset in a loop.)
  const [selection, setSelection] = useState<{ data: TData[]; rows: RowSelectionState }>({ data, rows: {} });
  const samePage = selection.data === data || (selection.data.length === 0 && data.length === 0);
  if (!samePage) setSelection({ data, rows: {} });
  const [active, setActive] = useState(0);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  const selectable = Boolean(bulkActions);
  const allColumns = useMemo(() => {
    const sortable = new Set(sortableColumns);
    const cols = columns.map((c) => {
      const canSort = c.id !== undefined && sortable.has(c.id);
      // TanStack sorts only columns with an accessor; the server does the sorting, so any will do.
      const accessor = canSort && !("accessorKey" in c) && !("accessorFn" in c) ? { accessorFn: () => null } : {};
      return { ...c, ...accessor, enableSorting: canSort, header: c.header ?? DefaultHeader } as ColumnDef<TData>;
    });
    return selectable ? [selectionColumn(rowName), ...cols] : cols;
  }, [columns, sortableColumns, selectable, rowName]);

  const sorting: SortingState = sort ? [sort] : [];
  function onSortingChange(updater: Updater<SortingState>) {
    const next = (typeof updater === "function" ? updater(sorting) : updater)[0];
    if (next && onSortChange) onSortChange({ id: next.id, desc: next.desc });
  }

  // TanStack Table v8 returns fresh functions each render; we don't run the React Compiler, so this is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns: allColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    enableRowSelection: selectable,
    state: { sorting, columnVisibility: visibility, rowSelection: samePage ? selection.rows : {} },
    onSortingChange,
    onColumnVisibilityChange: setVisibility,
    onRowSelectionChange: (u) => setSelection((s) => ({ data, rows: typeof u === "function" ? u(s.rows) : u })),
    meta,
  });

  const rows = table.getRowModel().rows;
  const focusable = Math.min(active, Math.max(rows.length - 1, 0));
  const showTable = loading || rows.length > 0;
  const showPager = pagination && (loading || rows.length > 0 || pagination.page > 1);

  function focusRow(index: number) {
    const all = bodyRef.current?.querySelectorAll<HTMLElement>("tr[data-row]");
    if (!all || all.length === 0) return;
    const i = Math.max(0, Math.min(index, all.length - 1));
    all[i]!.focus();
  }

  function onRowKeyDown(e: KeyboardEvent<HTMLTableRowElement>, index: number, href: string | null, toggle?: () => void) {
    if (e.target !== e.currentTarget) return; // keys inside a cell's control are the control's
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(moves[e.key]!);
    } else if (e.key === "Enter" && href) {
      e.preventDefault();
      router.push(href);
    } else if (e.key === " " && toggle) {
      e.preventDefault();
      toggle();
    }
  }

  function onRowClick(e: MouseEvent<HTMLTableRowElement>, href: string | null) {
    if (!href) return;
    // Dialogs are portalled: their clicks bubble here through React, not the DOM.
    if (!e.currentTarget.contains(e.target as Node)) return;
    if ((e.target as HTMLElement).closest(INTERACTIVE)) return;
    // Selecting text in a row is not a click on it.
    if (window.getSelection()?.toString()) return;
    router.push(href);
  }

  return (
    <div className={cn("space-y-4", className)}>
      <div className="flex flex-wrap items-end gap-3">
        {toolbar}
        <DataTableViewOptions table={table} />
      </div>

      {bulkActions ? <DataTableSelectionBar table={table} actions={bulkActions} /> : null}

      {error ? (
        <div className="flex flex-wrap items-start gap-3">
          <ErrorBanner title={error.title} message={error.message} code={error.code} className="min-w-64 flex-1" />
          {error.onRetry ? (
            <Button variant="outline" loading={error.retrying} onClick={error.onRetry}>
              Retry
            </Button>
          ) : null}
        </div>
      ) : null}

      {!error && !showTable ? empty : null}

      {showTable ? (
        <div className="@container relative overflow-x-auto rounded-lg border" aria-busy={loading || undefined}>
          <table className="w-full min-w-[44rem] text-sm @4xl:min-w-[52rem]">
            <caption className="sr-only">{caption}</caption>
            <thead className="border-b bg-muted/40">
              {table.getHeaderGroups().map((hg) => (
                <tr key={hg.id}>
                  {hg.headers.map((h) => {
                    const sorted = h.column.getIsSorted();
                    return (
                      <th
                        key={h.id}
                        scope="col"
                        aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                        className={cn("h-10 whitespace-nowrap px-3 text-left font-medium text-muted-foreground", h.column.columnDef.meta?.className)}
                      >
                        {h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext())}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody ref={bodyRef}>
              {loading ? (
                <SkeletonRows columns={table.getVisibleLeafColumns().map((c) => c.columnDef)} rows={Math.min(pagination?.pageSize ?? 10, 10)} />
              ) : (
                rows.map((row, index) => {
                  const href = rowHref?.(row.original) ?? null;
                  const name = rowName(row.original);
                  return (
                    <tr
                      key={row.id}
                      data-row=""
                      tabIndex={index === focusable ? 0 : -1}
                      aria-label={href ? `Open ${name}` : name}
                      onFocus={(e) => {
                        if (e.target === e.currentTarget) setActive(index);
                      }}
                      onClick={(e) => onRowClick(e, href)}
                      onKeyDown={(e) => onRowKeyDown(e, index, href, bulkActions ? () => row.toggleSelected() : undefined)}
                      className={cn(
                        "border-b transition-colors last:border-0 hover:bg-muted/50 focus-visible:bg-muted/50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring",
                        href && "cursor-pointer",
                        row.getIsSelected() && "bg-muted/60",
                      )}
                    >
                      {row.getVisibleCells().map((cell) => (
                        <td key={cell.id} className={cn("px-3 py-2.5 align-middle", cell.column.columnDef.meta?.className)}>
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      ))}
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </div>
      ) : null}

      {showPager ? <DataTablePagination {...pagination} rowsOnPage={loading ? 0 : rows.length} /> : null}
    </div>
  );
}

/** A column without its own header: a sort button when the server can sort it, else its label. */
function DefaultHeader<TData>({ column }: HeaderContext<TData, unknown>) {
  const label = column.columnDef.meta?.label ?? "";
  return column.getCanSort() ? <DataTableColumnHeader column={column} title={label} /> : label;
}
