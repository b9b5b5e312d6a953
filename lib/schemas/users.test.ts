import { describe, expect, it } from "vitest";
import { createUserSchema, updateUserMetadataSchema } from "./users";

describe("user schemas", () => {
  it("refuses invalid JSON metadata with the parser's message", () => {
    const r = updateUserMetadataSchema.safeParse({ userId: "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70", field: "server_metadata", json: "{nope" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/^Invalid JSON/);
  });
  it("accepts any JSON value and maps empty text to null", () => {
    const id = "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70";
    expect(updateUserMetadataSchema.parse({ userId: id, field: "client_metadata", json: '{"plan":"pro"}' }).json).toEqual({ plan: "pro" });
    expect(updateUserMetadataSchema.parse({ userId: id, field: "client_metadata", json: "[1,2]" }).json).toEqual([1, 2]);
    expect(updateUserMetadataSchema.parse({ userId: id, field: "client_metadata", json: "  " }).json).toBeNull();
  });
  it("needs an e-mail for a password and normalises empties to null", () => {
    expect(createUserSchema.safeParse({ primaryEmail: "", password: "secret-pass", displayName: "", primaryEmailVerified: false }).success).toBe(false);
    expect(createUserSchema.parse({ primaryEmail: " Ada@Example.com ", password: "", displayName: " ", primaryEmailVerified: true })).toEqual({
      primaryEmail: "ada@example.com",
      password: null,
      displayName: null,
      primaryEmailVerified: true,
    });
  });
});
