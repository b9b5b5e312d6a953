import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, hashPasswordSync, verifyPassword } from "../src/resources/users";

// Hashes carry their scrypt parameters: lowering the emulator's cost leaves older hashes valid.
describe("emulator password hashes", () => {
  it("verify at the cost they were made with", async () => {
    const salt = crypto.randomBytes(16);
    const b64 = (b: Buffer) => b.toString("base64").replace(/=+$/, "");
    const older = `$scrypt$ln=8,r=8,p=1$${b64(salt)}$${b64(crypto.scryptSync("secret-1", salt, 32, { N: 256, r: 8, p: 1 }))}`;
    for (const hash of [older, hashPasswordSync("secret-1"), await hashPassword("secret-1")]) {
      expect(await verifyPassword("secret-1", hash)).toBe(true);
      expect(await verifyPassword("secret-2", hash)).toBe(false);
    }
    expect(hashPasswordSync("secret-1")).not.toBe(hashPasswordSync("secret-1")); // salted
  });
});
