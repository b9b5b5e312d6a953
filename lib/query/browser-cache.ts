// The tab's React Query cache seen from pages that don't read through React Query (a detail
// page): after a write they only mark cached reads stale, so they import this, not React Query
// (~10 KB gzipped).

type Invalidator = { invalidateQueries: () => Promise<void> };
let browserClient: Invalidator | null = null;

/** Called by ./query-client.ts when the browser's QueryClient is created. */
export function registerBrowserQueryClient(client: Invalidator) {
  browserClient = client;
}

/**
 * Marks every cached read stale (a write may change any list: the user's row, a team's members),
 * so a list refetches when it shows again. Nothing to do when no list has been opened in this
 * tab (there is no client, hence no cache, yet).
 */
export function invalidateCachedReads(): Promise<void> {
  return browserClient?.invalidateQueries() ?? Promise.resolve();
}
