import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

// The sealed key: whatever a page or an action handler receives (project, client, context,
// shell data) holds no admin key anywhere, however deep. Only the Next request seams are
// replaced (session, cookies, revalidation); env parsing, project loading, the client, the
// action wrapper and the audit store are the real ones.
const session = vi.hoisted(() => ({ current: { email: "admin@example.com", name: null, role: "admin" } as { email: string; name: string | null; role: string } }));
const cookie = vi.hoisted(() => ({ slug: undefined as string | undefined }));
vi.mock("@/lib/server/session", () => ({ getOperator: async () => session.current, requireOperator: async () => session.current }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: (name: string) => (name === "stack-admin-project" && cookie.slug ? { value: cookie.slug } : undefined) }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const KEYS = { STACK_KEY_SEAL_PROD: "sak_sealtestprodkey0123456789abcdefghijklmnopqrstu", STACK_KEY_SEAL_DEV: "sak_sealtestdevkey0123456789abcdefghijklmnopqrstuv" };
let tmp: string;
const saved = { ...process.env };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-admin-seal-"));
  const projectsFile = path.join(tmp, "projects.json");
  fs.writeFileSync(
    projectsFile,
    JSON.stringify({
      projects: [
        { slug: "prod", name: "Production", projectId: "p-prod", apiUrl: "http://127.0.0.1:9", adminKeyEnv: "STACK_KEY_SEAL_PROD", environment: "production" },
        { slug: "dev", name: "Development", projectId: "p-dev", apiUrl: "http://127.0.0.1:9", adminKeyEnv: "STACK_KEY_SEAL_DEV", environment: "development" },
      ],
    }),
  );
  Object.assign(process.env, KEYS, {
    STACK_PROJECTS_FILE: projectsFile,
    NEXTAUTH_SECRET: "x".repeat(40),
    STACK_ADMIN_DB: path.join(tmp, "admin.db"),
    OPERATORS_FILE: path.join(tmp, "operators.json"),
  });
  (await import("@/lib/env")).resetEnvForTests();
});
afterAll(async () => {
  process.env = { ...saved };
  (await import("@/lib/env")).resetEnvForTests();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Every path (through objects, arrays, Maps, Sets and functions' enumerable properties) whose key or value contains a secret. */
function findKeys(root: unknown, secrets: string[]): string[] {
  const hits: string[] = [];
  const seen = new Set<unknown>();
  const visit = (v: unknown, at: string) => {
    if (typeof v === "string") {
      if (secrets.some((s) => v.includes(s))) hits.push(at);
      return;
    }
    if ((typeof v !== "object" && typeof v !== "function") || v === null || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Map) {
      for (const [k, x] of v) {
        visit(k, `${at}.<key>`);
        visit(x, `${at}.get(${String(k)})`);
      }
    } else if (v instanceof Set) {
      for (const x of v) visit(x, `${at}.<item>`);
    }
    for (const k of Object.keys(v)) {
      visit(k, `${at}.<key ${k}>`);
      visit((v as Record<string, unknown>)[k], `${at}.${k}`);
    }
  };
  visit(root, "$");
  return hits;
}
const secrets = Object.values(KEYS);

describe("sealed admin key", () => {
  it("the walker finds a key where one is (lib/stack's own credentials)", async () => {
    const { projectCredentials } = await import("@/lib/stack/projects");
    expect(findKeys({ creds: [projectCredentials("prod")] }, secrets)).toEqual(["$.creds.0.adminKey"]);
  });

  it("what a page receives holds no key: the current project, its client, the shell", async () => {
    const { getCurrentProject, getCurrentStack } = await import("@/lib/server/current-project");
    const { getShellContext } = await import("@/lib/server/shell-context");
    for (const slug of [undefined, "prod", "dev", "forged"]) {
      cookie.slug = slug;
      const stack = await getCurrentStack();
      const received = { stack, project: await getCurrentProject(), shell: await getShellContext() };
      expect(findKeys(received, secrets)).toEqual([]);
      expect(stack.project).toEqual(expect.objectContaining({ slug: slug === "dev" ? "dev" : "prod", apiUrl: "http://127.0.0.1:9" }));
      expect(Object.keys(stack.client).sort()).toEqual(["apiUrl", "projectId", "projectSlug", "request"]);
    }
    cookie.slug = "dev";
    expect((await getCurrentStack()).project).toEqual({ slug: "dev", name: "Development", projectId: "p-dev", apiUrl: "http://127.0.0.1:9", environment: "development" });
  });

  it("an action handler's whole context holds no key, and neither does its audit record", async () => {
    const { defineAction } = await import("@/lib/server/action");
    const { listAudit } = await import("@/lib/server/audit-query");
    let captured: unknown = null;
    const probe = defineAction({
      name: "keySealProbe",
      input: z.object({ note: z.string() }),
      handler: async (ctx) => {
        captured = ctx;
        ctx.audit({ type: "probe", id: ctx.project.slug }, { project: ctx.project });
        return { project: ctx.project };
      },
    });
    for (const slug of ["prod", "dev"]) {
      cookie.slug = slug;
      // "prod" is labelled production: its writes carry the typed project name.
      const result = await probe({ note: "hello", productionConfirmation: "Production" });
      expect(result).toMatchObject({ ok: true, data: { project: { slug } } });
      expect(captured).toMatchObject({ input: { note: "hello" }, project: { slug }, client: { projectSlug: slug } });
      expect(findKeys({ captured, result }, secrets)).toEqual([]);
    }
    const audited = await listAudit({ limit: 10 });
    expect(audited.filter((a) => a.action === "keySealProbe" && a.status === "success")).toHaveLength(2);
    expect(findKeys(audited, secrets)).toEqual([]);
  });
});
