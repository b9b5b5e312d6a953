"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { flexRender, getCoreRowModel, useReactTable, type SortingState, type Updater } from "@tanstack/react-table";
import { Plus, Search, SearchX, Users } from "lucide-react";
import dynamic from "next/dynamic";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { toast } from "@/components/ui/toast";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { SkeletonRows } from "@/components/data-table/data-table-skeleton";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/query/fetch-json";
import { usersKeys, usersListQuery } from "@/lib/query/users";
import type { UserListParams } from "@/lib/schemas/users";
import type { UserListFeatures, UserPage, UserRow } from "@/lib/users-dto";
import type { CreatedUser } from "./create-user-dialog";
import { useCan } from "./permissions";
import { useDeleteUserDialog } from "./use-delete-user-dialog";
import { columnForSort, SORTABLE_COLUMNS, userColumns } from "./user-columns";
import { DEFAULT_PAGE_SIZE, normalizeParams, PAGE_SIZES, pageNumber, parseUsersUrl, usersUrlSearch, type UsersUrlState } from "./users-url";

// RHF + zod live in the dialog's chunk, loaded on first open (not in the list's initial JS).
const loadCreateDialog = () => import("./create-user-dialog");
const CreateUserDialog = dynamic(() => loadCreateDialog().then((m) => m.CreateUserDialog), { ssr: false });

const SEARCH_DEBOUNCE_MS = 300;

