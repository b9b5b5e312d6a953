import { test, expect, OPERATORS } from "./fixtures";
import { DASHBOARD_URL } from "./env";
import { signInOverHttp } from "./sign-in-http";

test.describe("operator sign-in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("an unauthenticated visit redirects to sign-in", async ({ page }) => {
    await page.goto("/users?q=ada");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fusers%3Fq%3Dada/);
    await expect(page.getByRole("heading", { name: "Stack Admin" })).toBeVisible();
  });

  test("a wrong password fails with a message and no session", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill(OPERATORS.admin.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    // Next's route announcer is also role=alert: pick ours by its text.
    await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
    await page.goto("/users");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("the right password signs in and lands on the callback page", async ({ page }) => {
    await page.goto("/sign-in?callbackUrl=%2Fusers");
    await page.getByLabel("E-mail").fill(OPERATORS.admin.email);
    await page.getByLabel("Password").fill(OPERATORS.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/users$/);
  });
});

/** A loopback address of its own (all of 127.0.0.0/8 is this machine): a fresh client for the limits. */
function freshAddress(): string {
  const n = () => 1 + Math.floor(Math.random() * 250);
  return `127.${n()}.${n()}.${n()}`;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Each resolves (URL parser: dot segments, %2e, `\` as `/`, tabs and newlines dropped) to a path
// that starts with `//`, or decodes to one.
const OFF_SITE_CALLBACKS = ["/.//evil.example/", "/..//evil.example", "/%2e%2e//evil.example", "/.\\\\evil.example", "/\t/\\evil.example", "/%2F/evil.example", "//evil.example"];

test.describe("sign-in redirects stay on this site", () => {
  test("signed in, /sign-in forwards every spelling of another host to this dashboard", async ({ request }) => {
    for (const callbackUrl of OFF_SITE_CALLBACKS) {
      const res = await request.get(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0 });
      expect(res.status(), JSON.stringify(callbackUrl)).toBeGreaterThanOrEqual(300);
      const location = res.headers().location ?? "";
      expect(new URL(location, DASHBOARD_URL).origin, `${JSON.stringify(callbackUrl)} → ${location}`).toBe(DASHBOARD_URL);
      expect(location, JSON.stringify(callbackUrl)).not.toMatch(/^[/\\]{2}|^[a-z]+:/i);
    }
  });

  test("next-auth's own redirects (callbackUrl cookie, sign-in result) normalise to a path here", async ({ playwright }) => {
    const ctx = await playwright.request.newContext({ baseURL: DASHBOARD_URL, storageState: { cookies: [], origins: [] } });
    for (const callbackUrl of OFF_SITE_CALLBACKS) {
      await ctx.get(`/api/auth/csrf?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      const cookie = (await ctx.storageState()).cookies.find((c) => c.name === "next-auth.callback-url");
      expect(decodeURIComponent(cookie?.value ?? ""), JSON.stringify(callbackUrl)).toBe(`${DASHBOARD_URL}/`);
    }
    const reply = await signInOverHttp({ email: OPERATORS.viewer.email, password: OPERATORS.viewer.password, from: freshAddress(), callbackUrl: "/.//evil.example/" });
    expect(reply.error).toBeNull();
    expect(reply.url).toBe(`${DASHBOARD_URL}/`);
    await ctx.dispose();
  });

  test("the sign-in form lands on this site when the callback spells another host", async ({ page }) => {
    await page.context().clearCookies();
    await page.context().route((url) => url.hostname.endsWith("evil.example"), (route) => route.abort());
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/.//evil.example/")}`);
    await page.getByLabel("E-mail").fill(OPERATORS.viewer.email);
    await page.getByLabel("Password").fill(OPERATORS.viewer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${DASHBOARD_URL}/`);
  });
});

test.describe("sign-in limits", () => {
  test("rotating X-Forwarded-For does not evade the per-address limit (the socket address counts)", async () => {
    const from = freshAddress();
    for (let i = 0; i < 20; i++) {
      const r = await signInOverHttp({ email: `spray${i}@example.com`, password: "guess", from, headers: { "x-forwarded-for": `198.51.100.${i + 1}` } });
      expect(r.error, `attempt ${i + 1}`).toBe("Wrong e-mail or password.");
    }
    // The 21st, with yet another forwarded address and even the right password, is refused…
    const blocked = await signInOverHttp({ ...OPERATORS.viewer, from, headers: { "x-forwarded-for": "203.0.113.77, 198.51.100.200" } });
    expect(blocked.error).toMatch(/^Too many failed sign-ins\. Try again in \d+ minutes\.$/);
    expect(blocked.sessionCookie).toBeNull();
    // …while another client is not.
    expect((await signInOverHttp({ ...OPERATORS.viewer, from: freshAddress() })).sessionCookie).not.toBeNull();
  });

  test("failures back off one address for one account; the right password from elsewhere still works", async () => {
    const attacker = freshAddress();
    const waits: number[] = [];
    // Seven failures from one address, waiting whenever asked to: the asked waits grow 1 s, 2 s.
    for (let failures = 0; failures < 7; ) {
      const r = await signInOverHttp({ email: OPERATORS.viewer.email, password: `wrong-${failures}`, from: attacker });
      const wait = /^Too many failed sign-ins\. Try again in (\d+) seconds?\.$/.exec(r.error ?? "");
      if (wait) {
        waits.push(Number(wait[1]));
        await new Promise((done) => setTimeout(done, Number(wait[1]) * 1000 + 100));
      } else {
        expect(r.error).toBe("Wrong e-mail or password.");
        failures++;
      }
    }
    expect(waits.length, `asked to wait ${waits.join(", ")} s`).toBeLessThanOrEqual(2);
    expect(waits.every((w, i) => w <= 2 ** i), `asked to wait ${waits.join(", ")} s`).toBe(true);
    // Now 4 s: even the right password from that address waits…
    const backedOff = await signInOverHttp({ ...OPERATORS.viewer, from: attacker });
    const wait = /^Too many failed sign-ins\. Try again in ([1-4]) seconds?\.$/.exec(backedOff.error ?? "");
    expect(wait, String(backedOff.error)).not.toBeNull();
    expect(backedOff.sessionCookie).toBeNull();
    // …while the operator, from their own address, is not locked out.
    const operator = await signInOverHttp({ ...OPERATORS.viewer, from: freshAddress() });
    expect(operator.error).toBeNull();
    expect(operator.sessionCookie).not.toBeNull();
    // The wait is short: after it, the right password works from the attacker's address too.
    await new Promise((done) => setTimeout(done, Number(wait![1]) * 1000 + 100));
    expect((await signInOverHttp({ ...OPERATORS.viewer, from: attacker })).sessionCookie).not.toBeNull();
  });

  test("an unknown e-mail takes as long to refuse as a wrong password", async () => {
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, each from its own address (no limit interferes), medians against the noise.
    for (let i = 0; i < 9; i++) {
      unknown.push((await signInOverHttp({ email: `nobody${i}@example.com`, password: "guess-password", from: freshAddress() })).ms);
      wrong.push((await signInOverHttp({ email: OPERATORS.admin.email, password: "guess-password", from: freshAddress() })).ms);
    }
    const [u, w] = [median(unknown), median(wrong)];
    // A cheaper dummy hash (cost 10 against the operators' 12) answers in about a quarter of the time.
    expect(Math.max(u, w) / Math.min(u, w), `median unknown ${u.toFixed(0)} ms, wrong password ${w.toFixed(0)} ms`).toBeLessThan(1.6);
  });
});
