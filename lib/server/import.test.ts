import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH0_HEADER, CLERK_HEADER, FIREBASE_ROW, SUPABASE_HEADER } from "@/lib/testing/import-samples";
import { presetMapping, suggestMapping, type ImportMapping } from "@/lib/import-presets";
import { findUserIdByEmail, parseCsv, previewImport, validateRows } from "@/lib/server/import";
import { ALREADY_EXISTS, importItemSchema, importUser } from "@/lib/server/import-run";
import { createStackClient } from "@/lib/stack/client";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";
import { recorder } from "@/lib/testing/recorder";

const HASH = bcrypt.hashSync("correct horse", 4);
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n"));
const validated = (text: Buffer | string, mapping?: ImportMapping) => {
  const rows = parseCsv(typeof text === "string" ? Buffer.from(text) : text);
  return validateRows(rows, mapping ?? suggestMapping(rows[0]!).mapping);
};

describe("parse", () => {
  it("strips a BOM, keeps quoted commas and newlines, and refuses what is not CSV", () => {
    const rows = parseCsv(Buffer.from('\uFEFFemail,name\n"a@x.io","Lee, Ann\nJr"\n\n'));
    expect(rows).toEqual([["email", "name"], ["a@x.io", "Lee, Ann\nJr"]]);
    expect(() => parseCsv(Buffer.from('email\n"unterminated'))).toThrow(/not valid CSV/);
    expect(() => parseCsv(Buffer.from([0x65, 0x00, 0x66]))).toThrow(/not text/);
    expect(() => parseCsv(Buffer.from(""))).toThrow(/no rows/);
  });

  it("refuses more rows than the import takes", () => {
    const many = Buffer.from(["email", ...Array.from({ length: 100_001 }, (_, i) => `u${i}@x.io`)].join("\n"));
    expect(() => validated(many)).toThrow(/more than 100,000 users/);
  });
});

describe("validate", () => {
  it("Auth0 sample row: ' prefixes stripped, metadata folded in, no password", () => {
    const file = `${AUTH0_HEADER.join(",")}\n"'auth0|65a1","'Ann@Example.com",true,"'Ann Lee","'2024-01-02T03:04:05.000Z","'pro","'admin"\n`;
    const { items, errors } = validated(file);
    expect(errors).toEqual([]);
    expect(items).toEqual([
      {
        row: 2,
        user: {
          primaryEmail: "ann@example.com",
          primaryEmailVerified: true,
          displayName: "Ann Lee",
          password: "",
          clientMetadata: { plan: "pro" },
          clientReadOnlyMetadata: { role: "admin" },
          serverMetadata: { auth0_user_id: "auth0|65a1" },
        },
      },
    ]);
  });

  it("Clerk sample rows: verified when the primary is listed as verified; a non-bcrypt hasher is refused", () => {
    const row = (id: string, email: string, verified: string, digest: string, hasher: string) => [id, "Bo", "Ng", "", email, "", verified, "", "", "", "", digest, hasher];
    const { items, errors } = validated(csv([CLERK_HEADER, row("user_2a", "bo@x.io", "bo@x.io", HASH, "bcrypt"), row("user_2b", "cy@x.io", "other@x.io", "", ""), row("user_2c", "di@x.io", "", "$argon2id$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA", "argon2id")]));
    expect(items.map((i) => [i.row, i.user.primaryEmail, i.user.primaryEmailVerified, i.user.displayName, i.user.passwordHash ?? null])).toEqual([
      [2, "bo@x.io", true, "Bo Ng", HASH],
      [3, "cy@x.io", false, "Bo Ng", null],
    ]);
    expect(errors).toEqual([{ row: 4, email: "di@x.io", message: expect.stringMatching(/made with “argon2id”: Stack imports bcrypt hashes only/) }]);
  });

  it("Supabase sample row: confirmation timestamp = verified, JSON metadata columns, bcrypt hash", () => {
    const cells = SUPABASE_HEADER.map((h) =>
      ({ id: "6f1c0b5e-0000-4000-8000-000000000001", email: "sam@x.io", encrypted_password: HASH, email_confirmed_at: "2024-06-29 10:00:00.123+00", raw_app_meta_data: '{"provider":"email","providers":["email"]}', raw_user_meta_data: '{"full_name":"Sam"}' })[h] ?? "",
    );
    const bad = cells.map((c, i) => (SUPABASE_HEADER[i] === "raw_user_meta_data" ? "{oops" : SUPABASE_HEADER[i] === "email" ? "tom@x.io" : c));
    const { items, errors } = validated(csv([SUPABASE_HEADER, cells, bad]));
    expect(items).toEqual([
      {
        row: 2,
        user: expect.objectContaining({
          primaryEmail: "sam@x.io",
          primaryEmailVerified: true,
          passwordHash: HASH,
          clientMetadata: { full_name: "Sam" },
          clientReadOnlyMetadata: { provider: "email", providers: ["email"] },
          serverMetadata: { supabase_user_id: "6f1c0b5e-0000-4000-8000-000000000001" },
        }),
      },
    ]);
    expect(errors).toEqual([{ row: 3, email: "tom@x.io", message: expect.stringMatching(/^Client metadata: invalid JSON/) }]);
  });

  it("Firebase sample row: headerless, custom claims as read-only metadata, its scrypt hash refused per row", () => {
    const noHash = FIREBASE_ROW.map((c, i) => (i === 3 || i === 4 ? "" : i === 1 ? "nohash@example.com" : c));
    const { items, errors } = validated(`${FIREBASE_ROW.map((c) => (c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c)).join(",")}\n${noHash.map((c) => (c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c)).join(",")}\n`);
    expect(errors).toEqual([{ row: 1, email: "fb@example.com", message: expect.stringMatching(/not bcrypt/) }]);
    expect(items).toEqual([
      { row: 2, user: { primaryEmail: "nohash@example.com", primaryEmailVerified: true, displayName: "Fi Base", password: "", clientReadOnlyMetadata: { role: "admin" }, serverMetadata: { firebase_uid: "xQ1uid" } } },
    ]);
  });

  it("reports each bad row with its number: e-mail, JSON, hash, duplicates inside the file", () => {
    const header = ["email", "verified", "name", "server_metadata", "password_hash"];
    const { items, errors, total } = validated(
      csv([header, ["ok@x.io", "yes", "Ok", '{"a":1}', HASH], ["not-an-email", "", "", "", ""], ["", "", "No mail", "", ""], ["j@x.io", "maybe", "", "", ""], ["k@x.io", "", "", "[1,2]", ""], ["l@x.io", "", "", "", "plaintext"], ["OK@x.io", "", "", "", ""]]),
    );
    expect(total).toBe(7);
    expect(items.map((i) => i.row)).toEqual([2]);
    expect(errors.map((e) => [e.row, e.message.split(/[:.(]/)[0]])).toEqual([
      [3, "Not a valid e-mail address"],
      [4, "No e-mail"],
      [5, "E-mail verified"],
      [6, "Server metadata"],
      [7, "Password hash is not bcrypt "],
      [8, "Duplicate e-mail"],
    ]);
  });

  it("refuses a mapping without an e-mail column, or with two of a kind", () => {
    const rows = parseCsv(Buffer.from("a,b\nx@y.io,z\n"));
    expect(() => validateRows(rows, { hasHeader: true, stripApostrophe: false, columns: [{ target: "displayName" }, { target: "ignore" }] })).toThrow(/Map a column to the primary e-mail/);
    expect(() => validateRows(rows, { hasHeader: true, stripApostrophe: false, columns: [{ target: "primaryEmail" }, { target: "primaryEmail" }] })).toThrow(/Only one column/);
    expect(() => validateRows(rows, { hasHeader: true, stripApostrophe: false, columns: [{ target: "primaryEmail" }, { target: "server_metadata", key: "k" }, { target: "server_metadata", key: "k" }] })).toThrow(/same key/);
  });
});

// Against a real emulator over HTTP: the existing-user lookup and the write-time skip.
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulatorProcess({ release: "latest" });
});
afterAll(async () => {
  await emu?.stop();
});
const client = () => createStackClient({ slug: "imp", projectId: TEST_PROJECT.projectId, apiUrl: emu.url, adminKey: TEST_PROJECT.superSecretAdminKey });

