"use client";

import { useQuery } from "@tanstack/react-query";
import { Copy, FileUp, Plus, SearchX, Users } from "lucide-react";
import Link from "next/link";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { useTableUrl } from "@/components/data-table/use-table-url";
import { toast } from "@/components/ui/toast";
import { Button, buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { userConfirmValue } from "@/lib/dangerous";
import { userLabel } from "@/lib/labels";
import { ApiError } from "@/lib/query/fetch-json";
import { usersListQuery } from "@/lib/query/users";
import { filterSearch, planUserFilter, USER_PAGE_SIZES, usersUrl, type UserListParams } from "@/lib/url-state/users";
import type { UserListFeatures, UserPage, UserRow } from "@/lib/users-dto";
import type { ListedView } from "@/lib/views-dto";
import { ViewsBar } from "@/components/views/views-bar";
import { UserFilters } from "./user-filters";
import { copyText } from "./copy-text";
import { ExportUsers } from "./export-users";
import { UserBulkActions } from "@/components/jobs/user-bulk-actions";
import type { CreatedUser } from "./create-user-dialog";
import { RoleGate } from "@/components/ui/role-gate";
import { useCan } from "./permissions";
import { useDeleteUserDialog } from "./use-delete-user-dialog";
import { columnForSort, SORTABLE_COLUMNS, userColumns } from "./user-columns";

// RHF + zod live in the dialog's chunk, loaded on first open (not in the list's initial JS).
const loadCreateDialog = () => import("./create-user-dialog");
const CreateUserDialog = dynamic(() => loadCreateDialog().then((m) => m.CreateUserDialog), { ssr: false });

const sameParams = (a: UserListParams, b: UserListParams) => usersUrl.search({ params: a, trail: [] }) === usersUrl.search({ params: b, trail: [] });
const userHref = (u: UserRow) => `/users/${u.id}`;
const userId = (u: UserRow) => u.id;
const NO_ROWS: UserRow[] = [];

export function UsersTable({
  initialParams,
  initialData,
  initialError,
  features,
  canExport = false,
  views = [],
  teamLabel = null,
}: {
  initialParams: UserListParams;
  initialData: UserPage | null;
  initialError: { code: string; message: string } | null;
  features: UserListFeatures;
  /** The operator's role may run GET /api/users/export (decided on the server page). */
  canExport?: boolean;
  /** The project's saved views (lib/server/views.ts). */
  views?: ListedView[];
  /** The name of the team in the URL's filter, read by the page. */
  teamLabel?: string | null;
}) {
  const router = useRouter();
  const url = useTableUrl(usersUrl, "client");
  const { params } = url.state;
  const isInitial = sameParams(params, initialParams);

  const query = useQuery({
    ...usersListQuery(params),
    initialData: isInitial && initialData ? initialData : undefined,
  });
  const data = query.data;
  const loadingNewPage = query.isPlaceholderData || (query.isPending && !query.isError);
  const error =
    query.error instanceof ApiError
      ? { code: query.error.code, message: query.error.message }
      : query.error
        ? { code: "CLIENT_ERROR", message: "Could not load users." }
        : isInitial && !data
          ? initialError
          : null;

  // The cached pages refetch after a delete: the runner marks every cached read stale.
  const deleteDialog = useDeleteUserDialog(() => {});
  const canDelete = useCan("deleteUserAction");
  const [createMounted, setCreateMounted] = useState(false);
  const [createOpen, setCreateOpen] = useState(false);
  function onCreated(user: CreatedUser) {
    toast.success(`Created ${userConfirmValue(user.primaryEmail, user.id)}`, { action: { label: "Open", onClick: () => router.push(userHref(user)) } });
  }

  // What the server lacks is not offered (the server ignores it too): see lib/server/users.ts.
  const sortable = useMemo(() => Object.keys(SORTABLE_COLUMNS).filter((id) => features.lastActiveSort || SORTABLE_COLUMNS[id] !== "last_active_at"), [features.lastActiveSort]);
  const sort = params.sort === "last_active_at" && !features.lastActiveSort ? "signed_up_at" : params.sort;
  const filter = features.anonymousFilter ? params.filter : "all";
  const missing = [!features.lastActiveSort && "sort by last activity", !features.anonymousFilter && "list anonymous users", !features.restrictedFilter && "filter restricted users"].filter(Boolean);
  const byConsole = planUserFilter(params, features).byConsole;
  const searching = filterSearch({ ...params, sort: "signed_up_at", asc: false }) !== "";
  const openView = views.find((v) => v.id === params.view);
  const sortColumn = columnForSort(sort);

  return (
    <>
      {missing.length > 0 ? <p className="text-sm text-muted-foreground">This Stack server is an older release that can&apos;t {missing.join(" or ")}.</p> : null}
      <ViewsBar views={views} params={params} onOpened={(v) => url.change({ view: v.id })} onClosed={() => url.change({ view: undefined })} />
      {byConsole.length > 0 ? (
        <p className="text-sm text-muted-foreground">
          Filtered by the console (Stack has no parameter for it): {byConsole.join(", ")}. Pages are read further until they are full
          {data?.scan?.partial ? `; this page stopped after reading ${data.scan.scanned.toLocaleString("en-US")} users, Next reads on` : ""}.
        </p>
      ) : null}
      <DataTable
        columns={userColumns}
        data={data?.items ?? NO_ROWS}
        getRowId={userId}
        caption={`Users, page ${url.page}. Select a row to open the user.`}
        rowName={userLabel}
        rowHref={userHref}
        sortableColumns={sortable}
        sort={sortColumn ? { id: sortColumn, desc: !params.asc } : undefined}
        onSortChange={({ id, desc }) => {
          const sort = SORTABLE_COLUMNS[id];
          if (sort) url.change({ sort, asc: !desc });
        }}
        loading={loadingNewPage}
        error={error ? { title: "Could not load users", ...error, onRetry: () => void query.refetch(), retrying: query.isFetching } : null}
        bulkActions={(selected) => (
          <>
            <Button variant="outline" size="sm" onClick={() => void copyText(selected.map((u) => u.id).join("\n"), `${selected.length} user ${selected.length === 1 ? "id" : "ids"}`)}>
              <Copy aria-hidden />
              Copy ids
            </Button>
            <UserBulkActions userIds={selected.map(userId)} search={usersUrl.search({ params: { ...params, filter, sort, cursor: undefined }, trail: [] })} more={Boolean(data?.nextCursor || params.cursor)} />
          </>
        )}
        meta={{ openRow: (u) => router.push(userHref(u)), requestDelete: canDelete ? (u) => deleteDialog.openFor(u) : undefined }}
        toolbar={
          <>
            <DataTableSearch
              label="Search users"
              placeholder="Search by e-mail, name or id"
              value={params.q ?? ""}
              onCommit={(q) => {
                const current = url.current();
                if ((current.params.q ?? "") !== (q ?? "")) url.change({ q }, "replace", current);
              }}
            />
            <UserFilters params={{ ...params, filter }} features={features} teamLabel={teamLabel} onChange={(change) => url.change(change)} />
            {query.isFetching && !loadingNewPage ? <Spinner label="Refreshing" className="text-muted-foreground" /> : null}
            {canExport ? (
              <div className="ml-auto">
                <ExportUsers params={{ ...params, filter, sort }} viewName={openView && openView.search === filterSearch(params) ? openView.name : null} />
              </div>
            ) : null}
            <RoleGate action="importUsers" hide>
              <Link href="/users/import" className={buttonVariants({ variant: "outline", size: "sm" })}>
                <FileUp aria-hidden /> Import CSV
              </Link>
            </RoleGate>
            <RoleGate action="createUser" className={canExport ? undefined : "ml-auto"}>
              <Button
                onPointerEnter={() => void loadCreateDialog()}
                onFocus={() => void loadCreateDialog()}
                onClick={() => {
                  setCreateMounted(true);
                  setCreateOpen(true);
                }}
              >
                <Plus aria-hidden />
                Create user
              </Button>
            </RoleGate>
          </>
        }
        empty={
          searching ? (
            <EmptyState
              icon={SearchX}
              title="No users match"
              description={params.q ? `Nothing matches “${params.q}” with these filters. Try part of an e-mail, a name or a full id.` : "No user matches these filters."}
              action={
                <Button variant="outline" onClick={() => url.change({ ...usersUrl.defaults, sort: params.sort, asc: params.asc, pageSize: params.pageSize })}>
                  Clear search
                </Button>
              }
            />
          ) : (
            <EmptyState icon={Users} title="No users yet" description="Users appear here when they sign up, or when you create one." />
          )
        }
        pagination={{
          page: url.page,
          canPrevious: Boolean(params.cursor),
          canNext: Boolean(data?.nextCursor) && !loadingNewPage,
          onPrevious: url.previous,
          onNext: () => data?.nextCursor && url.next(data.nextCursor),
          pageSize: params.pageSize,
          pageSizes: USER_PAGE_SIZES,
          onPageSizeChange: (size) => url.change({ pageSize: size as UserListParams["pageSize"] }),
        }}
      />
      {createMounted ? <CreateUserDialog open={createOpen} onOpenChange={setCreateOpen} onCreated={onCreated} /> : null}
      {deleteDialog.dialog}
    </>
  );
}
