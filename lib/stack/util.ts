import "server-only";

import type { ListEnvelope } from "@/lib/stack/schemas";

/** A page of a cursor-paginated list. Treat `nextCursor` as opaque (`pagination.next_cursor`). */
export interface StackPage<T> {
  items: T[];
  /** null when there are no more pages, or when the endpoint is not paginated. */
  nextCursor: string | null;
  isPaginated: boolean;
}

export function toPage<T>(env: ListEnvelope<T>): StackPage<T> {
  return {
    items: env.items,
    nextCursor: env.pagination?.next_cursor ?? null,
    isPaginated: env.is_paginated ?? false,
  };
}

/** Drop undefined keys so "omitted" really is omitted on the wire (PATCH semantics). */
export function compact<T extends object>(body: T): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<T>;
}
