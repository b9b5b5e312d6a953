import "server-only";

import { CsvError, parse } from "csv-parse/sync";
import { z } from "zod";
import type { ImportPreviewDto, ImportRowError, ImportSampleRow } from "@/lib/import-dto";
import { IMPORT_TARGET_LABELS, METADATA_TARGETS, type ImportMapping, type MetadataTarget } from "@/lib/import-presets";
import { IMPORT_MAX_COLUMNS, IMPORT_MAX_ROWS } from "@/lib/schemas/import";
import { createUserSchema, isBcryptHash, type CreateUserInput } from "@/lib/schemas/users";
import { ActionRefusal } from "@/lib/server/failure";
import { getCapabilities } from "@/lib/stack/capabilities";
import type { StackClient } from "@/lib/stack/client";
import { listUsers } from "@/lib/stack/users";

// Parse and validate a users CSV against a column mapping. Nothing here writes: the preview
// shows the result, and the import job (lib/server/import-run.ts) gets the valid rows.

/** One user to create, with its row number in the file (1 = the first record, header included). */
export type ImportItem = { row: number; user: CreateUserInput };

const PREVIEW_ERRORS = 200;
const PREVIEW_SAMPLE = 20;
/** How many valid rows the preview looks up in the project (each costs a Stack read). */
export const PREVIEW_LOOKUPS = 200;
const LOOKUP_CONCURRENCY = 4;

/** The file's records as text cells. Refuses what is not CSV, or more rows than the import takes. */
export function parseCsv(data: Buffer): string[][] {
  if (data.includes(0)) throw new ActionRefusal("BAD_CSV", "The file is not text (it contains NUL bytes). Upload a CSV file.");
  let rows: string[][];
  try {
    rows = parse(data, {
      bom: true,
      // Exports differ: Firebase ends every line with a comma, hand-made files drop trailing empties.
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 1_000_000,
      // Header + the limit + one more, to tell "too many" from "exactly the limit".
      to: IMPORT_MAX_ROWS + 2,
    }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) throw new ActionRefusal("BAD_CSV", `The file is not valid CSV: ${err.message}`);
    throw err;
  }
  if (rows.length === 0) throw new ActionRefusal("EMPTY_FILE", "The file has no rows.");
  if (rows[0]!.length > IMPORT_MAX_COLUMNS) throw new ActionRefusal("TOO_MANY_COLUMNS", `The file has ${rows[0]!.length} columns; the import reads at most ${IMPORT_MAX_COLUMNS}.`);
  return rows;
}

const dataRows = (rows: string[][], mapping: ImportMapping) => (mapping.hasHeader ? rows.slice(1) : rows);

function tooManyRows(rows: string[][], mapping: ImportMapping) {
  if (dataRows(rows, mapping).length > IMPORT_MAX_ROWS) {
    throw new ActionRefusal("TOO_MANY_ROWS", `The file has more than ${IMPORT_MAX_ROWS.toLocaleString("en")} users. Split it and import the parts one after another.`);
  }
}

/** Why a mapping cannot be used, or null. Checked before any row. */
export function mappingProblem(mapping: ImportMapping): string | null {
  const count = (t: string, whole = false) => mapping.columns.filter((c) => c.target === t && (!whole || !c.key)).length;
  if (count("primaryEmail") === 0) return "Map a column to the primary e-mail: the import matches users by e-mail, so each row needs one.";
  for (const t of ["primaryEmail", "primaryEmailVerified", "passwordHash", "passwordHasher"] as const) {
    if (count(t) > 1) return `Only one column can be “${IMPORT_TARGET_LABELS[t]}”.`;
  }
  for (const t of METADATA_TARGETS) {
    if (count(t, true) > 1) return `Only one column can hold the whole ${IMPORT_TARGET_LABELS[t].toLowerCase()} as JSON; give the others a key to fold them in.`;
    const keys = mapping.columns.filter((c) => c.target === t && c.key).map((c) => c.key!);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) return `Two columns fold into ${IMPORT_TARGET_LABELS[t].toLowerCase()} under the same key “${dup}”.`;
  }
  return null;
}

