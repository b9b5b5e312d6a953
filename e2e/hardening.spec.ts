// The console as an attacker meets it: the CSP that proxy.ts sets per request, ids that would
// address other Stack routes, malformed requests, and writes from a foreign or missing Origin.
// Every refusal is checked against the emulator's request count: nothing may reach Stack.
import http from "node:http";
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, type Emulator } from "./fixtures";
import { DASHBOARD_URL, storageStatePath } from "./env";
import { recordActionPost, refusedWith, replay, type RecordedAction } from "./action-replay";

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const UNKNOWN_USER = "00000000-0000-4000-8000-000000000000";

async function makeUser(emulator: Emulator, tag: string, extra: Record<string, unknown> = {}) {
  return emulator.createUser({ primary_email: `e2e-hard-${tag}-${uniq()}@example.test`, display_name: `Hardening ${tag}`, ...extra });
}

function scriptNonce(csp: string | undefined): string {
  const scriptSrc = (csp ?? "").split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src "));
  expect(scriptSrc, `script-src in ${csp}`).toBeTruthy();
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(scriptSrc).toContain("'strict-dynamic'");
  const nonce = /'nonce-([A-Za-z0-9+/=]{16,})'/.exec(scriptSrc!)?.[1];
  expect(nonce, scriptSrc).toBeTruthy();
  return nonce!;
}

/** Every <script> tag of the document, opening tags only. */
const scriptTags = (html: string) => html.match(/<script\b[^>]*>/gi) ?? [];

/** A JSON string's inner text, for splicing a hostile value into a recorded action body. */
const jsonInner = (value: string) => JSON.stringify(value).slice(1, -1);

const withOwner = (playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }) =>
  playwright.request.newContext({ storageState: storageStatePath("admin") });

test.describe("content security policy", () => {
  test("every page: a fresh nonce per response, no 'unsafe-inline' script, every <script> carries the nonce", async ({ playwright, emulator }) => {
    const u = await makeUser(emulator, "csp");
    const owner = await withOwner(playwright);
    const anonymous = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
    const pages: [APIRequestContext, string][] = [
      [anonymous, "/sign-in"],
      [anonymous, "/sign-in?callbackUrl=%2Fusers&error=CredentialsSignin"],
      [owner, "/"],
      [owner, "/users"],
      [owner, `/users/${u.id}`],
      [owner, `/users/${UNKNOWN_USER}`],
      [owner, "/audit"],
      [owner, "/no-such-page"],
    ];
    for (const [ctx, path] of pages) {
      const nonces: string[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await ctx.get(path, { maxRedirects: 0 });
        expect(res.status(), path).toBeLessThan(500);
        expect(res.headers()["content-type"], path).toContain("text/html");
        const nonce = scriptNonce(res.headers()["content-security-policy"]);
        const tags = scriptTags(await res.text());
        expect(tags.length, `${path} has scripts`).toBeGreaterThan(0);
        for (const tag of tags) expect(tag, path).toContain(` nonce="${nonce}"`);
        nonces.push(nonce);
      }
      expect(nonces[0], `${path}: a new nonce for each response`).not.toBe(nonces[1]);
    }
    await owner.dispose();
    await anonymous.dispose();
  });

  test("pages run without a violation; an injected inline script without the nonce is blocked", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "inject");
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

    // The app's own scripts (Next's, next-themes' inline theme script, lazy chunks) all run.
    for (const path of ["/", "/audit", `/users/${u.id}`]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveClass(/\b(light|dark)\b/);
      expect(await violations(), path).toEqual([]);
    }
    await page.getByRole("button", { name: "Delete user…" }).click();
    await expect(page.getByRole("dialog", { name: "Delete user" })).toBeVisible();
    expect(await violations()).toEqual([]);

    // An XSS that got markup into the page: an inline script and an event handler without the
    // nonce, and one script with the response's real nonce as the control that a trusted one runs.
    await page.route(
      (url) => url.pathname === "/users",
      async (route) => {
        if (route.request().resourceType() !== "document") return route.continue();
        const res = await route.fetch();
        const nonce = scriptNonce(res.headers()["content-security-policy"]);
        const html = (await res.text()).replace(
          "<head>",
          `<head><script>window.__injected = "ran"</script><script nonce="${nonce}">window.__control = "ran"</script>` +
            `<img src="/__missing.png" onerror="window.__onerror = 'ran'">`,
        );
        await route.fulfill({ response: res, body: html });
      },
    );
    await page.goto("/users");
    const search = page.getByRole("searchbox", { name: "Search users" });
    await search.fill(u.primary_email!);
    await expect(page).toHaveURL(/[?&]q=/); // hydrated: the table writes its state to the URL
    const globals = () => page.evaluate(() => ({ injected: (window as any).__injected, control: (window as any).__control }));
    expect(await globals()).toEqual({ injected: undefined, control: "ran" });
    await expect.poll(async () => (await violations()).sort()).toEqual(["script-src-attr inline", "script-src-elem inline"]);
    expect(await page.evaluate(() => (window as any).__onerror)).toBeUndefined();
  });

  test("HSTS follows the public URL (http here), not a client-sent X-Forwarded-Proto", async ({ request }) => {
    const res = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
    expect(res.status()).toBe(200);
    expect(res.headers()["strict-transport-security"]).toBeUndefined();
    expect(res.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
  });
});

