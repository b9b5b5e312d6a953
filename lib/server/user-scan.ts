import "server-only";

import type { StackPage } from "@/lib/stack/util";

// Filters Stack has no parameter for (verified e-mail, included domains, restricted only …) are
// applied by the console over the pages it reads. A page of the table is then assembled from one
// or more upstream pages, so its next cursor may point into the middle of an upstream page:
// `<upstream cursor>~<rows to skip>`. Upstream cursors are opaque (a user id today) and never
// hold "~"; the upstream page size is a function of the table's page size, so re-reading the
// same upstream page later gives the same rows to skip.

/** Upstream reads per request at most: a sparse filter answers a short page with a next cursor rather than scan the whole project at once. */
export const MAX_SCAN_READS = 5;

/** Upstream page size for a console-filtered page of `limit` rows (Stack caps `limit` at 1000). */
export const scanBatch = (limit: number) => Math.min(1000, Math.max(limit, 200));

export type ScanCursor = { upstream: string | undefined; skip: number };

export function decodeScanCursor(cursor: string | undefined, batch: number): ScanCursor {
  if (!cursor) return { upstream: undefined, skip: 0 };
  const at = cursor.lastIndexOf("~");
  if (at < 0) return { upstream: cursor, skip: 0 };
  const skip = Number(cursor.slice(at + 1));
  const upstream = cursor.slice(0, at) || undefined;
  // A hand-made skip outside the page is ignored rather than trusted.
  return { upstream, skip: Number.isInteger(skip) && skip > 0 && skip < batch ? skip : 0 };
}

export function encodeScanCursor(c: ScanCursor): string | null {
  if (c.skip === 0) return c.upstream ?? null;
  return `${c.upstream ?? ""}~${c.skip}`;
}

export type ScanResult<T> = { items: T[]; nextCursor: string | null; scanned: number; partial: boolean };

/**
 * Up to `limit` rows that `keep` accepts, starting at `cursor`, reading upstream pages of
 * `scanBatch(limit)` until the page is full, the list ends, or MAX_SCAN_READS pages were read
 * (`partial`: the next cursor continues the scan).
 */
export async function scanPages<T>(
  read: (cursor: string | undefined, limit: number) => Promise<StackPage<T>>,
  keep: (row: T) => boolean,
  cursor: string | undefined,
  limit: number,
  maxReads = MAX_SCAN_READS,
): Promise<ScanResult<T>> {
  const batch = scanBatch(limit);
  let at = decodeScanCursor(cursor, batch);
  const items: T[] = [];
  let scanned = 0;
  for (let reads = 0; reads < maxReads; reads++) {
    const page = await read(at.upstream, batch);
    for (let i = at.skip; i < page.items.length; i++) {
      scanned++;
      const row = page.items[i]!;
      if (!keep(row)) continue;
      items.push(row);
      if (items.length === limit) {
        const next = i + 1 < page.items.length ? encodeScanCursor({ upstream: at.upstream, skip: i + 1 }) : page.nextCursor;
        return { items, nextCursor: next, scanned, partial: false };
      }
    }
    if (!page.nextCursor) return { items, nextCursor: null, scanned, partial: false };
    at = { upstream: page.nextCursor, skip: 0 };
  }
  return { items, nextCursor: encodeScanCursor(at), scanned, partial: true };
}
