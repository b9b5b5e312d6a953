import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { RelativeTime } from "@/components/data-table/relative-time";
import "@/components/data-table/column-meta";
import { Avatar } from "@/components/ui/avatar";
import { userDisplayName } from "@/lib/labels";
import type { UserRow } from "@/lib/users-dto";
import type { UserSort } from "@/lib/url-state/users";
import { AuthMethodBadges } from "./auth-method-badges";
import { UserStatusBadges, VerifiedBadge } from "./user-badges";
import { USER_COLUMN_META } from "./user-column-layout";
import { UserRowActions } from "./user-row-actions";

/**
 * Column id → Stack's `order_by` for GET /users: only these columns sort (server-side), and a
 * server that lacks an order can drop its entry.
 */
export const SORTABLE_COLUMNS: Partial<Record<string, UserSort>> = { signedUpAt: "signed_up_at", lastActiveAt: "last_active_at" };
export const columnForSort = (sort: UserSort) => Object.keys(SORTABLE_COLUMNS).find((k) => SORTABLE_COLUMNS[k] === sort);

export const userColumns: ColumnDef<UserRow>[] = [
  {
    id: "avatar",
    header: () => <span className="sr-only">Avatar</span>,
    meta: USER_COLUMN_META.avatar,
    cell: ({ row }) => <Avatar name={userDisplayName(row.original) ?? row.original.primaryEmail} src={row.original.profileImageUrl} />,
  },
  {
    id: "displayName",
    meta: USER_COLUMN_META.displayName,
    cell: ({ row }) => {
      const name = userDisplayName(row.original);
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
    meta: USER_COLUMN_META.signedUpAt,
    cell: ({ row }) => <RelativeTime ms={row.original.signedUpAt} />,
  },
  {
    id: "lastActiveAt",
    meta: USER_COLUMN_META.lastActiveAt,
    cell: ({ row }) => <RelativeTime ms={row.original.lastActiveAt} />,
  },
  {
    id: "authMethods",
    meta: USER_COLUMN_META.authMethods,
    cell: ({ row }) => <AuthMethodBadges methods={row.original.authMethods} />,
  },
  {
    id: "actions",
    enableHiding: false,
    header: () => <span className="sr-only">Actions</span>,
    meta: USER_COLUMN_META.actions,
    cell: ({ row, table }) => <UserRowActions user={row.original} meta={table.options.meta} />,
  },
];
