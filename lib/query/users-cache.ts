// The users cache seen from pages that don't read through React Query (the user page): they
// only mark the list stale after a write, so they import this, not React Query (~10 KB gzipped).

/** Root of every users query key: `usersKeys.all`. */
export const USERS_QUERY_ROOT = ["users"] as const;

type Invalidator = { invalidateQueries: (filters: { queryKey: readonly unknown[] }) => Promise<void> };
let browserClient: Invalidator | null = null;

/** Called by lib/query/query-client.ts when the browser's QueryClient is created. */
export function registerBrowserQueryClient(client: Invalidator) {
  browserClient = client;
}

/**
 * Marks every cached users read stale, so the list refetches when it shows again. Nothing to do
 * when the list hasn't been opened in this tab (there is no client, hence no cache, yet).
 */
export function invalidateUsersQueries(): Promise<void> {
  return browserClient?.invalidateQueries({ queryKey: USERS_QUERY_ROOT }) ?? Promise.resolve();
}
