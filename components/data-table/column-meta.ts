import type { RowData } from "@tanstack/react-table";

// Layout hints shared by the table and its loading skeleton, so the two can't drift.
declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Header text (also the skeleton's header and the sort button's label). */
    label?: string;
    /** Classes for the <th> and <td> of this column (widths, alignment). */
    className?: string;
    /** Shape of the placeholder cell in skeletons. */
    skeleton?: "avatar" | "text" | "badges" | "action";
  }
}


declare module "@tanstack/react-table" {
  interface TableMeta<TData extends RowData> {
    /** Navigates to a row's page (row click, Enter, the "Open" menu item). */
    openRow?: (row: TData) => void;
    /** Opens the row's delete confirmation; a menu item never deletes directly. */
    requestDelete?: (row: TData) => void;
  }
}

export {};
