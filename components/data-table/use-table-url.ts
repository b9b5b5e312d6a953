"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useTransition } from "react";
import type { Field, TableUrl, TableUrlState } from "@/lib/url-state/define";

type Fields = Record<string, Field<unknown>>;

/**
 * A table's URL state, read with the table's one parser and written back on change.
 * - "client": the table fetches its pages itself (React Query); history.pushState/replaceState
 *   update the URL and useSearchParams without a server round trip.
 * - "server": the page renders the rows; a router navigation re-renders it (`pending` meanwhile).
 */
export function useTableUrl<F extends Fields>(url: TableUrl<F>, mode: "client" | "server") {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const state = useMemo(() => url.parse(searchParams), [url, searchParams]);

  function write(next: TableUrlState<F>, how: "push" | "replace" = "push") {
    const href = `${window.location.pathname}${url.search(next)}`;
    if (mode === "server") startTransition(() => (how === "push" ? router.push(href, { scroll: false }) : router.replace(href, { scroll: false })));
    else if (how === "push") window.history.pushState(null, "", href);
    else window.history.replaceState(null, "", href);
  }

  return {
    state,
    pending,
    page: url.pageNumber(state),
    /** The state as the address bar has it now (a debounced write must not undo a newer one). */
    current: () => url.parse(new URLSearchParams(window.location.search)),
    /** A change of sort, filter, search or page size: back to page 1. */
    change: (changes: Parameters<TableUrl<F>["reset"]>[1], how: "push" | "replace" = "push", from: TableUrlState<F> = state) => write(url.reset(from, changes), how),
    next: (cursor: string) => write(url.next(state, cursor)),
    previous: () => write(url.previous(state)),
  };
}
