import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { operatorsFileSchema } from "@/lib/server/operators";
import { ROLES } from "@/lib/roles";

// `npm run operator:add` as an operator runs it: a real process writing a real operators file,
// which the dashboard's own schema then accepts.
const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-admin-operator-add-"));
const file = path.join(tmp, "operators.json");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const add = (...args: string[]) =>
  run(path.resolve("node_modules/.bin/tsx"), ["scripts/operator-add.ts", "--file", file, "--password", "a-long-password", ...args], { cwd: path.resolve(import.meta.dirname, "..") });

describe("operator:add", () => {
  it("accepts the support and operator roles and writes a file the dashboard reads", { timeout: 120_000 }, async () => {
    // (viewer and admin: lib/server/sign-in.test.ts)
    const roles = ROLES.filter((r) => r === "support" || r === "operator");
    for (const role of roles) await add("--email", `${role}@Example.com`, "--role", role);
    const parsed = operatorsFileSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
    expect(parsed.operators.map((o) => [o.email, o.role])).toEqual(roles.map((r) => [`${r}@example.com`, r]));
  });

  it("refuses any other role, naming the five", { timeout: 60_000 }, async () => {
    await expect(add("--email", "x@example.com", "--role", "superuser")).rejects.toMatchObject({ stderr: expect.stringContaining("--role must be one of viewer, support, operator, admin, owner.") });
  });
});