describe("against the emulator", () => {
  it("the preview names the rows whose e-mail already has a user, restricted users included", async () => {
    const made = await emu.fetch("/users", { method: "POST", body: { primary_email: "taken@x.io", primary_email_auth_enabled: true } });
    await emu.fetch(`/users/${made.body.id}`, { method: "PATCH", body: { restricted_by_admin: true } });
    const preview = await previewImport(client(), csv([["email"], ["fresh@x.io"], ["taken@x.io"], ["bad"]]), presetMapping("auth0", ["email"]));
    expect(preview).toMatchObject({ totalRows: 3, validRows: 2, invalidRows: 1, existing: { checked: 2, rows: [{ row: 3, email: "taken@x.io" }] } });
    expect(await findUserIdByEmail(client(), "fresh@x.io")).toBeNull();
  });

  it("creates the user with its hash and metadata once; a re-run and a racing second write are skipped", async () => {
    const item = importItemSchema.parse({ row: 2, user: { primaryEmail: "hash@x.io", primaryEmailVerified: true, displayName: "Hash", password: "", passwordHash: HASH, serverMetadata: { from: "csv" } } });
    const rec = recorder();
    expect(await importUser(client(), item, rec)).toBeUndefined();
    const id = await findUserIdByEmail(client(), "hash@x.io");
    const user = await emu.fetch(`/users/${id}`);
    expect(user.body).toMatchObject({ primary_email: "hash@x.io", primary_email_verified: true, has_password: true, server_metadata: { from: "csv" } });
    expect(rec.audits[0]?.changes).toMatchObject({ after: { password_hash: "[imported]" } });

    expect(await importUser(client(), item, recorder())).toEqual({ skipped: ALREADY_EXISTS });
    // Two imports racing: both pass the check before either writes; Stack refuses the second.
    const racer = importItemSchema.parse({ ...item, user: { ...item.user, primaryEmail: "race@x.io", passwordHash: undefined } });
    const results = await Promise.all([importUser(client(), racer, recorder()), importUser(client(), racer, recorder())]);
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
    const list = await emu.fetch("/users?query=race%40x.io&limit=10");
    expect(list.body.items).toHaveLength(1);
  });
});