/** Writes table state to the URL; Next syncs useSearchParams without a server round trip. */
function writeUrl(next: UsersUrlState, mode: "push" | "replace") {
  const url = `${window.location.pathname}${usersUrlSearch(next)}`;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

/** State changes other than page moves start again at page 1. */
function resetPaging(state: UsersUrlState, changes: Partial<UserListParams>): UsersUrlState {
  return { params: { ...state.params, ...changes, cursor: undefined }, trail: [] };
}

const sameParams = (a: UserListParams, b: UserListParams) => JSON.stringify(normalizeParams(a)) === JSON.stringify(normalizeParams(b));

export function UsersTable({
  initialParams,
  initialData,
  initialError,
  features,
}: {
  initialParams: UserListParams;
  initialData: UserPage | null;
  initialError: { code: string; message: string } | null;
  features: UserListFeatures;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const searchParams = useSearchParams();
  const state = useMemo(() => parseUsersUrl(new URLSearchParams(searchParams.toString())), [searchParams]);
  const { params } = state;
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

  // Search box: local text, committed to the URL (replaceState) after a pause.
  const searchId = useId();
  const filterId = useId();
  const urlQ = params.q ?? "";
  const [text, setText] = useState(urlQ);
  const [syncedQ, setSyncedQ] = useState(urlQ);
  if (urlQ !== syncedQ) {
    // The URL changed from outside (back button, reset): follow it.
    setSyncedQ(urlQ);
    setText(urlQ);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  function onSearchChange(value: string) {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const current = parseUsersUrl(new URLSearchParams(window.location.search));
      const q = value.trim() || undefined;
      if ((current.params.q ?? "") === (q ?? "")) return;
      setSyncedQ(q ?? "");
      writeUrl(resetPaging(current, { q }), "replace");
    }, SEARCH_DEBOUNCE_MS);
  }

  // What the server lacks is not offered (the server ignores it too): see lib/server/users.ts.
  const sort = params.sort === "last_active_at" && !features.lastActiveSort ? "signed_up_at" : (params.sort ?? "signed_up_at");
  const filter = features.anonymousFilter ? params.filter : undefined;
  const columns = useMemo(
    () => (features.lastActiveSort ? userColumns : userColumns.map((c) => (c.id === "lastActiveAt" ? { ...c, enableSorting: false } : c))),
    [features.lastActiveSort],
  );
  const missing = [!features.lastActiveSort && "sort by last activity", !features.anonymousFilter && "list anonymous users"].filter(Boolean);
  const sorting: SortingState = [{ id: columnForSort(sort), desc: params.asc !== "1" }];
  function onSortingChange(updater: Updater<SortingState>) {
    const next = (typeof updater === "function" ? updater(sorting) : updater)[0];
    const sort = next ? SORTABLE_COLUMNS[next.id] : undefined;
    if (!next || !sort) return;
    writeUrl(resetPaging(state, { sort, asc: next.desc ? undefined : "1" }), "push");
  }

  const openRow = (u: UserRow) => router.push(`/users/${u.id}`);
  const refetchUsers = () => queryClient.invalidateQueries({ queryKey: usersKeys.all });
  const deleteDialog = useDeleteUserDialog(() => void refetchUsers());
  const canCreate = useCan("createUserAction");
  const canDelete = useCan("deleteUserAction");

  // TanStack Table v8 returns fresh functions each render; we don't run the React Compiler, so this is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange,
    meta: { openRow, requestDelete: canDelete ? (u) => deleteDialog.openFor(u) : undefined },
  });

  const [createMounted, setCreateMounted] = useState(false);
  const [createOpen, setCreateOpen] = useState(false);
  function onCreated(user: CreatedUser) {
    toast.success(`Created ${user.primaryEmail ?? user.displayName ?? "user"}`, {
      action: { label: "Open", onClick: () => router.push(`/users/${user.id}`) },
    });
    void refetchUsers();
  }

  const page = pageNumber(state);
  const rows = table.getRowModel().rows;
  const searching = Boolean(params.q) || filter === "anonymous";
  // Nothing to page through: a failed first load, or an empty first page (the empty state says why).
  const showPager = !(error && !data) && !(data && data.items.length === 0 && !params.cursor && !loadingNewPage);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-56 flex-1 gap-1.5 sm:max-w-sm">
          <label htmlFor={searchId} className="sr-only">
            Search users
          </label>
          <div className="relative">
            <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
            <Input
              id={searchId}
              type="search"
              placeholder="Search by e-mail, name or id"
              value={text}
              onChange={(e) => onSearchChange(e.target.value)}
              className="pl-8"
            />
          </div>
        </div>
        {features.anonymousFilter ? (
          <div className="flex items-center gap-2">
            <label htmlFor={filterId} className="text-sm text-muted-foreground">
              Show
            </label>
            <Select
              id={filterId}
              value={filter ?? "all"}
              onChange={(e) => writeUrl(resetPaging(state, { filter: e.target.value === "anonymous" ? "anonymous" : undefined }), "push")}
              className="w-48"
            >
              <option value="all">Signed-up users</option>
              <option value="anonymous">Anonymous only</option>
            </Select>
          </div>
        ) : null}
        {query.isFetching && !loadingNewPage ? <Spinner label="Refreshing" className="text-muted-foreground" /> : null}
        {canCreate ? (
          <Button
            className="ml-auto"
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
        ) : null}
      </div>

      {missing.length > 0 ? <p className="text-sm text-muted-foreground">This Stack server is an older release that can&apos;t {missing.join(" or ")}.</p> : null}

      {error ? (
        <div className="flex flex-wrap items-start gap-3">
          <ErrorBanner title="Could not load users" message={error.message} code={error.code} className="min-w-64 flex-1" />
          <Button variant="outline" loading={query.isFetching} onClick={() => void query.refetch()}>
            Retry
          </Button>
        </div>
      ) : null}

      {!error && data && data.items.length === 0 && !loadingNewPage ? (
        searching ? (
          <EmptyState
            icon={SearchX}
            title="No users match"
            description={params.q ? `Nothing matches “${params.q}”. Try part of an e-mail, a name or a full id.` : "There are no anonymous users."}
            action={
              <Button variant="outline" onClick={() => writeUrl(resetPaging(state, { q: undefined, filter: undefined }), "push")}>
                Clear search
              </Button>
            }
          />
        ) : (
          <EmptyState icon={Users} title="No users yet" description="Users appear here when they sign up, or when you create one." />
        )
      ) : !error || data ? (
        <div className="@container relative overflow-x-auto rounded-lg border" aria-busy={loadingNewPage || undefined}>
          <table className="w-full min-w-[44rem] text-sm @4xl:min-w-[52rem]">
            <caption className="sr-only">Users, page {page}. Select a row to open the user.</caption>
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
            <tbody>
              {loadingNewPage ? (
                <SkeletonRows columns={userColumns} rows={Math.min(params.pageSize ?? DEFAULT_PAGE_SIZE, 10)} />
              ) : (
                rows.map((row) => (
                  <tr
                    key={row.id}
                    tabIndex={0}
                    aria-label={`Open ${row.original.displayName ?? row.original.primaryEmail ?? row.original.id}`}
                    onClick={(e) => {
                      // Dialogs are portalled: their clicks bubble here through React, not the DOM.
                      if (!e.currentTarget.contains(e.target as Node)) return;
                      // The row menu is a popover inside the row: clicks on it (even between items) aren't row clicks.
                      if ((e.target as HTMLElement).closest("a,button,input,select,[role=menu],[role=menuitem]")) return;
                      openRow(row.original);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === "Enter" && e.target === e.currentTarget) openRow(row.original);
                    }}
                    className="cursor-pointer border-b transition-colors last:border-0 hover:bg-muted/50 focus-visible:bg-muted/50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring"
                  >
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id} className={cn("px-3 py-2.5 align-middle", cell.column.columnDef.meta?.className)}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      ) : null}

      {showPager ? (
        <DataTablePagination
          page={page}
          rowsOnPage={loadingNewPage ? 0 : rows.length}
          canPrevious={Boolean(params.cursor)}
          canNext={Boolean(data?.nextCursor) && !loadingNewPage}
          onPrevious={() => {
            const trail = state.trail.slice(0, -1);
            const cursor = state.trail.at(-1);
            writeUrl({ params: { ...params, cursor }, trail: cursor ? trail : [] }, "push");
          }}
          onNext={() => {
            if (!data?.nextCursor) return;
            writeUrl({ params: { ...params, cursor: data.nextCursor }, trail: params.cursor ? [...state.trail, params.cursor] : [] }, "push");
          }}
          pageSize={params.pageSize ?? DEFAULT_PAGE_SIZE}
          pageSizes={PAGE_SIZES}
          onPageSizeChange={(size) => writeUrl(resetPaging(state, { pageSize: size === DEFAULT_PAGE_SIZE ? undefined : size }), "push")}
        />
      ) : null}

      {createMounted ? <CreateUserDialog open={createOpen} onOpenChange={setCreateOpen} onCreated={onCreated} /> : null}
      {deleteDialog.dialog}
    </div>
  );
}
