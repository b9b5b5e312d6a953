"use client";

import type { ColumnDef, Table } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { SELECTION_COLUMN_META } from "./column-meta";

/** The checkbox column: "Select page" in the header, one per row (labelled with the row's name). */
export function selectionColumn<TData>(rowName: (row: TData) => string): ColumnDef<TData> {
  return {
    id: "select",
    enableSorting: false,
    enableHiding: false,
    meta: SELECTION_COLUMN_META,
    header: ({ table }) => (
      <Checkbox
        aria-label="Select page"
        checked={table.getIsAllPageRowsSelected()}
        ref={(el) => {
          if (el) el.indeterminate = table.getIsSomePageRowsSelected();
        }}
        onCheckedChange={(v) => table.toggleAllPageRowsSelected(v)}
      />
    ),
    cell: ({ row }) => (
      <Checkbox aria-label={`Select ${rowName(row.original)}`} checked={row.getIsSelected()} disabled={!row.getCanSelect()} onCheckedChange={(v) => row.toggleSelected(v)} />
    ),
  };
}

/** Above the table while rows are selected: the count, the bulk actions, and a way out. */
export function DataTableSelectionBar<TData>({ table, actions }: { table: Table<TData>; actions: (rows: TData[], clear: () => void) => ReactNode }) {
  const rows = table.getSelectedRowModel().rows.map((r) => r.original);
  const clear = () => table.resetRowSelection();
  return (
    // Always mounted: the count is announced when it changes.
    <div aria-live="polite" className="empty:hidden">
      {rows.length > 0 ? (
        <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm">
          <span className="mr-auto font-medium">{rows.length} selected</span>
          {actions(rows, clear)}
          <Button variant="ghost" size="sm" onClick={clear}>
            Clear selection
          </Button>
        </div>
      ) : null}
    </div>
  );
}