const email = z.email();
const TRUE = new Set(["true", "t", "1", "yes", "y"]);
const FALSE = new Set(["false", "f", "0", "no", "n", ""]);

/**
 * A verified flag from a boolean (Auth0, Firebase), a confirmation timestamp (Supabase's
 * email_confirmed_at: set means verified) or a list of verified addresses (Clerk's
 * verified_email_addresses: verified when it lists the primary one).
 */
function parseVerified(cell: string, primary: string): boolean | string {
  const v = cell.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v) || v === "null") return false;
  if (v.includes("@")) return v.split(/[\s,;|]+/).includes(primary);
  // An ISO-like timestamp ("2024-06-29 10:00:00.123+00"): confirmed at that time.
  if (/^\d{4}-\d{2}-\d{2}[ t]?/.test(v)) return true;
  return `E-mail verified: cannot read “${cell.slice(0, 40)}” as true or false.`;
}

function parseJsonObject(cell: string, label: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(cell);
  } catch (e) {
    return `${label}: invalid JSON (${(e as Error).message.slice(0, 80)}).`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return `${label}: not a JSON object.`;
  return value as Record<string, unknown>;
}

const META_FIELD: Record<MetadataTarget, "clientMetadata" | "clientReadOnlyMetadata" | "serverMetadata"> = {
  client_metadata: "clientMetadata",
  client_read_only_metadata: "clientReadOnlyMetadata",
  server_metadata: "serverMetadata",
};

/** One data row as a createUser input, or why not. */
function rowToUser(cells: string[], mapping: ImportMapping): CreateUserInput | string {
  const cell = (i: number) => {
    const raw = cells[i] ?? "";
    return mapping.stripApostrophe && raw.startsWith("'") ? raw.slice(1) : raw;
  };
  const at = (t: string) => mapping.columns.findIndex((c) => c.target === t);
  const primary = cell(at("primaryEmail")).trim().toLowerCase();
  if (primary === "") return "No e-mail: the import matches users by e-mail, so each row needs one.";
  if (primary.length > 254 || !email.safeParse(primary).success) return `Not a valid e-mail address: “${primary.slice(0, 80)}”.`;

  const verifiedAt = at("primaryEmailVerified");
  const verified = verifiedAt < 0 ? false : parseVerified(cell(verifiedAt), primary);
  if (typeof verified === "string") return verified;

  const displayName = mapping.columns.flatMap((c, i) => (c.target === "displayName" ? [cell(i).trim()] : [])).filter(Boolean).join(" ");
  if (displayName.length > 256) return "Display name: longer than 256 characters.";

  const hasherAt = at("passwordHasher");
  const hasher = hasherAt < 0 ? "" : cell(hasherAt).trim().toLowerCase();
  const hashAt = at("passwordHash");
  const hash = hashAt < 0 ? "" : cell(hashAt).trim();
  if (hash !== "" && hasher !== "" && hasher !== "bcrypt") return `Password hash made with “${hasher.slice(0, 40)}”: Stack imports bcrypt hashes only. Ignore the hash column to import these users without a password.`;
  if (hash !== "" && !isBcryptHash(hash)) return "Password hash is not bcrypt ($2a$, $2b$ or $2y$ with at most 16 rounds), the only kind Stack imports. Ignore the hash column to import these users without a password.";

  const user: CreateUserInput = { primaryEmail: primary, primaryEmailVerified: verified, displayName, password: "" };
  if (hash !== "") user.passwordHash = hash;
  for (const t of METADATA_TARGETS) {
    let obj: Record<string, unknown> | undefined;
    for (const [i, c] of mapping.columns.entries()) {
      if (c.target !== t || c.key) continue;
      const text = cell(i).trim();
      if (text === "" || text === "null") continue;
      const parsed = parseJsonObject(text, IMPORT_TARGET_LABELS[t]);
      if (typeof parsed === "string") return parsed;
      obj = { ...parsed };
    }
    for (const [i, c] of mapping.columns.entries()) {
      if (c.target !== t || !c.key) continue;
      const text = cell(i);
      if (text.trim() === "") continue;
      obj = { ...obj, [c.key]: text };
    }
    if (obj) {
      if (JSON.stringify(obj).length > 100_000) return `${IMPORT_TARGET_LABELS[t]}: larger than 100,000 characters.`;
      user[META_FIELD[t]] = obj;
    }
  }
  const checked = createUserSchema.safeParse(user);
  if (!checked.success) return checked.error.issues[0]?.message ?? "Not a valid user.";
  return user;
}

