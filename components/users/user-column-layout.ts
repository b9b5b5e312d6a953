// No "use client" and no client imports: the route's loading skeleton (a server component) reads
// this. Importing user-columns.tsx there would make every page under /users (the user page too)
// download the cells' client components (row menu, sort headers).
import type { ColumnDef, ColumnMeta } from "@tanstack/react-table";
import { SELECTION_COLUMN_META } from "@/components/data-table/column-meta";
import type { UserRow } from "@/lib/users-dto";

/** Layout hints of the users table's columns, in display order (ids match user-columns.tsx). */
export const USER_COLUMN_META = {
  // Avatar and auth methods give way when the table's container is narrow (tablets; 1024px with the
  // sidebar), so every row's menu stays in view without scrolling sideways.
  avatar: { className: "hidden w-12 pr-0 @3xl:table-cell", skeleton: "avatar" },
  displayName: { label: "Name", className: "min-w-36 max-w-56" },
  primaryEmail: { label: "E-mail" },
  signedUpAt: { label: "Signed up", className: "whitespace-nowrap" },
  lastActiveAt: { label: "Last active", className: "whitespace-nowrap" },
  authMethods: { label: "Auth methods", className: "hidden @4xl:table-cell", skeleton: "badges" },
  actions: { className: "w-12 text-right", skeleton: "action" },
} satisfies Record<string, ColumnMeta<UserRow, unknown>>;

/** The columns as the loading skeleton needs them (the table's checkbox column first): ids and layout, no cells. */
export const userSkeletonColumns: ColumnDef<UserRow>[] = [{ id: "select", meta: SELECTION_COLUMN_META }, ...Object.entries(USER_COLUMN_META).map(([id, meta]) => ({ id, meta }))];