/** Hostile ids: dot segments (plain and encoded), traversal, separators, empty, huge. */
const pathIds = (userId: string) => [".", "..", "%2e%2e", "%2E.", ".%2e", "../..", `../../users/${userId}`, "..%2F..%2Fusers", "..\\..", "a/b", "a?b=1", "a#b", "", " ", "x".repeat(10_000)];

test.describe("ids cannot address other Stack routes", () => {
  test("revokeSession with a dot-segment or path-like session id is INVALID_INPUT, with no upstream call", async ({ page, playwright, emulator }) => {
    const u = await makeUser(emulator, "sessions");
    for (let i = 0; i < 2; i++) expect((await emulator.fetch("/auth/sessions", { method: "POST", body: { user_id: u.id } })).status).toBe(200);
    await page.goto(`/users/${u.id}`);
    const sessions = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "IP / location" }) });
    const rec = await recordActionPost(page, () => sessions.getByRole("button", { name: "Revoke", exact: true }).first().click(), (b) => b.includes("sessionId"));
    await expect(page.getByText("Session revoked")).toBeVisible();
    const revoked = /"sessionId":"([^"]+)"/.exec(rec.body)![1]!;
    const remaining = (await emulator.fetch(`/auth/sessions?user_id=${u.id}`)).body.items as { id: string }[];
    expect(remaining).toHaveLength(1);
    await page.goto("about:blank");

    const owner = await withOwner(playwright);
    const before = await emulator.settledApiRequests();
    for (const bad of [...pathIds(u.id), `${remaining[0]!.id}/..`]) {
      const r = await replay(owner, rec, rec.body.replaceAll(revoked, jsonInner(bad)));
      expect(refusedWith(r, "INVALID_INPUT"), `sessionId ${JSON.stringify(bad.slice(0, 40))}: ${r.status} ${r.text.slice(0, 300)}`).toBe(true);
    }
    // The user id is checked as strictly: ".." there would turn the query into another route's.
    const r = await replay(owner, rec, rec.body.replaceAll(u.id, "..").replaceAll(revoked, remaining[0]!.id));
    expect(refusedWith(r, "INVALID_INPUT"), r.text.slice(0, 300)).toBe(true);
    expect(await emulator.apiRequests(), "no request reached Stack").toBe(before);
    expect((await emulator.fetch(`/auth/sessions?user_id=${u.id}`)).body.items).toHaveLength(1);

    // Control: the same replay with a real session id revokes it.
    const ok = await replay(owner, rec, rec.body.replaceAll(revoked, remaining[0]!.id));
    expect(ok.text, ok.text.slice(0, 300)).toContain(`"ok":true`);
    expect((await emulator.fetch(`/auth/sessions?user_id=${u.id}`)).body.items).toHaveLength(0);
    await owner.dispose();
  });

  test("linked-account actions with a dot-segment provider id are INVALID_INPUT, with no upstream call", async ({ page, playwright, emulator }) => {
    const u = await makeUser(emulator, "oauth", { oauth_providers: [{ id: "github", account_id: `gh-${uniq()}`, email: "gh@example.test" }] });
    const linked = async () => (await emulator.fetch(`/oauth-providers?user_id=${u.id}`)).body.items as { id: string; allow_sign_in: boolean }[];
    const [link] = await linked();
    await page.goto(`/users/${u.id}`);
    const account = page.getByRole("list", { name: "Linked OAuth accounts" }).getByRole("listitem").filter({ hasText: "GitHub" });
    const rec = await recordActionPost(page, () => account.getByRole("switch", { name: "Sign-in" }).click(), (b) => b.includes(link!.id));
    await expect(page.getByText("GitHub sign-in turned off")).toBeVisible();
    expect(await linked()).toMatchObject([{ allow_sign_in: false }]);
    await page.goto("about:blank");

    const owner = await withOwner(playwright);
    const turnOn = rec.body.replace(`"allowSignIn":false`, `"allowSignIn":true`);
    expect(turnOn).not.toBe(rec.body);
    const before = await emulator.settledApiRequests();
    for (const bad of pathIds(u.id)) {
      const r = await replay(owner, rec, turnOn.replaceAll(link!.id, jsonInner(bad)));
      expect(refusedWith(r, "INVALID_INPUT"), `providerId ${JSON.stringify(bad.slice(0, 40))}: ${r.status} ${r.text.slice(0, 300)}`).toBe(true);
    }
    expect(await emulator.apiRequests(), "no request reached Stack").toBe(before);
    expect(await linked()).toMatchObject([{ allow_sign_in: false }]);

    const ok = await replay(owner, rec, turnOn);
    expect(ok.text, ok.text.slice(0, 300)).toContain(`"ok":true`);
    expect(await linked()).toMatchObject([{ allow_sign_in: true }]);
    await owner.dispose();
  });
});

