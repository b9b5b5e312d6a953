// Isomorphic: the column mapping of a users CSV import, and the presets for the user-export
// formats of other auth providers. The server parses and validates (lib/server/import.ts); the
// page only suggests and edits a mapping.

/** What one CSV column becomes. Metadata targets take a JSON object cell, or fold the cell in under `key`. */
export const IMPORT_TARGETS = [
  "ignore",
  "primaryEmail",
  "primaryEmailVerified",
  "displayName",
  "passwordHash",
  "passwordHasher",
  "client_metadata",
  "client_read_only_metadata",
  "server_metadata",
] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];
export const METADATA_TARGETS = ["client_metadata", "client_read_only_metadata", "server_metadata"] as const;
export type MetadataTarget = (typeof METADATA_TARGETS)[number];

export const IMPORT_TARGET_LABELS: Record<ImportTarget, string> = {
  ignore: "Ignore",
  primaryEmail: "Primary e-mail",
  primaryEmailVerified: "E-mail verified",
  displayName: "Display name",
  passwordHash: "Password hash (bcrypt)",
  passwordHasher: "Hash algorithm name",
  client_metadata: "Client metadata",
  client_read_only_metadata: "Client read-only metadata",
  server_metadata: "Server metadata",
};

export type ColumnMapping = { target: ImportTarget; key?: string };

export type ImportMapping = {
  /** Firebase's CSV export has no header row. */
  hasHeader: boolean;
  /** Auth0 prefixes every text cell with `'` (CSV-injection mitigation); strip one. */
  stripApostrophe: boolean;
  /** One per column, by position. */
  columns: ColumnMapping[];
};

export const PRESET_IDS = ["auth0", "clerk", "supabase", "firebase"] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export type Preset = {
  id: PresetId;
  label: string;
  hasHeader: boolean;
  stripApostrophe: boolean;
  /** Columns every file of the format has: the header must carry all of them. */
  signature: readonly string[];
  /** Header name → mapping; `prefix.` entries map every column starting with it (the rest of the name is the key). */
  byHeader?: Readonly<Record<string, ColumnMapping>>;
  /** Headerless formats: the documented columns in order, with their mappings. */
  byPosition?: readonly { name: string; mapping: ColumnMapping }[];
};

const fold = (target: MetadataTarget, key: string): ColumnMapping => ({ target, key });
const to = (target: ImportTarget): ColumnMapping => ({ target });

// Auth0 bulk user export job (POST /api/v2/jobs/users-exports, format "csv"): the header row holds
// the requested field names (or their `export_as`); metadata is exported one field at a time as
// `user_metadata.<key>` / `app_metadata.<key>`; every string is prefixed with `'` and quoted.
// Password hashes are not part of the export.
// https://auth0.com/docs/manage-users/user-migration/bulk-user-exports
// user_metadata is the user-editable profile (client_metadata); app_metadata is read-only to the
// user (client_read_only_metadata).
const auth0: Preset = {
  id: "auth0",
  label: "Auth0 (bulk user export)",
  hasHeader: true,
  stripApostrophe: true,
  signature: ["user_id", "email"],
  byHeader: {
    user_id: fold("server_metadata", "auth0_user_id"),
    email: to("primaryEmail"),
    email_verified: to("primaryEmailVerified"),
    name: to("displayName"),
    "user_metadata.": to("client_metadata"),
    "app_metadata.": to("client_read_only_metadata"),
  },
};

// Clerk Dashboard export (Settings → User exports; the only export with password digests):
// https://clerk.com/docs/guides/development/migrating/export-from-clerk. Its columns, as the
// importers that read it document them (github.com/workos/migrate-clerk-users, README):
// id, first_name, last_name, username, primary_email_address, primary_phone_number,
// verified_email_addresses, unverified_email_addresses, verified_phone_numbers,
// unverified_phone_numbers, totp_secret, password_digest, password_hasher.
// The primary address is verified when it is listed in verified_email_addresses.
const clerk: Preset = {
  id: "clerk",
  label: "Clerk (Dashboard CSV export)",
  hasHeader: true,
  stripApostrophe: false,
  signature: ["id", "primary_email_address"],
  byHeader: {
    id: fold("server_metadata", "clerk_user_id"),
    first_name: to("displayName"),
    last_name: to("displayName"),
    username: fold("server_metadata", "clerk_username"),
    primary_email_address: to("primaryEmail"),
    verified_email_addresses: to("primaryEmailVerified"),
    password_digest: to("passwordHash"),
    password_hasher: to("passwordHasher"),
  },
};

// Supabase: "query the auth.users table via the SQL Editor (select * from auth.users) … then
// export the results as CSV" (https://supabase.com/docs/guides/auth/managing-user-data, Exporting
// users), so the header is auth.users' column names. encrypted_password is bcrypt;
// email_confirmed_at is a timestamp (set = verified); raw_user_meta_data is the user-editable
// metadata, raw_app_meta_data the read-only one (both JSON objects).
const supabase: Preset = {
  id: "supabase",
  label: "Supabase (auth.users as CSV)",
  hasHeader: true,
  stripApostrophe: false,
  signature: ["id", "email", "encrypted_password"],
  byHeader: {
    id: fold("server_metadata", "supabase_user_id"),
    email: to("primaryEmail"),
    encrypted_password: to("passwordHash"),
    email_confirmed_at: to("primaryEmailVerified"),
    raw_user_meta_data: to("client_metadata"),
    raw_app_meta_data: to("client_read_only_metadata"),
  },
};

