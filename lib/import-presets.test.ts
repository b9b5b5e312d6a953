import { describe, expect, it } from "vitest";
import { columnLabels, detectPreset, genericMapping, presetMapping, suggestMapping } from "@/lib/import-presets";
import { AUTH0_HEADER, CLERK_HEADER, FIREBASE_ROW, SUPABASE_HEADER } from "@/lib/testing/import-samples";

const targets = (m: { columns: { target: string; key?: string }[] }, header: string[]) => Object.fromEntries(header.map((h, i) => [h, m.columns[i]!.key ? `${m.columns[i]!.target}.${m.columns[i]!.key}` : m.columns[i]!.target]));

describe("presets", () => {
  it("Auth0: fields by name, metadata fields folded under their keys, the ' prefix stripped", () => {
    expect(detectPreset(AUTH0_HEADER)).toBe("auth0");
    // Auth0 may quote the header the same way as its cells.
    expect(detectPreset(AUTH0_HEADER.map((h) => `'${h}`))).toBe("auth0");
    const m = presetMapping("auth0", AUTH0_HEADER);
    expect(m).toMatchObject({ hasHeader: true, stripApostrophe: true });
    expect(targets(m, AUTH0_HEADER)).toEqual({
      user_id: "server_metadata.auth0_user_id",
      email: "primaryEmail",
      email_verified: "primaryEmailVerified",
      name: "displayName",
      created_at: "ignore",
      "user_metadata.plan": "client_metadata.plan",
      "app_metadata.role": "client_read_only_metadata.role",
    });
  });

  it("Clerk: first and last name into the display name, the digest and its hasher", () => {
    expect(detectPreset(CLERK_HEADER)).toBe("clerk");
    const t = targets(presetMapping("clerk", CLERK_HEADER), CLERK_HEADER);
    expect(t).toMatchObject({
      id: "server_metadata.clerk_user_id",
      first_name: "displayName",
      last_name: "displayName",
      username: "server_metadata.clerk_username",
      primary_email_address: "primaryEmail",
      verified_email_addresses: "primaryEmailVerified",
      password_digest: "passwordHash",
      password_hasher: "passwordHasher",
      totp_secret: "ignore",
      primary_phone_number: "ignore",
    });
  });

  it("Supabase: auth.users columns, bcrypt encrypted_password, both metadata columns as JSON", () => {
    expect(detectPreset(SUPABASE_HEADER)).toBe("supabase");
    const t = targets(presetMapping("supabase", SUPABASE_HEADER), SUPABASE_HEADER);
    expect(Object.entries(t).filter(([, v]) => v !== "ignore")).toEqual([
      ["id", "server_metadata.supabase_user_id"],
      ["email", "primaryEmail"],
      ["encrypted_password", "passwordHash"],
      ["email_confirmed_at", "primaryEmailVerified"],
      ["raw_app_meta_data", "client_read_only_metadata"],
      ["raw_user_meta_data", "client_metadata"],
    ]);
  });

  it("Firebase: recognised from a data row (no header), mapped by position with the documented names", () => {
    expect(detectPreset(FIREBASE_ROW)).toBe("firebase");
    const { preset, mapping } = suggestMapping(FIREBASE_ROW);
    expect(preset).toBe("firebase");
    expect(mapping.hasHeader).toBe(false);
    const labels = columnLabels(FIREBASE_ROW, mapping, "firebase");
    expect(labels.slice(0, 6)).toEqual(["UID", "Email", "Email Verified", "Password Hash", "Password Salt", "Name"]);
    expect(labels[27]).toBe("Custom Attributes");
    expect(labels[28]).toBe("Column 29");
    expect(Object.entries(targets(mapping, labels)).filter(([, v]) => v !== "ignore")).toEqual([
      ["UID", "server_metadata.firebase_uid"],
      ["Email", "primaryEmail"],
      ["Email Verified", "primaryEmailVerified"],
      ["Password Hash", "passwordHash"],
      ["Name", "displayName"],
      ["Custom Attributes", "client_read_only_metadata"],
    ]);
  });

  it("recognises none of them in a plain file, and maps plain names (this console's own export too)", () => {
    const header = ["id", "primary_email", "primary_email_verified", "display_name", "signed_up_at"];
    expect(detectPreset(header)).toBeNull();
    expect(suggestMapping(header).preset).toBeNull();
    expect(targets(genericMapping(header), header)).toEqual({ id: "ignore", primary_email: "primaryEmail", primary_email_verified: "primaryEmailVerified", display_name: "displayName", signed_up_at: "ignore" });
    // A second e-mail column stays ignored: one column per field.
    expect(genericMapping(["email", "E-mail"]).columns.map((c) => c.target)).toEqual(["primaryEmail", "ignore"]);
    // A header row that merely looks wide is not Firebase.
    expect(detectPreset(["UID", "Email", "Email Verified", ...Array(25).fill("x")])).toBeNull();
  });
});
