import type { RowData } from "@tanstack/react-table";

// Layout hints shared by the table and its loading skeleton, so the two can't drift.
declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Header text (also the skeleton's header, the sort button's and the "Columns" menu's label). */
    label?: string;
    /** Classes for the <th> and <td> of this column (widths, alignment). */
    className?: string;
    /** Shape of the placeholder cell in skeletons. */
    skeleton?: "avatar" | "text" | "badges" | "action" | "checkbox";
  }
}


declare module "@tanstack/react-table" {
  interface TableMeta<TData extends RowData> {
    /** Navigates to a row's page (the "Open" menu item; row click and Enter use DataTable's rowHref). */
    openRow?: (row: TData) => void;
    /** Opens the row's delete confirmation; a menu item never deletes directly. */
    requestDelete?: (row: TData) => void;
  }
}

/** Layout of DataTable's checkbox column; route loading skeletons (server components) read it too. */
export const SELECTION_COLUMN_META = { className: "w-10 pr-0", skeleton: "checkbox" } as const;
