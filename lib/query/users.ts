import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { UserPage } from "@/lib/users-dto";
import { usersUrl, type UserListParams } from "@/lib/url-state/users";
import { fetchJson } from "./fetch-json";

// Key factory for users reads; mutations invalidate `usersKeys.all`.
export const usersKeys = {
  all: ["users"] as const,
  lists: () => [...usersKeys.all, "list"] as const,
  /** Keyed by the non-default values only, so `?pageSize=25` and `` share a cache entry. */
  list: (params: UserListParams) => [...usersKeys.lists(), usersUrl.changed(params)] as const,
};

export function usersListQuery(params: UserListParams) {
  return queryOptions({
    queryKey: usersKeys.list(params),
    queryFn: ({ signal }) => fetchJson<UserPage>(`/api/users${usersUrl.search({ params, trail: [] })}`, signal),
    placeholderData: keepPreviousData,
  });
}
