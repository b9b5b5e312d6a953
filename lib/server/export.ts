import "server-only";

import { stringify } from "csv-stringify/sync";
import type { UserExportColumn } from "@/lib/schemas/export";
import type { ExportProgress } from "@/lib/schemas/export";
import { listUserPage } from "@/lib/server/users";
import { getCapabilities } from "@/lib/stack/capabilities";
import type { StackClient } from "@/lib/stack/client";
import { getUserCounts } from "@/lib/stack/metrics";
import type { UserListParams } from "@/lib/url-state/users";
import type { UserRow } from "@/lib/users-dto";

/** Stack caps `limit` at 1000: the fewest round trips (each one a deeper cursor for the server). */
export const EXPORT_BATCH = 1000;

/**
 * Every user matching the table's filter and sort, a page at a time from the first, each page
 * through `map` as soon as it arrives. The first page is read before the generator is returned,
 * so a failing server is an error the route can answer with a status, not a truncated file. The
 * next page is requested as soon as a page is handed out, so Stack works on it while this one is
 * written: at most two pages are held, and none is requested after the reader stops (`return()`,
 * a closed download). Each user is checked for a row's fields only (userRowSchema).
 */
export async function openUserPages<T>(client: StackClient, params: UserListParams, map: (rows: UserRow[]) => T, batch = EXPORT_BATCH): Promise<AsyncGenerator<T>> {
  const read = (cursor: string | undefined) =>
    listUserPage(client, { ...params, cursor }, batch, "row").then((page) => ({ out: map(page.items), nextCursor: page.nextCursor }));
  const first = await read(undefined);
  async function* walk(): AsyncGenerator<T> {
    let page = first;
    for (;;) {
      const next = page.nextCursor ? read(page.nextCursor) : null;
      // A reader that stops early (a closed download) leaves the read in flight: not unhandled.
      next?.catch(() => {});
      yield page.out;
      if (!next) return;
      page = await next;
    }
  }
  return walk();
}

/** openUserPages, a user at a time (for walks that keep ids, not files). */
export async function openUserWalk(client: StackClient, params: UserListParams, batch = EXPORT_BATCH): Promise<AsyncGenerator<UserRow>> {
  const pages = await openUserPages(client, params, (rows) => rows, batch);
  return (async function* () {
    for await (const page of pages) yield* page;
  })();
}

// A Date and its toISOString per date cell cost an eighth of the export's CPU (Next wraps the
// global Date, too). Dates of a million users fall on far fewer days: the date part comes from
// toISOString once per day, the time of day is arithmetic on the same milliseconds.
const DAY_MS = 86_400_000;
const MAX_DAYS_KEPT = 20_000;
const dayPrefixes = new Map<number, string>();
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `new Date(millis).toISOString()` for a positive time (the same string), "" for none. */
export function isoTime(millis: number): string {
  if (!(millis > 0)) return "";
  if (!Number.isSafeInteger(millis) || millis > 8.64e15) return new Date(millis).toISOString();
  const day = Math.floor(millis / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= MAX_DAYS_KEPT) dayPrefixes.clear();
    // "…T00:00:00.000Z" less its 13 characters of time (the year may be longer than four digits).
    prefix = new Date(day * DAY_MS).toISOString().slice(0, -13);
    dayPrefixes.set(day, prefix);
  }
  const t = millis - day * DAY_MS;
  return `${prefix}${pad(Math.floor(t / 3_600_000), 2)}:${pad(Math.floor(t / 60_000) % 60, 2)}:${pad(Math.floor(t / 1000) % 60, 2)}.${pad(t % 1000, 3)}Z`;
}

const CELLS: Record<UserExportColumn, (u: UserRow) => string> = {
  id: (u) => u.id,
  primary_email: (u) => u.primaryEmail ?? "",
  primary_email_verified: (u) => String(u.primaryEmailVerified),
  display_name: (u) => u.displayName ?? "",
  signed_up_at: (u) => isoTime(u.signedUpAt),
  last_active_at: (u) => isoTime(u.lastActiveAt),
  auth_methods: (u) => u.authMethods.join(" "),
  is_anonymous: (u) => String(u.isAnonymous),
  is_restricted: (u) => String(u.isRestricted),
};

/**
 * A cell a spreadsheet would read as a formula (= + - @, and tab or carriage return, which some
 * strip first) gets a leading apostrophe, so opening the file runs nothing a user typed into
 * their name (https://owasp.org/www-community/attacks/CSV_Injection).
 */
export function neutraliseCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** One CSV record of a user: the chosen columns, in the order given. */
export function userCsvRecord(u: UserRow, columns: readonly UserExportColumn[]): string[] {
  return columns.map((c) => neutraliseCell(CELLS[c](u)));
}

