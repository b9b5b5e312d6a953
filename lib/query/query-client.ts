import { QueryClient } from "@tanstack/react-query";
import { registerBrowserQueryClient } from "./browser-cache";

const makeClient = () =>
  new QueryClient({
    defaultOptions: {
      // One freshness rule for every query (paging back within 30 s is served from cache).
      queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
    },
  });

let browserClient: QueryClient | undefined;

/**
 * One QueryClient per browser tab (it outlives page changes, so the list keeps its cache while
 * the operator visits a user), and a fresh one for every server render (never shared between
 * requests, so one operator's reads can't reach another's page).
 */
export function getQueryClient(): QueryClient {
  if (typeof window === "undefined") return makeClient();
  if (!browserClient) {
    browserClient = makeClient();
    registerBrowserQueryClient(browserClient);
  }
  return browserClient;
}
