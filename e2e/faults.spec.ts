// A failing Stack: the emulator's fault injection (5xx, 429 with Retry-After, malformed JSON, a
// reset connection, latency beyond the console's timeout) and a project whose API URL is a closed
// port. Each failure shows a specific message, reads are retried within bounds, a write is sent
// once (the emulator's request log), the audit log records it, and the rest keeps serving.
import { DOWN_API_URL, storageStatePath } from "./env";
import {
  auditSince,
  callAction,
  clearFaults,
  emulatorRequests,
  injectFaults,
  lastAuditId,
  lastRequestSeq,
  serverActions,
  storedSessionCookie,
} from "./entry-points";
import { test, expect, type Emulator } from "./fixtures";
import { DASHBOARD_URL } from "./env";

// The dashboard's per-attempt timeout (STACK_REQUEST_TIMEOUT_MS, default 10 s) and GET attempts.
const TIMEOUT_MS = 10_000;
const GET_ATTEMPTS = 3;

const owner = () => storedSessionCookie(storageStatePath("admin"));
const unique = (what: string) => `${what}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const PROJECT_COOKIE = "stack-admin-project";

/** The users page as server-rendered HTML for the owner (a search no other test uses, so its list GETs are ours). */
async function usersPage(q: string) {
  const res = await fetch(`${DASHBOARD_URL}/users?q=${q}`, { headers: { cookie: owner() } });
  return { status: res.status, html: await res.text() };
}

test.describe("a failing Stack", () => {
  test.afterEach(async () => {
    await clearFaults();
  });

  test("reads: each fault gives a specific message and is retried only within bounds", async () => {
    test.setTimeout(90_000);
    type Case = { fault: Record<string, unknown>; gets: number; shows: RegExp | null; code?: string };
    const cases: Case[] = [
      { fault: { status: 500 }, gets: 1, shows: /Stack failed with HTTP 500/, code: "HTTP_500" },
      { fault: { status: 503 }, gets: 2, shows: null },
      { fault: { status: 503, count: GET_ATTEMPTS }, gets: GET_ATTEMPTS, shows: /Stack failed with HTTP 503/, code: "HTTP_503" },
      { fault: { status: 429, retry_after: 1 }, gets: 2, shows: null },
      { fault: { status: 429, retry_after: 1, count: GET_ATTEMPTS }, gets: GET_ATTEMPTS, shows: /rate-limiting requests \(HTTP 429\)/, code: "UPSTREAM_RATE_LIMITED" },
      { fault: { malformed_json: true }, gets: 1, shows: /Unexpected response from Stack for GET \/users: \(root\): body is not JSON/, code: "UPSTREAM_INVALID_RESPONSE" },
      { fault: { reset: true }, gets: 2, shows: null },
      { fault: { reset: true, count: GET_ATTEMPTS }, gets: GET_ATTEMPTS, shows: /The connection to Stack was cut before it answered/, code: "UPSTREAM_CONNECTION_RESET" },
      { fault: { delay_ms: TIMEOUT_MS + 1_000 }, gets: 1, shows: new RegExp(`Stack did not answer within ${TIMEOUT_MS / 1000} s`), code: "UPSTREAM_TIMEOUT" },
    ];
    for (const c of cases) {
      const q = unique("fault");
      const seq = await lastRequestSeq();
      const auditId = lastAuditId();
      await injectFaults([{ ...c.fault, method: "GET", path: "/users" }]);
      const started = Date.now();
      const page = await usersPage(q);
      const label = JSON.stringify(c.fault);
      expect(page.status, label).toBe(200);
      const lists = (await emulatorRequests(seq)).items.filter((r) => r.method === "GET" && r.path.startsWith("/users?") && r.path.includes(q));
      expect(lists.length, `${label}: list requests sent`).toBe(c.gets);
      if (c.fault.retry_after) expect(Date.now() - started, `${label}: Retry-After honoured`).toBeGreaterThanOrEqual(1_000 * (c.gets - 1));
      if (c.shows) {
        expect(page.html, label).toMatch(c.shows);
        expect(page.html, label).toContain("Could not load users");
        const audited = auditSince(auditId).filter((r) => r.action === "listUsers" && r.status === "failure");
        expect(audited.map((r) => r.error_code), `${label}: audited`).toEqual([c.code]);
      } else {
        expect(page.html, `${label}: recovered by a retry`).not.toContain("Could not load users");
      }
    }
    // Nothing crashed: the emulator-backed pages answer normally afterwards.
    expect((await usersPage(unique("after"))).html).not.toContain("Could not load users");
  });

  test("writes: each fault is reported, the write is sent exactly once, and the failure is audited", async ({ emulator }) => {
    test.setTimeout(90_000);
    const createUser = serverActions().find((a) => a.exportedName === "createUserAction")!;
    type Case = { fault: Record<string, unknown>; code: string; applied: 0 | 1; message: RegExp };
    const maybe = /may have been applied: reload to check/;
    const cases: Case[] = [
      { fault: { status: 500 }, code: "HTTP_500", applied: 0, message: /Stack failed with HTTP 500/ },
      { fault: { status: 503 }, code: "HTTP_503", applied: 0, message: /Stack failed with HTTP 503/ },
      { fault: { status: 429, retry_after: 1 }, code: "UPSTREAM_RATE_LIMITED", applied: 0, message: /rate-limiting/ },
      { fault: { malformed_json: true }, code: "UPSTREAM_INVALID_RESPONSE", applied: 1, message: maybe },
      { fault: { reset: "before" }, code: "UPSTREAM_CONNECTION_RESET", applied: 0, message: maybe },
      { fault: { reset: "after" }, code: "UPSTREAM_CONNECTION_RESET", applied: 1, message: maybe },
      { fault: { delay_ms: TIMEOUT_MS + 1_000 }, code: "UPSTREAM_TIMEOUT", applied: 1, message: maybe },
    ];
    for (const c of cases) {
      const email = `${unique("write-fault")}@example.com`;
      const seq = await lastRequestSeq();
      const auditId = lastAuditId();
      await injectFaults([{ ...c.fault, method: "POST", path: "/users" }]);
      const reply = await callAction(createUser, [{ primaryEmail: email, password: "", displayName: "Write fault", primaryEmailVerified: false }], owner());
      const label = `${JSON.stringify(c.fault)}: HTTP ${reply.status} ${reply.text.slice(0, 300)}`;
      expect(reply.status, label).toBeLessThan(500);
      expect(reply.code, label).toBe(c.code);
      expect(reply.text, label).toMatch(c.message);
      // A delayed write is applied once the emulator wakes up; wait for it before counting.
      if (c.fault.delay_ms) await expect.poll(() => usersWithEmail(emulator, email), { timeout: 5_000 }).toBe(1);
      const posts = (await emulatorRequests(seq)).items.filter((r) => r.method === "POST" && r.path === "/users");
      expect(posts.length, `${label}: sent once`).toBe(1);
      expect(posts[0]!.body_sha256, label).toMatch(/^[0-9a-f]{64}$/);
      expect(await usersWithEmail(emulator, email), `${label}: applied ${c.applied} time(s)`).toBe(c.applied);
      const audited = auditSince(auditId).filter((r) => r.action === "createUser");
      expect(audited.map((r) => [r.status, r.error_code]), `${label}: audited`).toEqual([["failure", c.code]]);
    }
  });

  test("a project whose Stack refuses connections: clear messages, audited, and the rest keeps serving", async ({ browser, playwright }) => {
    const probe = await fetch(DOWN_API_URL).then(() => "answered", (e: { cause?: { code?: string } }) => e.cause?.code);
    expect(probe, `nothing may listen on ${DOWN_API_URL}`).toBe("ECONNREFUSED");
    const context = await browser.newContext({ storageState: storageStatePath("admin") });
    await context.addCookies([{ name: PROJECT_COOKIE, value: "down", url: DASHBOARD_URL }]);
    const page = await context.newPage();
    const refused = `Stack refused the connection at ${DOWN_API_URL}: the server is down or the project's API URL is wrong.`;
    const auditId = lastAuditId();

    // Next's route announcer is an (empty) alert too.
    const banner = page.getByRole("alert").filter({ hasText: "Could not load" });
    await page.goto("/");
    await expect(banner).toContainText("Could not load the project's metrics");
    await expect(banner).toContainText(refused);
    await expect(banner).toContainText("UPSTREAM_REFUSED");
    await page.goto("/users");
    await expect(banner).toContainText("Could not load users");
    await expect(banner).toContainText(refused);

    const createUser = serverActions().find((a) => a.exportedName === "createUserAction")!;
    const cookie = `${owner()}; ${PROJECT_COOKIE}=down`;
    const reply = await callAction(createUser, [{ primaryEmail: `${unique("down")}@example.com`, password: "", displayName: "Down", primaryEmailVerified: false }], cookie);
    expect(reply.code, reply.text.slice(0, 300)).toBe("UPSTREAM_REFUSED");

    // Pages that need no Stack call keep serving while it is down, and show the audited failures.
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(page.getByRole("table")).toContainText("createUser");
    const audited = auditSince(auditId).filter((r) => r.project_slug === "down");
    expect(new Set(audited.map((r) => `${r.action} ${r.status} ${r.error_code}`))).toEqual(
      new Set(["viewOverview failure UPSTREAM_REFUSED", "listUsers failure UPSTREAM_REFUSED", "createUser failure UPSTREAM_REFUSED"]),
    );
    const anonymous = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
    const signIn = await anonymous.get("/sign-in");
    expect(signIn.status()).toBe(200);
    expect(await signIn.text()).toContain("Sign in");
    await anonymous.dispose();
    // The other projects are unaffected.
    await context.clearCookies({ name: PROJECT_COOKIE });
    await page.goto("/users");
    await expect(page.getByRole("table")).toBeVisible();
    await expect(page.getByText("Could not load users")).toHaveCount(0);
    await context.close();
  });
});

async function usersWithEmail(emulator: Emulator, email: string): Promise<number> {
  const r = await emulator.fetch(`/users?query=${encodeURIComponent(email)}&limit=10`);
  return (r.body.items as { primary_email: string | null }[]).filter((u) => u.primary_email === email).length;
}
