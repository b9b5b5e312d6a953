import "server-only";

import type { UserExportColumn } from "@/lib/schemas/export";
import { listUserPage } from "@/lib/server/users";
import type { StackClient } from "@/lib/stack/client";
import type { UserListParams } from "@/lib/url-state/users";
import type { UserPage, UserRow } from "@/lib/users-dto";

/** Stack caps `limit` at 1000: the fewest round trips (each one a deeper cursor for the server). */
export const EXPORT_BATCH = 1000;

/**
 * Every user matching the table's filter and sort, page after page from the first. The first
 * page is read before the generator is returned, so a failing server is an error the route can
 * answer with a status, not a truncated file. The next page is requested as soon as a page
 * arrives, so Stack works on it while this one is written out: at most two pages are held.
 */
export async function openUserWalk(client: StackClient, params: UserListParams, batch = EXPORT_BATCH): Promise<AsyncGenerator<UserRow>> {
  const read = (cursor: string | undefined) => listUserPage(client, { ...params, cursor }, batch);
  const first = await read(undefined);
  async function* walk(): AsyncGenerator<UserRow> {
    let page: UserPage = first;
    for (;;) {
      const next = page.nextCursor ? read(page.nextCursor) : null;
      // A reader that stops early (a closed download) leaves the read in flight: not unhandled.
      next?.catch(() => {});
      yield* page.items;
      if (!next) return;
      page = await next;
    }
  }
  return walk();
}

const iso = (millis: number) => (millis > 0 ? new Date(millis).toISOString() : "");

const CELLS: Record<UserExportColumn, (u: UserRow) => string> = {
  id: (u) => u.id,
  primary_email: (u) => u.primaryEmail ?? "",
  primary_email_verified: (u) => String(u.primaryEmailVerified),
  display_name: (u) => u.displayName ?? "",
  signed_up_at: (u) => iso(u.signedUpAt),
  last_active_at: (u) => iso(u.lastActiveAt),
  auth_methods: (u) => u.authMethods.join(" "),
  is_anonymous: (u) => String(u.isAnonymous),
  is_restricted: (u) => String(u.isRestricted),
};

/** One CSV record of a user: the chosen columns, in the order given. */
export function userCsvRecord(u: UserRow, columns: readonly UserExportColumn[]): string[] {
  return columns.map((c) => CELLS[c](u));
}
