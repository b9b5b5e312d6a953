/** The columns a users CSV export may carry, in file order; named like Stack's user fields. */
export const USER_EXPORT_COLUMNS = [
  "id",
  "primary_email",
  "primary_email_verified",
  "display_name",
  "signed_up_at",
  "last_active_at",
  "auth_methods",
  "is_anonymous",
  "is_restricted",
] as const;
export type UserExportColumn = (typeof USER_EXPORT_COLUMNS)[number];

export const USER_EXPORT_COLUMN_LABELS: Record<UserExportColumn, string> = {
  id: "User id",
  primary_email: "Primary e-mail",
  primary_email_verified: "E-mail verified",
  display_name: "Display name",
  signed_up_at: "Signed up",
  last_active_at: "Last active",
  auth_methods: "Sign-in methods",
  is_anonymous: "Anonymous",
  is_restricted: "Restricted",
};

const isColumn = (v: string): v is UserExportColumn => (USER_EXPORT_COLUMNS as readonly string[]).includes(v);

/**
 * The `columns` query values of an export request, kept in file order. None means every column;
 * an unknown name is an error (a typo must not silently drop data from the file).
 */
export function parseExportColumns(raw: readonly string[]): { ok: true; columns: UserExportColumn[] } | { ok: false; unknown: string[] } {
  if (raw.length === 0) return { ok: true, columns: [...USER_EXPORT_COLUMNS] };
  const unknown = raw.filter((v) => !isColumn(v));
  if (unknown.length > 0) return { ok: false, unknown: unknown.slice(0, 5).map((v) => v.slice(0, 40)) };
  const wanted = new Set(raw);
  return { ok: true, columns: USER_EXPORT_COLUMNS.filter((c) => wanted.has(c)) };
}

/** What GET /api/users/export/progress answers about one export. */
export type ExportProgress = { state: "running" | "done" | "failed"; rows: number; total: number | null; message: string | null };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The browser names each export with a random id (`progress`) to poll its progress by. */
export const isProgressId = (v: string | null): v is string => v !== null && UUID_RE.test(v);
