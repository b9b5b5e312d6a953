import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { EnvError, parseServerEnv, splitAdminKeys, type EnvSource } from "@/lib/env";
import { parseBasePath } from "@/lib/env-public";
import { logLevel } from "@/lib/server/log";

const SECRET = "s".repeat(40);
const base = { NEXTAUTH_SECRET: SECRET };
const single = {
  ...base,
  STACK_API_URL: "https://api.stack-auth.com/",
  STACK_PROJECT_ID: "be92a516-3bf5-44fa-86a0-4bcf4f45ad6d",
  STACK_SUPER_SECRET_ADMIN_KEY: "sak_secret_value",
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-admin-env-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
function writeFile(name: string, content: unknown) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
}
function issuesOf(env: EnvSource): string[] {
  try {
    parseServerEnv(env);
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as EnvError).issues;
  }
  throw new Error("expected EnvError");
}

describe("parseServerEnv", () => {
  it("single-project mode with defaults", () => {
    const env = parseServerEnv(single);
    expect(env.stack.source).toBe("env");
    expect(env.stack.projects).toEqual([
      {
        slug: "default",
        name: "Default project",
        projectId: single.STACK_PROJECT_ID,
        apiUrl: "https://api.stack-auth.com",
        adminKeyEnv: "STACK_SUPER_SECRET_ADMIN_KEY",
        environment: null,
      },
    ]);
    expect(env.stack.requestTimeoutMs).toBe(10_000);
    expect(env.oidc).toBeNull();
    // Unknown SSO accounts are refused unless OIDC_DEFAULT_ROLE opts in.
    expect(env.oidcDefaultRole).toBe("none");
    expect(env.trustedProxyHops).toBe(0);
    expect(env.sessionMaxAgeMs).toBe(12 * 60 * 60 * 1000);
    expect(env.operatorsFile).toBe(path.resolve("data/operators.json"));
    expect(env.adminDbPath).toBe(path.resolve("data/stack-admin.db"));
    expect(JSON.stringify(env)).not.toContain("sak_secret_value");
  });

  it("reports every problem at once, by name, without echoing secrets", () => {
    const issues = issuesOf({
      NEXTAUTH_SECRET: "short-secret",
      STACK_API_URL: "ftp://nope",
      STACK_REQUEST_TIMEOUT_MS: "soon",
      OIDC_ISSUER: "https://issuer.example.com",
      OIDC_DEFAULT_ROLE: "owner",
    });
    const text = issues.join("\n");
    expect(text).toMatch(/NEXTAUTH_SECRET: expected at least 32 characters/);
    expect(text).toMatch(/STACK_API_URL: expected an http\(s\) URL/);
    expect(text).toMatch(/STACK_PROJECT_ID: required/);
    expect(text).toMatch(/STACK_SUPER_SECRET_ADMIN_KEY: required/);
    expect(text).toMatch(/STACK_REQUEST_TIMEOUT_MS/);
    expect(text).toMatch(/OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: required because OIDC_ISSUER is set/);
    expect(text).toMatch(/OIDC_DEFAULT_ROLE: expected one of: none, viewer, admin/);
    expect(text).not.toContain("short-secret");
  });

  it("explains a missing NEXTAUTH_SECRET and a non-numeric timeout", () => {
    const { NEXTAUTH_SECRET: _unused, ...noSecret } = single;
    void _unused;
    const text = issuesOf({ ...noSecret, STACK_REQUEST_TIMEOUT_MS: "soon" }).join("\n");
    expect(text).toMatch(/NEXTAUTH_SECRET: required: a random string of at least 32 characters/);
    expect(text).toMatch(/STACK_REQUEST_TIMEOUT_MS: expected an integer number of milliseconds/);
  });

  it("rejects an API URL that already contains /api/v1", () => {
    expect(issuesOf({ ...single, STACK_API_URL: "https://x.example.com/api/v1" }).join()).toMatch(/without \/api\/v1/);
  });

  it("treats empty strings as unset", () => {
    expect(issuesOf({ ...single, STACK_PROJECT_ID: "" }).join()).toMatch(/STACK_PROJECT_ID: required/);
  });

  it("loads a projects file and requires each named key variable", () => {
    const file = writeFile("projects.json", {
      projects: [
        { slug: "prod", name: "Production", projectId: "p1", apiUrl: "https://api.stack-auth.com", adminKeyEnv: "STACK_PROD_ADMIN_KEY" },
        { slug: "staging", name: "Staging", projectId: "p2", apiUrl: "http://localhost:8102/", adminKeyEnv: "STACK_STAGING_ADMIN_KEY", environment: "staging" },
      ],
    });
    const env = parseServerEnv({ ...base, STACK_PROJECTS_FILE: file, STACK_PROD_ADMIN_KEY: "k1", STACK_STAGING_ADMIN_KEY: "k2" });
    expect(env.stack.source).toBe("file");
    expect(env.stack.projects.map((p) => [p.slug, p.apiUrl, p.environment])).toEqual([
      ["prod", "https://api.stack-auth.com", null],
      ["staging", "http://localhost:8102", "staging"],
    ]);

    const issues = issuesOf({ ...base, STACK_PROJECTS_FILE: file, STACK_PROD_ADMIN_KEY: "k1" });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^STACK_STAGING_ADMIN_KEY: required by STACK_PROJECTS_FILE .* for project "staging"/);
  });

  it("names the file and the bad entry", () => {
    const file = writeFile("bad.json", {
      projects: [
        { slug: "ok", name: "OK", projectId: "p1", apiUrl: "https://a.example.com", adminKeyEnv: "K1" },
        { slug: "Bad Slug", name: "X", projectId: "p2", apiUrl: "https://a.example.com", adminKeyEnv: "K2", adminKey: "sak_oops" },
        { slug: "ok", name: "Dup", projectId: "p3", apiUrl: "https://a.example.com", adminKeyEnv: "K3", environment: "prod" },
      ],
    });
    const text = issuesOf({ ...base, STACK_PROJECTS_FILE: file, K1: "a", K2: "b", K3: "c" }).join("\n");
    expect(text).toMatch(/projects\[2\]\.environment \(slug "ok"\): expected one of: development, staging, production/);
    expect(text).toContain(file);
    expect(text).toMatch(/projects\[1\]\.slug \(slug "Bad Slug"\): slug must match/);
    expect(text).toMatch(/projects\[1\] \(slug "Bad Slug"\): unknown field\(s\) adminKey/);
    expect(text).not.toContain("sak_oops");
  });

  it("reports duplicate slugs, unreadable and non-JSON files", () => {
    const dup = writeFile("dup.json", {
      projects: [
        { slug: "a", name: "A", projectId: "p1", apiUrl: "https://a.example.com", adminKeyEnv: "K1" },
        { slug: "a", name: "B", projectId: "p2", apiUrl: "https://a.example.com", adminKeyEnv: "K1" },
      ],
    });
    expect(issuesOf({ ...base, STACK_PROJECTS_FILE: dup, K1: "x" }).join()).toMatch(/duplicate slug/);
    expect(issuesOf({ ...base, STACK_PROJECTS_FILE: path.join(dir, "missing.json") }).join()).toMatch(/cannot read the file \(ENOENT\)/);
    expect(issuesOf({ ...base, STACK_PROJECTS_FILE: writeFile("junk.json", "{nope") }).join()).toMatch(/not valid JSON/);
  });

  it("reads the proxy hops and the session lifetime, and names bad values", () => {
    const env = parseServerEnv({ ...single, TRUSTED_PROXY_HOPS: "2", SESSION_MAX_AGE_HOURS: "0.5", OIDC_DEFAULT_ROLE: "viewer" });
    expect(env.trustedProxyHops).toBe(2);
    expect(env.sessionMaxAgeMs).toBe(30 * 60 * 1000);
    expect(env.oidcDefaultRole).toBe("viewer");
    const text = issuesOf({ ...single, TRUSTED_PROXY_HOPS: "-1", SESSION_MAX_AGE_HOURS: "forever" }).join("\n");
    expect(text).toMatch(/TRUSTED_PROXY_HOPS: expected 0 or more/);
    expect(text).toMatch(/SESSION_MAX_AGE_HOURS: expected a number of hours/);
    expect(issuesOf({ ...single, TRUSTED_PROXY_HOPS: "1.5", SESSION_MAX_AGE_HOURS: "0" }).join("\n")).toMatch(/TRUSTED_PROXY_HOPS: expected a whole number[\s\S]*SESSION_MAX_AGE_HOURS: expected at least 0.05/);
  });

  it("full OIDC configuration", () => {
    const env = parseServerEnv({
      ...single,
      OIDC_ISSUER: "https://issuer.example.com",
      OIDC_CLIENT_ID: "id",
      OIDC_CLIENT_SECRET: "secret",
      OIDC_DEFAULT_ROLE: "none",
      STACK_REQUEST_TIMEOUT_MS: "2500",
      STACK_PROJECT_NAME: "Acme",
      STACK_ENVIRONMENT: "production",
    });
    expect(env.oidc).toEqual({ issuer: "https://issuer.example.com", clientId: "id", clientSecret: "secret" });
    expect(env.oidcDefaultRole).toBe("none");
    expect(env.stack.requestTimeoutMs).toBe(2500);
    expect(env.stack.projects[0].name).toBe("Acme");
    expect(env.stack.projects[0].environment).toBe("production");
  });

  it("refuses an unknown environment label", () => {
    expect(issuesOf({ ...single, STACK_ENVIRONMENT: "prod" }).join()).toMatch(/STACK_ENVIRONMENT: expected one of: development, staging, production/);
  });
});

// Deployment variables (README "Deploy"): key rotation lists, PRODUCTION_CONFIRM, LOG_LEVEL, SHUTDOWN_TIMEOUT_MS, BASE_PATH.
describe("admin keys during a rotation", () => {
  it("splits a key variable into keys, newest first, dropping blanks", () => {
    expect(splitAdminKeys(" sak_new , sak_old ,")).toEqual(["sak_new", "sak_old"]);
    expect(splitAdminKeys("sak_only")).toEqual(["sak_only"]);
    expect(splitAdminKeys(" , ")).toEqual([]);
    expect(splitAdminKeys(undefined)).toEqual([]);
  });

  it("accepts two keys in single-project mode and in a projects file", () => {
    expect(() => parseServerEnv({ ...single, STACK_SUPER_SECRET_ADMIN_KEY: "sak_new,sak_old" })).not.toThrow();
    const file = writeFile("rotation-projects.json", { projects: [{ slug: "prod", name: "Prod", projectId: "p1", apiUrl: "https://api.stack-auth.com", adminKeyEnv: "PROD_KEYS" }] });
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