export type Validated = { total: number; items: ImportItem[]; errors: ImportRowError[] };

/** Every data row, valid or with its error; the second row with an e-mail already seen is an error. */
export function validateRows(rows: string[][], mapping: ImportMapping): Validated {
  const problem = mappingProblem(mapping);
  if (problem) throw new ActionRefusal("BAD_MAPPING", problem);
  tooManyRows(rows, mapping);
  const first = mapping.hasHeader ? 2 : 1;
  const seen = new Map<string, number>();
  const items: ImportItem[] = [];
  const errors: ImportRowError[] = [];
  dataRows(rows, mapping).forEach((cells, i) => {
    const row = i + first;
    const result = rowToUser(cells, mapping);
    if (typeof result === "string") {
      const raw = (cells[mapping.columns.findIndex((c) => c.target === "primaryEmail")] ?? "").trim().replace(/^'/, "");
      errors.push({ row, email: raw ? raw.slice(0, 254) : null, message: result });
      return;
    }
    const email = result.primaryEmail!;
    const earlier = seen.get(email);
    if (earlier !== undefined) {
      errors.push({ row, email, message: `Duplicate e-mail: row ${earlier} has it too (only that one is imported).` });
      return;
    }
    seen.set(email, row);
    items.push({ row, user: result });
  });
  return { total: items.length + errors.length, items, errors };
}

/**
 * The id of the project's user with this primary e-mail, or null. Stack's `query` matches
 * substrings of e-mails, names and ids, so the hits are filtered to the exact address;
 * restricted and anonymous users are included where the server can list them.
 */
export async function findUserIdByEmail(client: StackClient, address: string): Promise<string | null> {
  const caps = (await getCapabilities(client, client.projectSlug)).userList;
  const page = await listUsers(client, { query: address, limit: 100, includeRestricted: caps.includeRestricted, includeAnonymous: caps.anonymousFilter });
  return page.items.find((u) => u.primary_email?.toLowerCase() === address)?.id ?? null;
}

async function existingAmong(client: StackClient, items: ImportItem[]) {
  const found: { row: number; email: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      if (await findUserIdByEmail(client, item.user.primaryEmail!)) found.push({ row: item.row, email: item.user.primaryEmail! });
    }
  };
  await Promise.all(Array.from({ length: LOOKUP_CONCURRENCY }, worker));
  return found.sort((a, b) => a.row - b.row);
}

const sampleOf = ({ row, user }: ImportItem): ImportSampleRow => ({
  row,
  email: user.primaryEmail!,
  displayName: user.displayName || null,
  verified: user.primaryEmailVerified,
  passwordHash: user.passwordHash !== undefined,
  metadata: METADATA_TARGETS.filter((t) => user[META_FIELD[t]] !== undefined),
});

/** What an import of the file with this mapping would do; looks up, never writes. */
export async function previewImport(client: StackClient, data: Buffer, mapping: ImportMapping): Promise<ImportPreviewDto> {
  const { total, items, errors } = validateRows(parseCsv(data), mapping);
  const looked = items.slice(0, PREVIEW_LOOKUPS);
  return {
    totalRows: total,
    validRows: items.length,
    invalidRows: errors.length,
    errors: errors.slice(0, PREVIEW_ERRORS),
    sample: items.slice(0, PREVIEW_SAMPLE).map(sampleOf),
    existing: { checked: looked.length, rows: await existingAmong(client, looked) },
  };
}