/** A fresh user renamed through the profile card: the recorded updateUserProfile POST and the name it set. */
async function renameThroughUi(page: Page, emulator: Emulator, tag: string): Promise<{ userId: string; name: string; rec: RecordedAction }> {
  const { id: userId } = await makeUser(emulator, tag);
  const name = `Renamed ${tag} ${uniq()}`;
  await page.goto(`/users/${userId}`);
  await page.getByLabel("Display name").fill(name);
  const rec = await recordActionPost(page, () => page.getByRole("button", { name: "Save profile" }).click(), (b) => b.includes(name));
  await expect(page.getByText("Profile saved")).toBeVisible();
  expect((await emulator.fetch(`/users/${userId}`)).body.display_name, "the browser's own action works").toBe(name);
  expect(rec.headers.origin, "the browser sent its Origin").toBe(DASHBOARD_URL);
  await page.goto("about:blank");
  return { userId, name, rec };
}

const noTrace = (text: string) => !/\n\s+at /.test(text) && !text.includes("node_modules");

test.describe("malformed requests get 4xx, never a 500", () => {
  test("undecodable paths answer 400 JSON, signed in or not", async ({ playwright }) => {
    const owner = await withOwner(playwright);
    const anonymous = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
    for (const ctx of [owner, anonymous]) {
      for (const path of ["/users/%ZZ", "/api/auth/%ZZ", "/api/auth/callback/%ZZ", "/%ZZ", "/users/%C0%AF", "/api/users/%E0%A4%A", "/sign-in/%"]) {
        const res = await ctx.get(path, { maxRedirects: 0 });
        const text = await res.text();
        expect(res.status(), `${path}: ${text.slice(0, 200)}`).toBe(400);
        expect(JSON.parse(text)).toMatchObject({ ok: false, code: "BAD_REQUEST" });
      }
    }
    // Decodable but odd paths are ordinary 404s or redirects, never a 500 with a trace.
    for (const path of ["/users/%2e%2e", "/users/..%2F..%2Fapi%2Fusers", "/users/%00", "/users/not-a-uuid", `/users/${UNKNOWN_USER}/x`, "/api/auth/%2e%2e/session"]) {
      const res = await owner.get(path, { maxRedirects: 0 });
      const text = await res.text();
      expect(res.status(), path).toBeLessThan(500);
      expect(noTrace(text), path).toBe(true);
    }
    await owner.dispose();
    await anonymous.dispose();
  });

  test("an action body over 2 MB is 413, a malformed one 400, before the action runs; an oversized field within the limit is a validation error", async ({ page, playwright, emulator }) => {
    const { userId, name, rec } = await renameThroughUi(page, emulator, "size");
    const owner = await withOwner(playwright);
    const before = await emulator.settledApiRequests();

    const over = await replay(owner, rec, rec.body.replace(name, "x".repeat(3 * 1024 * 1024)));
    expect(over.status, over.text.slice(0, 300)).toBe(413);
    expect(JSON.parse(over.text)).toMatchObject({ ok: false, code: "PAYLOAD_TOO_LARGE" });

    const within = await replay(owner, rec, rec.body.replace(name, "x".repeat(1024 * 1024)));
    expect(refusedWith(within, "INVALID_INPUT"), `${within.status} ${within.text.slice(0, 300)}`).toBe(true);

    // Bodies React's decoder would fail on (a 500 from Next) are refused before it runs.
    for (const body of ["not json", rec.body.slice(0, 20), "", "[".repeat(5000) + "]".repeat(5000)]) {
      const r = await replay(owner, rec, body);
      expect(r.status, `${JSON.stringify(body.slice(0, 20))}: ${r.text.slice(0, 300)}`).toBe(400);
      expect(JSON.parse(r.text)).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    }

    // A body without a declared length cannot be bounded before it is read: 411.
    const chunked = await postChunked(rec, await cookieHeader(owner), "x".repeat(64 * 1024));
    expect(chunked.status, chunked.text.slice(0, 300)).toBe(411);
    expect(JSON.parse(chunked.text)).toMatchObject({ ok: false, code: "LENGTH_REQUIRED" });

    expect(await emulator.apiRequests(), "no request reached Stack").toBe(before);
    expect((await emulator.fetch(`/users/${userId}`)).body.display_name).toBe(name);
    await owner.dispose();
  });
});

