import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { normalizeParams, usersUrlSearch } from "@/lib/users-url";
import type { UserListParams } from "@/lib/schemas/users";
import type { UserPage } from "@/lib/users-dto";
import { fetchJson } from "./fetch-json";
import { USERS_QUERY_ROOT } from "./users-cache";

// Key factory for users reads; mutations invalidate `usersKeys.all`.
export const usersKeys = {
  all: USERS_QUERY_ROOT,
  lists: () => [...usersKeys.all, "list"] as const,
  list: (params: UserListParams) => [...usersKeys.lists(), normalizeParams(params)] as const,
};

export function usersListQuery(params: UserListParams) {
  const p = normalizeParams(params);
  return queryOptions({
    queryKey: usersKeys.list(p),
    queryFn: ({ signal }) => fetchJson<UserPage>(`/api/users${usersUrlSearch({ params: p, trail: [] })}`, signal),
    placeholderData: keepPreviousData,
  });
}
