// The deployment variables: key rotation lists, PRODUCTION_CONFIRM, LOG_LEVEL, SHUTDOWN_TIMEOUT_MS, BASE_PATH.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvError, parseServerEnv, splitAdminKeys, type EnvSource } from "@/lib/env";
import { parseBasePath } from "@/lib/env-public";
import { logLevel } from "@/lib/server/log";

const single = {
  NEXTAUTH_SECRET: "s".repeat(40),
  STACK_API_URL: "https://api.stack-auth.com",
  STACK_PROJECT_ID: "be92a516-3bf5-44fa-86a0-4bcf4f45ad6d",
  STACK_SUPER_SECRET_ADMIN_KEY: "sak_new_key",
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-admin-deploy-env-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function issuesOf(env: EnvSource): string[] {
  try {
    parseServerEnv(env);
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as EnvError).issues;
  }
  throw new Error("expected EnvError");
}

describe("admin keys during a rotation", () => {
  it("splits a key variable into keys, newest first, dropping blanks", () => {
    expect(splitAdminKeys(" sak_new , sak_old ,")).toEqual(["sak_new", "sak_old"]);
    expect(splitAdminKeys("sak_only")).toEqual(["sak_only"]);
    expect(splitAdminKeys(" , ")).toEqual([]);
    expect(splitAdminKeys(undefined)).toEqual([]);
  });

  it("accepts two keys in single-project mode and in a projects file", () => {
    expect(() => parseServerEnv({ ...single, STACK_SUPER_SECRET_ADMIN_KEY: "sak_new,sak_old" })).not.toThrow();
    const file = path.join(dir, "projects.json");
    fs.writeFileSync(file, JSON.stringify({ projects: [{ slug: "prod", name: "Prod", projectId: "p1", apiUrl: "https://api.stack-auth.com", adminKeyEnv: "PROD_KEYS" }] }));
    const env = parseServerEnv({ NEXTAUTH_SECRET: single.NEXTAUTH_SECRET, STACK_PROJECTS_FILE: file, PROD_KEYS: "sak_new,sak_old" });
    expect(env.stack.projects[0]!.adminKeyEnv).toBe("PROD_KEYS");
  });

  it("refuses a blank list, a duplicate, a key with spaces and too many keys, never echoing a key", () => {
    expect(issuesOf({ ...single, STACK_SUPER_SECRET_ADMIN_KEY: " , " }).join()).toMatch(/STACK_SUPER_SECRET_ADMIN_KEY: required/);
    const dup = issuesOf({ ...single, STACK_SUPER_SECRET_ADMIN_KEY: "sak_aaa,sak_aaa" }).join();
    expect(dup).toMatch(/listed twice/);
    const spaced = issuesOf({ ...single, STACK_SUPER_SECRET_ADMIN_KEY: "sak_a sak_b,sak_c" }).join();
    expect(spaced).toMatch(/whitespace/);
    expect(issuesOf({ ...single, STACK_SUPER_SECRET_ADMIN_KEY: "k1,k2,k3,k4,k5" }).join()).toMatch(/at most 4/);
    for (const text of [dup, spaced]) expect(text).not.toMatch(/sak_/);
  });
});

describe("deployment options", () => {
  it("PRODUCTION_CONFIRM: all by default, or dangerous; anything else is refused", () => {
    expect(parseServerEnv(single).productionConfirm).toBe("all");
    expect(parseServerEnv({ ...single, PRODUCTION_CONFIRM: "dangerous" }).productionConfirm).toBe("dangerous");
    expect(issuesOf({ ...single, PRODUCTION_CONFIRM: "none" }).join()).toMatch(/PRODUCTION_CONFIRM: expected all/);
  });

  it("LOG_LEVEL and SHUTDOWN_TIMEOUT_MS are checked at start-up; the logger falls back to info", () => {
    expect(issuesOf({ ...single, LOG_LEVEL: "verbose" }).join()).toMatch(/LOG_LEVEL: expected one of: debug, info, warn, error, silent/);
    expect(issuesOf({ ...single, SHUTDOWN_TIMEOUT_MS: "-5" }).join()).toMatch(/SHUTDOWN_TIMEOUT_MS: expected 0 or more/);
    expect(logLevel("WARN")).toBe("warn");
    expect(logLevel("verbose")).toBe("info");
    expect(logLevel(undefined)).toBe("info");
  });

  it("BASE_PATH: a leading slash and no trailing one; empty or / serve at the root", () => {
    expect(parseBasePath("/admin")).toBe("/admin");
    expect(parseBasePath("/ops/stack-admin")).toBe("/ops/stack-admin");
    expect(parseBasePath("")).toBe("");
    expect(parseBasePath("/")).toBe("");
    expect(parseBasePath(undefined)).toBe("");
    for (const bad of ["admin", "/admin/", "/a?b", "/a b", "//x"]) expect(() => parseBasePath(bad), bad).toThrow(/BASE_PATH/);
  });
});
