import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header";
import { RelativeTime } from "@/components/data-table/relative-time";
import "@/components/data-table/column-meta";
import { Avatar } from "@/components/ui/avatar";
import type { UserRow } from "@/lib/users-dto";
import type { SortField } from "@/lib/users-url";
import { AuthMethodBadges } from "./auth-method-badges";
import { displayNameOf, UserStatusBadges, VerifiedBadge } from "./user-badges";
import { USER_COLUMN_META } from "./user-column-layout";
import { UserRowActions } from "./user-row-actions";

/** Column id → Stack `order_by`; every other column has sorting off. */
export const SORTABLE_COLUMNS: Record<string, SortField> = { signedUpAt: "signed_up_at", lastActiveAt: "last_active_at" };
export const columnForSort = (sort: SortField) => Object.keys(SORTABLE_COLUMNS).find((k) => SORTABLE_COLUMNS[k] === sort)!;

export const userColumns: ColumnDef<UserRow>[] = [
  {
    id: "avatar",
    enableSorting: false,
    header: () => <span className="sr-only">Avatar</span>,
    meta: USER_COLUMN_META.avatar,
    cell: ({ row }) => <Avatar name={displayNameOf(row.original) ?? row.original.primaryEmail} src={row.original.profileImageUrl} />,
  },
  {
    id: "displayName",
    enableSorting: false,
    header: "Name",
    meta: USER_COLUMN_META.displayName,
    cell: ({ row }) => {
      const name = displayNameOf(row.original);
      return (
        <span className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
          {/* Not a tab stop: the row itself is focusable and opens on Enter; screen readers still list the link. */}
          <Link href={`/users/${row.original.id}`} prefetch={false} tabIndex={-1} title={name ?? undefined} className="line-clamp-2 min-w-0 break-words font-medium hover:underline">
            {name ?? (
              <>
                <span aria-hidden className="text-muted-foreground">—</span>
                <span className="sr-only">Unnamed user</span>
              </>
            )}
          </Link>
          <UserStatusBadges isAnonymous={row.original.isAnonymous} isRestricted={row.original.isRestricted} />
        </span>
      );
    },
  },
  {
    id: "primaryEmail",
    enableSorting: false,
    header: "E-mail",
    meta: USER_COLUMN_META.primaryEmail,
    cell: ({ row }) =>
      row.original.primaryEmail ? (
        <span className="flex items-center gap-2">
          {/* A fixed max width: a table column can't shrink below a truncating cell's full text. */}
          <span className="max-w-36 truncate @4xl:max-w-52" title={row.original.primaryEmail}>
            {row.original.primaryEmail}
          </span>
          <VerifiedBadge verified={row.original.primaryEmailVerified} />
        </span>
      ) : (
        <span className="text-muted-foreground">—</span>
      ),
  },
  {
    id: "signedUpAt",
    accessorKey: "signedUpAt",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Signed up" />,
    meta: USER_COLUMN_META.signedUpAt,
    cell: ({ row }) => <RelativeTime ms={row.original.signedUpAt} />,
  },
  {
    id: "lastActiveAt",
    accessorKey: "lastActiveAt",
    header: ({ column }) => <DataTableColumnHeader column={column} title="Last active" />,
    meta: USER_COLUMN_META.lastActiveAt,
    cell: ({ row }) => <RelativeTime ms={row.original.lastActiveAt} />,
  },
  {
    id: "authMethods",
    enableSorting: false,
    header: "Auth methods",
    meta: USER_COLUMN_META.authMethods,
    cell: ({ row }) => <AuthMethodBadges methods={row.original.authMethods} />,
  },
  {
    id: "actions",
    enableSorting: false,
    header: () => <span className="sr-only">Actions</span>,
    meta: USER_COLUMN_META.actions,
    cell: ({ row, table }) => <UserRowActions user={row.original} meta={table.options.meta} />,
  },
];