export type CsvProgress = { rows(n: number): void; done(): void; failed(err: unknown): void };

// Records per stringify: a page's CSV in one string (~150 KB) is a large object, which V8 keeps
// in the old generation until a full collection; pieces this size die young.
const CSV_SLICE_ROWS = 200;

/**
 * The CSV file of every user the walk finds, as a byte stream. Each page becomes its CSV bytes
 * the moment it arrives, so its parsed users die young (what waits for the download is bytes, not
 * objects the collector would promote). A pull source: the next page is taken from the walk only
 * when the reader has taken the chunk before (a web stream pulls while its queue is under its
 * high-water mark of one chunk, https://streams.spec.whatwg.org/#rs-model), so a slow download
 * holds the walk back; a cancelled stream (the download closed) ends it. The bytes are those of
 * one `stringify` of every record, header first.
 */
export async function openUserCsv(
  client: StackClient,
  params: UserListParams,
  columns: readonly UserExportColumn[],
  progress?: CsvProgress,
  batch = EXPORT_BATCH,
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const options = { columns: [...columns] };
  let header = true;
  const toCsv = (rows: UserRow[]): Uint8Array | null => {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < rows.length; i += CSV_SLICE_ROWS) {
      const csv = stringify(rows.slice(i, i + CSV_SLICE_ROWS).map((u) => userCsvRecord(u, columns)), { ...options, header });
      header = false;
      parts.push(encoder.encode(csv));
    }
    progress?.rows(rows.length);
    return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  };
  const pages = await openUserPages(client, params, toCsv, batch);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // A pull that enqueues nothing is not called again: read on past empty pages (a
      // console-filtered walk can have some) until there is a chunk or the end.
      for (;;) {
        let next: IteratorResult<Uint8Array | null>;
        try {
          next = await pages.next();
        } catch (err) {
          progress?.failed(err);
          controller.error(err);
          return;
        }
        if (next.done) {
          // No record at all: the file is what one stringify of nothing writes (the header).
          if (header) controller.enqueue(encoder.encode(stringify([], { ...options, header })));
          progress?.done();
          controller.close();
          return;
        }
        if (!next.value) continue;
        controller.enqueue(next.value);
        return;
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}

/**
 * How many users the export will write, where Stack can say without a walk: the whole list, or
 * all anonymous users (GET /internal/metrics/user-counts, newer releases). Any other filter has
 * no count upstream: null.
 */
export async function knownExportTotal(client: StackClient, params: UserListParams): Promise<number | null> {
  const unfiltered = !params.q && !params.team && params.verified === "any" && params.restricted === "include" && params.domain.length === 0 && params.xdomain.length === 0;
  if (!unfiltered) return null;
  try {
    const caps = await getCapabilities(client, client.projectSlug);
    if (!caps.userCounts || !caps.userList.anonymousFilter) return null;
    const counts = await getUserCounts(client);
    if (params.filter === "everyone") return counts.totalUsers;
    if (params.filter === "anonymous") return counts.anonymousUsers;
    return counts.totalUsers - counts.anonymousUsers;
  } catch {
    return null;
  }
}

// Progress of running exports, for the browser's readout (GET /api/users/export/progress). The
// file itself goes to the browser's own download (memory bounded, shown in its download bar);
// this counter is the "rows so far" beside it. Per process: behind several replicas, route the
// progress poll to the same one (sticky sessions) or it answers "unknown".
const MAX_TRACKED = 500;
const KEEP_MS = 60 * 60 * 1000;
const progress = new Map<string, ExportProgress & { owner: string; at: number }>();

export function trackExport(id: string, owner: string, total: number | null) {
  const now = Date.now();
  for (const [k, v] of progress) if (now - v.at > KEEP_MS || progress.size >= MAX_TRACKED) progress.delete(k);
  const entry = { state: "running" as ExportProgress["state"], rows: 0, total, message: null as string | null, owner, at: now };
  progress.set(id, entry);
  return {
    rows: (n: number) => void (entry.rows += n),
    knownTotal: (n: number | null) => void (entry.total = n),
    done: () => void (entry.state = "done"),
    failed: (message: string) => {
      entry.state = "failed";
      entry.message = message;
    },
  };
}

/** A refused or failed start, for the readout (the browser gets an error page it does not show). */
export function exportRefused(id: string, owner: string, message: string) {
  trackExport(id, owner, null).failed(message);
}

/** The progress of the operator's own export; null for an unknown id or someone else's. */
export function exportProgress(id: string, owner: string): ExportProgress | null {
  const p = progress.get(id);
  if (!p || p.owner !== owner) return null;
  return { state: p.state, rows: p.rows, total: p.total, message: p.message };
}