// Firebase `firebase auth:export users.csv --format=csv`: no header row, the columns of the
// "File format → CSV" table (https://firebase.google.com/docs/cli/auth), written in that order by
// firebase-tools (src/accountExporter.ts) with custom claims as JSON after the disabled flag.
// Password hashes are Firebase's modified scrypt (base64), which Stack cannot verify: the preset
// maps them so each such row is refused with a clear error; ignore the column to import the
// users without passwords.
const FIREBASE_COLUMNS: readonly { name: string; mapping: ColumnMapping }[] = [
  { name: "UID", mapping: fold("server_metadata", "firebase_uid") },
  { name: "Email", mapping: to("primaryEmail") },
  { name: "Email Verified", mapping: to("primaryEmailVerified") },
  { name: "Password Hash", mapping: to("passwordHash") },
  { name: "Password Salt", mapping: to("ignore") },
  { name: "Name", mapping: to("displayName") },
  ...["Photo URL", "Google ID", "Google Email", "Google Display Name", "Google Photo URL", "Facebook ID", "Facebook Email", "Facebook Display Name", "Facebook Photo URL", "Twitter ID", "Twitter Email", "Twitter Display Name", "Twitter Photo URL", "GitHub ID", "GitHub Email", "GitHub Display Name", "GitHub Photo URL", "User Creation Time", "Last Sign-In Time", "Phone Number", "Disabled"].map((name) => ({ name, mapping: to("ignore") })),
  { name: "Custom Attributes", mapping: to("client_read_only_metadata") },
];
const firebase: Preset = {
  id: "firebase",
  label: "Firebase (auth:export --format=csv)",
  hasHeader: false,
  stripApostrophe: false,
  signature: [],
  byPosition: FIREBASE_COLUMNS,
};

export const PRESETS: Readonly<Record<PresetId, Preset>> = { auth0, clerk, supabase, firebase };

/** A header cell as compared with preset names: trimmed, Auth0's `'` prefix dropped, lower case. */
export const headerKey = (cell: string) => cell.trim().replace(/^'/, "").toLowerCase();

// Header names of a plain file (this console's own users export included).
const GENERIC: Readonly<Record<string, ImportTarget>> = {
  email: "primaryEmail",
  "e-mail": "primaryEmail",
  email_address: "primaryEmail",
  primary_email: "primaryEmail",
  primary_email_address: "primaryEmail",
  email_verified: "primaryEmailVerified",
  primary_email_verified: "primaryEmailVerified",
  verified: "primaryEmailVerified",
  name: "displayName",
  display_name: "displayName",
  full_name: "displayName",
  password_hash: "passwordHash",
  client_metadata: "client_metadata",
  client_read_only_metadata: "client_read_only_metadata",
  server_metadata: "server_metadata",
};

/** The mapping a preset gives a file whose first row is `firstRow`. */
export function presetMapping(id: PresetId, firstRow: readonly string[]): ImportMapping {
  const p = PRESETS[id];
  const columns = firstRow.map((cell, i): ColumnMapping => {
    if (p.byPosition) return p.byPosition[i]?.mapping ?? to("ignore");
    const name = headerKey(cell);
    const exact = p.byHeader?.[name];
    if (exact) return exact;
    for (const [prefix, m] of Object.entries(p.byHeader ?? {})) {
      if (prefix.endsWith(".") && name.startsWith(prefix) && name.length > prefix.length) return { target: m.target, key: cell.trim().replace(/^'/, "").slice(prefix.length) };
    }
    return to("ignore");
  });
  return { hasHeader: p.hasHeader, stripApostrophe: p.stripApostrophe, columns };
}

/** A mapping from header names alone, for a file no preset recognises. */
export function genericMapping(firstRow: readonly string[]): ImportMapping {
  const seen = new Set<ImportTarget>();
  const columns = firstRow.map((cell): ColumnMapping => {
    const target = GENERIC[headerKey(cell)];
    // One column per scalar field: the first that matches wins.
    if (!target || (seen.has(target) && target !== "displayName")) return to("ignore");
    seen.add(target);
    return to(target);
  });
  return { hasHeader: true, stripApostrophe: false, columns };
}

const looksLikeFirebaseRow = (row: readonly string[]) => row.length >= 23 && /^(true|false)$/i.test(row[2]?.trim() ?? "") && !/^uid$/i.test(row[0]?.trim() ?? "");

/** Which preset a file looks like from its first row; null when none fits. */
export function detectPreset(firstRow: readonly string[]): PresetId | null {
  const names = new Set(firstRow.map(headerKey));
  let best: { id: PresetId; score: number } | null = null;
  for (const id of PRESET_IDS) {
    const p = PRESETS[id];
    if (!p.byHeader || !p.signature.every((s) => names.has(s))) continue;
    const score = Object.keys(p.byHeader).filter((k) => names.has(k)).length;
    if (!best || score > best.score) best = { id, score };
  }
  if (best) return best.id;
  return looksLikeFirebaseRow(firstRow) ? "firebase" : null;
}

/** Column labels for the mapping table: the header row, or the preset's documented names. */
export function columnLabels(firstRow: readonly string[], mapping: Pick<ImportMapping, "hasHeader">, preset: PresetId | null): string[] {
  const positional = preset ? PRESETS[preset].byPosition : undefined;
  return firstRow.map((cell, i) => (mapping.hasHeader ? cell.trim().replace(/^'/, "") || `Column ${i + 1}` : (positional?.[i]?.name ?? `Column ${i + 1}`)));
}

/** The preset (or plain) mapping suggested for a file. */
export function suggestMapping(firstRow: readonly string[]): { preset: PresetId | null; mapping: ImportMapping } {
  const preset = detectPreset(firstRow);
  return { preset, mapping: preset ? presetMapping(preset, firstRow) : genericMapping(firstRow) };
}
