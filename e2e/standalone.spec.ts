// The production server as the container runs it: the folder scripts/build-standalone.mjs makes
// from this run's build (no second build), started with `node serve.mjs`, a minimal environment
// and its own projects: a development and a production project, a key rotation in progress, a
// wrong key, and a Stack server this spec stops. Its logs are collected and searched for secrets.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { request as playwrightRequest, type Page } from "@playwright/test";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";
import { recordActionPost, refusedWith, replay } from "./action-replay";
import { E2E_DIR, EMULATOR_URL, NEXTAUTH_SECRET, OIDC_CLIENT, OPERATORS, PROJECT, STANDALONE_PORT } from "./env";
import { clearFaults, injectFaults } from "./entry-points";
import { expect, test } from "./fixtures";

const ROOT = path.resolve(import.meta.dirname, "..");
const BASE = `http://127.0.0.1:${STANDALONE_PORT}`;
const WRONG_KEY = "sak_standalonewrongkey0123456789abcdefghijklmnopqr";
const NOT_YET_VALID_KEY = "sak_standalonenotyetvalidkey0123456789abcdefghijk";
const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const rows = (page: Page) => page.getByRole("row", { name: /^Open / });

let server: ChildProcess;
let exited: Promise<number | null>;
let output = "";
let spare: TestEmulator;
let rotatedKey = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const folder = execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-standalone.mjs")], { cwd: ROOT, encoding: "utf8" }).trim();
  spare = await startEmulatorProcess();
  // A real rotation on the spare server: a second admin key, listed first (newest).
  const created = await spare.fetch("/internal/api-keys", {
    method: "POST",
    body: { description: "rotation", expires_at_millis: Date.now() + 86_400_000, has_publishable_client_key: false, has_secret_server_key: false, has_super_secret_admin_key: true },
  });
  rotatedKey = created.body.super_secret_admin_key;
  expect(rotatedKey).toMatch(/^sak_/);

  const main = { projectId: PROJECT.id, apiUrl: EMULATOR_URL };
  const projects = [
    { slug: "dev", name: "E2E development", ...main, adminKeyEnv: "SA_DEV_KEY", environment: "development" },
    { slug: "prod", name: "E2E production", ...main, adminKeyEnv: "SA_PROD_KEY", environment: "production" },
    { slug: "rotating", name: "Rotation, new key not live yet", ...main, adminKeyEnv: "SA_ROTATING_KEYS" },
    { slug: "wrong-key", name: "Wrong key", ...main, adminKeyEnv: "SA_WRONG_KEY" },
    { slug: "rotated", name: "Rotation, new key live", projectId: TEST_PROJECT.projectId, apiUrl: spare.url, adminKeyEnv: "SA_ROTATED_KEYS" },
    { slug: "spare", name: "Spare server", projectId: TEST_PROJECT.projectId, apiUrl: spare.url, adminKeyEnv: "SA_SPARE_KEY" },
  ];
  const projectsFile = path.join(E2E_DIR, "standalone-projects.json");
  fs.writeFileSync(projectsFile, JSON.stringify({ projects }, null, 2));
  const dbFile = path.join(E2E_DIR, "standalone-admin.db");
  fs.rmSync(dbFile, { force: true });

  // Nothing of this shell's environment: what a container gets from its orchestrator.
  server = spawn(process.execPath, [path.join(folder, "serve.mjs")], {
    cwd: folder,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(STANDALONE_PORT),
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_URL: BASE,
      NEXTAUTH_SECRET,
      OPERATORS_FILE: path.join(E2E_DIR, "operators.json"),
      STACK_ADMIN_DB: dbFile,
      STACK_PROJECTS_FILE: projectsFile,
      SA_DEV_KEY: PROJECT.superSecretAdminKey,
      SA_PROD_KEY: PROJECT.superSecretAdminKey,
      SA_ROTATING_KEYS: `${NOT_YET_VALID_KEY},${PROJECT.superSecretAdminKey}`,
      SA_WRONG_KEY: WRONG_KEY,
      SA_ROTATED_KEYS: `${rotatedKey},${TEST_PROJECT.superSecretAdminKey}`,
      SA_SPARE_KEY: TEST_PROJECT.superSecretAdminKey,
      LOG_LEVEL: "info",
      SHUTDOWN_TIMEOUT_MS: "20000",
      // serve.mjs sets it too; here so the environment is complete as typed.
      NODE_ENV: "production",
    },
  });
  server.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  server.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  exited = new Promise((resolve) => server.once("exit", (code) => resolve(code)));
  await expect
    .poll(async () => (await fetch(`${BASE}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000, message: `the standalone server did not start:\n${output}` })
    .toBe(200);
});

test.afterAll(async () => {
  await clearFaults();
  if (server && server.exitCode === null) server.kill("SIGKILL");
  await spare?.stop();
  fs.writeFileSync(path.join(E2E_DIR, "standalone.log"), output);
});

test("the runnable folder has no dev dependency and no .env file", () => {
  const folder = path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "standalone");
  const modules = fs.readdirSync(path.join(folder, "node_modules"));
  for (const dev of ["@playwright", "vitest", "typescript", "eslint", "tsx", "oidc-provider"]) expect(modules, dev).not.toContain(dev);
  expect(modules).toContain("better-sqlite3");
  expect(fs.readdirSync(folder).filter((f) => f.startsWith(".env"))).toEqual([]);
  expect(fs.existsSync(path.join(folder, process.env.NEXT_DIST_DIR || ".next", "static"))).toBe(true);
});

test("/api/health answers 200 without a session; /api/ready names each project's check and key", async () => {
  const health = await fetch(`${BASE}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true });

  const ready = await fetch(`${BASE}/api/ready`);
  const text = await ready.text();
  expect(ready.status, text).toBe(503);
  const body = JSON.parse(text);
  expect(body.ready).toBe(false);
  expect(body.database).toEqual({ ok: true });
  expect(body.projects).toEqual([
    { slug: "dev", ok: true, key: "1 of 1" },
    { slug: "prod", ok: true, key: "1 of 1" },
    // The new key is refused (not created yet): the old one, second in the list, answers.
    { slug: "rotating", ok: true, key: "2 of 2" },
    { slug: "wrong-key", ok: false, code: "INVALID_SUPER_SECRET_ADMIN_KEY", key: "1 of 1" },
    { slug: "rotated", ok: true, key: "1 of 2" },
    { slug: "spare", ok: true, key: "1 of 1" },
  ]);
  for (const secret of [PROJECT.superSecretAdminKey, WRONG_KEY, NOT_YET_VALID_KEY, rotatedKey, TEST_PROJECT.superSecretAdminKey, EMULATOR_URL, spare.url]) {
    expect(text).not.toContain(secret);
  }
});