async function cookieHeader(ctx: APIRequestContext): Promise<string> {
  return (await ctx.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** The recorded action POST with `Transfer-Encoding: chunked` (Playwright always sends a length). */
function postChunked(rec: RecordedAction, cookie: string, body: string): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { ...pick(rec.headers, ["next-action", "next-router-state-tree", "content-type", "accept", "origin"]), cookie };
  return new Promise((resolve, reject) => {
    const req = http.request(rec.url, { method: "POST", headers }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.write(body.slice(0, body.length / 2));
    req.end(body.slice(body.length / 2));
  });
}

const pick = (o: Record<string, string>, keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));

test.describe("writes need this console's Origin", () => {
  test("a replayed action without Origin, with a foreign one or a spoofed X-Forwarded-Host is refused with no upstream call", async ({ page, playwright, emulator }) => {
    const { userId, name, rec } = await renameThroughUi(page, emulator, "origin");
    const owner = await withOwner(playwright);
    const before = await emulator.settledApiRequests();

    const attempts: { label: string; headers?: Record<string, string>; omit?: string[] }[] = [
      { label: "no Origin", omit: ["origin"] },
      { label: "no Origin, X-Forwarded-Host of the console", headers: { "x-forwarded-host": new URL(DASHBOARD_URL).host }, omit: ["origin"] },
      { label: "foreign Origin", headers: { origin: "http://evil.example" } },
      // Next's own check would pass this one: it compares Origin with X-Forwarded-Host.
      { label: "foreign Origin with a matching X-Forwarded-Host", headers: { origin: "http://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" } },
      { label: "Origin null", headers: { origin: "null" } },
      { label: "the console's host over another scheme", headers: { origin: DASHBOARD_URL.replace("http:", "https:") } },
      { label: "a look-alike host", headers: { origin: `${DASHBOARD_URL}.evil.example` } },
    ];
    for (const [i, a] of attempts.entries()) {
      const r = await replay(owner, rec, rec.body.replace(name, `Forged ${i}`), a.headers, a.omit);
      expect(r.status, `${a.label}: ${r.text.slice(0, 300)}`).toBe(403);
      expect(JSON.parse(r.text), a.label).toMatchObject({ ok: false, code: "FORBIDDEN_ORIGIN" });
    }
    expect(await emulator.apiRequests(), "no request reached Stack").toBe(before);
    expect((await emulator.fetch(`/users/${userId}`)).body.display_name).toBe(name);

    // Control: the recorded Origin goes through, even next to a spoofed X-Forwarded-Host.
    const ok = await replay(owner, rec, rec.body.replace(name, "Renamed Again"), { "x-forwarded-host": "evil.example" });
    expect(ok.text, ok.text.slice(0, 300)).toContain(`"ok":true`);
    expect((await emulator.fetch(`/users/${userId}`)).body.display_name).toBe("Renamed Again");
    await owner.dispose();
  });

  test("route handlers and next-auth's POSTs check Origin too", async ({ playwright }) => {
    const owner = await withOwner(playwright);
    const projectCookie = async () => (await owner.storageState()).cookies.find((c) => c.name === "stack-admin-project")?.value;
    const selectedBefore = await projectCookie();

    // Project switch: refused without Origin, accepted with it.
    const noOrigin = await owner.post("/api/projects/select", { form: { slug: "mirror" }, maxRedirects: 0 });
    expect(noOrigin.status()).toBe(403);
    expect(await projectCookie()).toBe(selectedBefore);
    const switched = await owner.post("/api/projects/select", { form: { slug: "mirror" }, headers: { origin: DASHBOARD_URL }, maxRedirects: 0 });
    expect(switched.status()).toBe(303);
    expect(await projectCookie()).toBe("mirror");

    // Sign-out without Origin ends nothing.
    const csrf = ((await (await owner.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
    const signOut = await owner.post("/api/auth/signout", { form: { csrfToken: csrf }, headers: { origin: "http://evil.example" }, maxRedirects: 0 });
    expect(signOut.status()).toBe(403);
    expect(((await (await owner.get("/api/auth/session")).json()) as { user?: unknown }).user, "still signed in").toBeTruthy();
    await owner.dispose();

    // Sign-in: a credentials POST without Origin gets no session.
    const anonymous = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
    const token = ((await (await anonymous.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
    const form = { csrfToken: token, email: "admin@example.com", password: "e2e-admin-password", json: "true" };
    const signIn = await anonymous.post("/api/auth/callback/credentials", { form, maxRedirects: 0 });
    expect(signIn.status()).toBe(403);
    expect((await anonymous.storageState()).cookies.map((c) => c.name)).not.toContain("next-auth.session-token");
    await anonymous.dispose();
  });
});