test("smoke: sign in, the users list, one write", async ({ browser, emulator }) => {
  const context = await browser.newContext({ baseURL: BASE, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page);
  await expect(page.getByTestId("environment-band")).toHaveText(/Development · E2E development/i);

  await page.goto("/users");
  await expect(rows(page).first()).toBeVisible();

  const email = `standalone-${uniq()}@example.test`;
  await page.getByRole("button", { name: "Create user" }).click();
  const dialog = page.getByRole("dialog", { name: "Create user" });
  await dialog.getByLabel("E-mail", { exact: true }).fill(email);
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Created ${email}`)).toBeVisible();
  expect((await emulator.fetch(`/users?query=${encodeURIComponent(email)}`)).body.items).toHaveLength(1);
  await context.close();
});

test("a production project: the band, the typed project name asked once, and the server's own check", async ({ browser, emulator }) => {
  const context = await browser.newContext({ baseURL: BASE, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page);
  const switcher = page.getByRole("combobox", { name: "Project" });
  await expect(switcher.locator("option[value=prod]")).toHaveText("E2E production (Production)");
  await switcher.selectOption("prod");
  const band = page.getByTestId("environment-band");
  await expect(band).toHaveText(/Production · E2E production/i);
  await expect(band).toHaveAttribute("data-environment", "production");

  // The band and the switcher's colour pass the same WCAG 2.1 A/AA scan as every page (e2e/a11y.spec.ts).
  const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(scan.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await page.goto("/users");
  const email = `standalone-prod-${uniq()}@example.test`;
  await page.getByRole("button", { name: "Create user" }).click();
  const form = page.getByRole("dialog", { name: "Create user" });
  await form.getByLabel("E-mail", { exact: true }).fill(email);
  const recorded = await recordActionPost(page, () => form.getByRole("button", { name: "Create user" }).click(), (b) => b.includes(email));

  const prompt = page.getByRole("dialog", { name: "Change a production project?" });
  await expect(prompt).toBeVisible();
  // The band stays on top of the dialog's overlay: it is what the top of the window shows.
  await expect(band).toBeVisible();
  const box = (await band.boundingBox())!;
  // (The open dialog turns pointer events off outside it, which elementFromPoint would skip: back on for the probe.)
  const onTop = await page.evaluate(
    ([x, y]) => {
      const el = document.querySelector<HTMLElement>("[data-testid=environment-band]")!;
      el.style.pointerEvents = "auto";
      const hit = document.elementFromPoint(x!, y!);
      el.style.pointerEvents = "";
      return hit !== null && el.contains(hit);
    },
    [box.x + 5, box.y + box.height / 2],
  );
  expect(onTop, "the band is painted above the dialog's overlay").toBe(true);
  await expect(prompt.getByRole("button", { name: "Confirm change" })).toBeDisabled();
  await prompt.getByRole("textbox").fill("E2E production");
  await prompt.getByRole("button", { name: "Confirm change" }).click();
  await expect(form).toBeHidden();
  await expect(rows(page).first()).toContainText(email);
  expect((await emulator.fetch(`/users?query=${encodeURIComponent(email)}`)).body.items).toHaveLength(1);
  // The UI's first try went without the name and was refused before reaching Stack.
  expect(recorded.body).not.toContain("productionConfirmation");

  // Replayed outside the UI, with the session and project cookies only: the server decides.
  const cookies = (await context.cookies(BASE)).filter((c) => c.name !== "stack-admin-production-confirmation");
  const api = await playwrightRequest.newContext({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") } });
  const replayEmail = `standalone-replay-${uniq()}@example.test`;
  const bodyWith = (extra: Record<string, unknown>) => {
    const args = JSON.parse(recorded.body) as [Record<string, unknown>];
    expect(args[0]!.primaryEmail).toBe(email);
    return JSON.stringify([{ ...args[0], primaryEmail: replayEmail, ...extra }]);
  };
  const before = await emulator.settledApiRequests();
  expect(refusedWith(await replay(api, recorded, bodyWith({})), "PRODUCTION_CONFIRMATION_REQUIRED")).toBe(true);
  expect(refusedWith(await replay(api, recorded, bodyWith({ productionConfirmation: "E2E staging" })), "PRODUCTION_CONFIRMATION_MISMATCH")).toBe(true);
  expect(refusedWith(await replay(api, recorded, bodyWith({ productionConfirmation: "e2e production" })), "PRODUCTION_CONFIRMATION_MISMATCH")).toBe(true);
  expect(await emulator.apiRequests(), "refusals reach no Stack server").toBe(before);
  const accepted = await replay(api, recorded, bodyWith({ productionConfirmation: "E2E production" }));
  expect(accepted.text).toContain(`"ok":true`);
  expect((await emulator.fetch(`/users?query=${encodeURIComponent(replayEmail)}`)).body.items).toHaveLength(1);
  await api.dispose();
  await context.close();
});

test("/api/ready names a stopped Stack server", async () => {
  await spare.stop();
  await expect
    .poll(async () => (await (await fetch(`${BASE}/api/ready`)).json()).projects.filter((p: { ok: boolean }) => !p.ok), { timeout: 30_000 })
    .toEqual([
      { slug: "wrong-key", ok: false, code: "INVALID_SUPER_SECRET_ADMIN_KEY", key: "1 of 1" },
      { slug: "rotated", ok: false, code: "STACK_UNREACHABLE", key: "1 of 2" },
      { slug: "spare", ok: false, code: "STACK_UNREACHABLE", key: "1 of 1" },
    ]);
});

test("SIGTERM during a slow request: the request finishes, then the server exits cleanly", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page);
  const cookie = (await context.cookies(BASE)).map((c) => `${c.name}=${c.value}`).join("; ");
  await context.close();

  await injectFaults([{ method: "GET", path: "/users", delay_ms: 5000, count: 1 }]);
  const slow = fetch(`${BASE}/api/users?pageSize=10`, { headers: { cookie } });
  // Let the request reach Stack (the emulator holds it for 5 s), then stop the server.
  await new Promise((r) => setTimeout(r, 1500));
  server.kill("SIGTERM");
  const res = await slow;
  expect(res.status).toBe(200);
  expect((await res.json()).items.length).toBeGreaterThan(0);
  expect(await exited).toBe(0);
  const lines = jsonLines();
  expect(lines.find((l) => l.msg === "shutdown")).toMatchObject({ signal: "SIGTERM", inFlight: 1 });
  expect(lines.find((l) => l.msg === "stopped")).toMatchObject({ signal: "SIGTERM", unfinished: 0 });
});

test("the logs: one JSON line per request and per action, and no key, token, secret or user e-mail", async ({ emulator }) => {
  const lines = jsonLines();
  const request = lines.find((l) => l.msg === "request" && l.path === "/users");
  expect(request).toMatchObject({ level: "info", method: "GET", status: 200 });
  expect(request!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(typeof request!.durationMs).toBe("number");
  const action = lines.find((l) => l.msg === "action" && l.project === "prod" && l.outcome === "success");
  expect(action).toMatchObject({ action: "createUser", operator: OPERATORS.admin.email, upstreamStatus: 201 });
  expect(lines.find((l) => l.msg === "action" && l.outcome === "PRODUCTION_CONFIRMATION_REQUIRED")).toBeTruthy();

  const users = (await emulator.fetch("/users?limit=1000")).body.items as { primary_email: string | null }[];
  const emails = users.map((u) => u.primary_email).filter((e): e is string => Boolean(e));
  expect(emails.length).toBeGreaterThan(100);
  const secrets = [PROJECT.superSecretAdminKey, PROJECT.secretServerKey, WRONG_KEY, NOT_YET_VALID_KEY, rotatedKey, TEST_PROJECT.superSecretAdminKey, NEXTAUTH_SECRET, OIDC_CLIENT.secret, OPERATORS.admin.password];
  const lower = output.toLowerCase();
  for (const s of [...secrets, ...emails]) expect(lower.includes(s.toLowerCase()), `the logs contain ${s.slice(0, 12)}…`).toBe(false);
  // Session tokens (next-auth's JWE) and cookies are never written either.
  expect(output).not.toMatch(/next-auth\.session-token|eyJ[A-Za-z0-9_-]{20,}/);
});

/** Through the sign-in form, as an operator would; the first pages of a fresh server render slowly. */
async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(OPERATORS.admin.email);
  await page.getByLabel("Password").fill(OPERATORS.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
}

function jsonLines(): Record<string, any>[] {
  return output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, any>);
}
