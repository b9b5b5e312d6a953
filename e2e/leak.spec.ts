// No secret ever reaches the browser: every byte the browser receives while an owner
// walks every sidebar page and a user page — opening every dialog and dropdown menu — is scanned
// for the admin key, the server key, the NextAuth secret, the OIDC client secret and anything shaped like a Stack secret key.
import type { Locator, Page, Response } from "@playwright/test";
import { test, expect, type Emulator } from "./fixtures";
import { DASHBOARD_URL, NEXTAUTH_SECRET, OIDC_CLIENT, PROJECT } from "./env";

const STACK_SECRET_KEY = /\b(ssk|sak)_[a-z2-7]{45}\b/;
// Write-only project settings, seeded before the crawl: Stack sends both back to admin keys.
const OAUTH_CLIENT_SECRET = "leak-probe-oauth-client-secret-7Q2W";
const SMTP_PASSWORD = "leak-probe-smtp-password-9E3R";
const SECRETS: [string, (text: string) => string | null][] = [
  ["OAuth client secret", (t) => (t.includes(OAUTH_CLIENT_SECRET) ? OAUTH_CLIENT_SECRET : null)],
  ["SMTP password", (t) => (t.includes(SMTP_PASSWORD) ? SMTP_PASSWORD : null)],
  ["super secret admin key", (t) => (t.includes(PROJECT.superSecretAdminKey) ? PROJECT.superSecretAdminKey : null)],
  ["secret server key", (t) => (t.includes(PROJECT.secretServerKey) ? PROJECT.secretServerKey : null)],
  ["NEXTAUTH_SECRET", (t) => (t.includes(NEXTAUTH_SECRET) ? NEXTAUTH_SECRET : null)],
  ["OIDC client secret", (t) => (t.includes(OIDC_CLIENT.secret) ? OIDC_CLIENT.secret : null)],
  ["Stack secret key pattern", (t) => t.match(STACK_SECRET_KEY)?.[0] ?? null],
];

// Never clicked: they end the session or act on the operator's behalf outside a dialog.
const NEVER_CLICK = /sign ?out|log ?out|impersonat/i;
const OPENED = '[role="dialog"]:visible, [role="alertdialog"]:visible';
const MENU = '[role="menu"]:visible';

type Leak = { url: string; what: string; sample: string };

class Collector {
  responses = 0;
  bytes = 0;
  leaks: Leak[] = [];
  private pending: Promise<void>[] = [];

  attach(page: Page) {
    page.on("response", (res) => this.pending.push(this.collect(res)));
  }

  private async collect(res: Response) {
    const headers = await res.allHeaders().catch(() => ({}) as Record<string, string>);
    // Redirects and aborted navigations have no body; their headers are still scanned.
    const body = await res.body().catch(() => Buffer.alloc(0));
    this.responses++;
    this.bytes += body.length;
    this.scan(res.url(), `${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${body.toString("utf8")}`);
  }

  scan(url: string, text: string) {
    for (const [what, find] of SECRETS) {
      const hit = find(text);
      if (hit) this.leaks.push({ url, what, sample: `${hit.slice(0, 8)}…` });
    }
  }

  async settle() {
    while (this.pending.length) await Promise.all(this.pending.splice(0));
  }
}

type Stats = { dialogs: string[]; menus: string[]; pages: string[]; clicks: number; shellDone: Set<string> };

async function nameOf(el: Locator): Promise<string> {
  return el.evaluate((e) => (e.getAttribute("aria-label") || e.textContent || e.getAttribute("title") || "").replace(/\s+/g, " ").trim()).catch(() => "");
}

/** Table rows repeat the same button with a different name ("Actions for Ada", "Actions for Bo"): explore one. */
const triggerKey = (name: string) => name.replace(/ for .*$/i, " for …").replace(/\b[\w.+-]+@[\w.-]+\b/g, "…").replace(/\d+/g, "#");

async function settlePage(page: Page) {
  await page.waitForLoadState("networkidle").catch(() => {});
}

/** Requests the page has in flight, so a click that loads nothing is not waited on for seconds. */
const inFlight = new WeakMap<Page, Set<unknown>>();
function trackRequests(page: Page) {
  const open = new Set<unknown>();
  inFlight.set(page, open);
  page.on("request", (r) => open.add(r));
  page.on("requestfinished", (r) => open.delete(r));
  page.on("requestfailed", (r) => open.delete(r));
}

/**
 * A dialog or menu opens within a frame of the click, or after the chunk or data it loads:
 * wait for the page's requests to finish (a lazy dialog's chunk starts right after the click),
 * then give it a short moment. Most buttons open nothing; a fixed 2 s wait for each was most of the crawl.
 */
async function waitForPopup(page: Page) {
  const popup = page.locator(`${OPENED}, ${MENU}`).first();
  if (await popup.waitFor({ timeout: 300 }).then(() => true, () => false)) return;
  const open = inFlight.get(page);
  if (open) await expect.poll(() => open.size, { timeout: 5_000, intervals: [50] }).toBe(0).catch(() => {});
  await popup.waitFor({ timeout: 300 }).catch(() => {});
}

/** Snapshot of the DOM while something is open, then close it without confirming anything. */
async function closeDialog(page: Page, collector: Collector, label: string) {
  await settlePage(page);
  collector.scan(`${page.url()} (DOM with “${label}” open)`, await page.content());
  await page.keyboard.press("Escape");
  const open = page.locator(OPENED);
  if (await open.count()) {
    await open.first().getByRole("button", { name: /^(cancel|close)$/i }).first().click({ timeout: 2_000 }).catch(() => {});
  }
  await expect(open, `dialog “${label}” closes with Escape or Cancel`).toHaveCount(0, { timeout: 5_000 });
}

async function backTo(page: Page, url: string) {
  if (page.url() !== url) {
    await page.goto(url);
    await settlePage(page);
  }
}

/** Clicks every distinct button on the page; handles the dialog or menu it opens, then restores the page. */
async function explorePage(page: Page, url: string, collector: Collector, stats: Stats) {
  await page.goto(url);
  await settlePage(page);
  stats.pages.push(url);
  const buttons = page.locator("button:visible");
  const initial: { name: string; inShell: boolean }[] = [];
  for (const b of await buttons.all()) initial.push({ name: await nameOf(b), inShell: await b.evaluate((e) => !e.closest("main")).catch(() => false) });

  const done = new Set<string>();
  for (const [index, { name, inShell }] of initial.entries()) {
    // The shell (header, sidebar, palette button) is the same on every page: explore it once.
    const key = inShell ? `shell:${triggerKey(name)}` : triggerKey(name);
    const seen = inShell ? stats.shellDone : done;
    if (!name || seen.has(key) || NEVER_CLICK.test(name)) continue;
    seen.add(key);
    const trigger = await findButton(page, name, index);
    if (!trigger) continue;
    // Inline forms outside dialogs would write on submit; dialogs are where confirmations live.
    if ((await trigger.getAttribute("type")) === "submit" || !(await trigger.isEnabled())) continue;

    await trigger.click();
    stats.clicks++;
    await waitForPopup(page);
    if (await page.locator(OPENED).count()) {
      stats.dialogs.push(`${url} › ${name}`);
      await closeDialog(page, collector, name);
    } else if (await page.locator(MENU).count()) {
      await exploreMenu(page, url, name, index, collector, stats);
    } else {
      await page.keyboard.press("Escape"); // native popovers, listboxes
    }
    await backTo(page, url);
  }
}

async function findButton(page: Page, name: string, index: number): Promise<Locator | null> {
  const byIndex = page.locator("button:visible").nth(index);
  if ((await byIndex.count()) && (await nameOf(byIndex)) === name) return byIndex;
  for (const b of await page.locator("button:visible").all()) if ((await nameOf(b)) === name) return b;
  return null;
}

/** Records the open menu, then re-opens it for every item and follows the item to a dialog if it opens one. */
async function exploreMenu(page: Page, url: string, triggerName: string, index: number, collector: Collector, stats: Stats) {
  stats.menus.push(`${url} › ${triggerName}`);
  await settlePage(page);
  collector.scan(`${page.url()} (DOM with menu “${triggerName}” open)`, await page.content());
  const items: string[] = [];
  for (const item of await page.locator(MENU).first().getByRole("menuitem").all()) items.push(await nameOf(item));
  await page.keyboard.press("Escape");

  for (const item of items) {
    if (!item || NEVER_CLICK.test(item)) continue;
    const trigger = await findButton(page, triggerName, index);
    if (!trigger) break;
    await trigger.click();
    const menu = page.locator(MENU).first();
    await menu.waitFor({ timeout: 2_000 }).catch(() => {});
    const entry = menu.getByRole("menuitem").filter({ hasText: item }).first();
    if (!(await entry.count()) || (await entry.getAttribute("aria-disabled")) === "true") {
      await page.keyboard.press("Escape");
      continue;
    }
    await entry.click();
    stats.clicks++;
    await waitForPopup(page);
    if (await page.locator(OPENED).count()) {
      stats.dialogs.push(`${url} › ${triggerName} › ${item}`);
      await closeDialog(page, collector, item);
    } else {
      await page.keyboard.press("Escape");
    }
    await settlePage(page);
    await backTo(page, url);
  }
}

/** A user of our own with something in every section (so exploring it disturbs no seeded user other tests read). */
async function richUser(emulator: Emulator) {
  const stamp = Date.now();
  const user = await emulator.createUser({
    primary_email: `leak-${stamp}@example.com`,
    primary_email_verified: true,
    primary_email_auth_enabled: true,
    password: "leak-test-password",
    display_name: `Leak Probe ${stamp}`,
    client_metadata: { plan: "pro" },
    server_metadata: { note: "server only" },
    totp_secret_base64: Buffer.from("leak-probe-totp-secret").toString("base64"),
  });
  await emulator.fetch("/auth/sessions", { method: "POST", body: { user_id: user.id } });
  await emulator.fetch("/oauth-providers", { method: "POST", body: { user_id: user.id, provider_config_id: "github", account_id: String(stamp), email: `leak-${stamp}@example.com`, allow_sign_in: true, allow_connected_accounts: true } });
  await emulator.fetch("/contact-channels", { method: "POST", body: { user_id: user.id, type: "email", value: `leak-${stamp}-alt@example.com`, used_for_auth: false, is_verified: false } });
  return user;
}

test("no secret reaches the browser on any page, dialog or menu", async ({ page, emulator }) => {
  test.setTimeout(480_000);
  // The detector must recognise the real keys, or a clean result would mean nothing.
  for (const key of [PROJECT.superSecretAdminKey, PROJECT.secretServerKey]) expect(key).toMatch(STACK_SECRET_KEY);

  const collector = new Collector();
  collector.attach(page);
  trackRequests(page);
  const stats: Stats = { dialogs: [], menus: [], pages: [], clicks: 0, shellDone: new Set() };

  // Canary: a response carrying a key must be caught by the whole pipeline (listener → body → scan).
  await page.route("**/__leak-canary", (route) => route.fulfill({ contentType: "text/plain", body: `canary ${PROJECT.secretServerKey}` }));
  await page.goto("/__leak-canary");
  await collector.settle();
  expect(collector.leaks.map((l) => l.what)).toEqual(["secret server key", "Stack secret key pattern"]);
  collector.leaks = [];
  await page.unroute("**/__leak-canary");

  // The settings page holds both write-only secrets while it is crawled; put back afterwards.
  const config = (await emulator.fetch("/internal/projects/current")).body.config as { oauth_providers: unknown[]; email_config: unknown };
  const seededSecrets = await emulator.fetch("/internal/projects/current", {
    method: "PATCH",
    body: {
      config: {
        oauth_providers: [{ id: "gitlab", type: "standard", client_id: "leak-probe-client-id", client_secret: OAUTH_CLIENT_SECRET }],
        email_config: { type: "standard", host: "smtp.leak.test", port: 2525, username: "leak", password: SMTP_PASSWORD, sender_name: "Leak", sender_email: "leak@example.com" },
      },
    },
  });
  expect(seededSecrets.status, JSON.stringify(seededSecrets.body)).toBe(200);
  try {
    await page.goto("/");
    await settlePage(page);
    const sidebar = await page.locator('nav[aria-label="Main"] a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const pages = [...new Set(["/", ...sidebar.map((h) => h.split(/[?#]/)[0]!)])];

    const probe = await richUser(emulator);
    const seeded = (await emulator.fetch("/users?limit=1")).body.items[0] as { id: string };
    pages.push(`/users/${probe.id}`);

    // Against the console's URL, not page.url(): a crawled control may leave the tab on about:blank.
    for (const path of pages) await explorePage(page, new URL(path, DASHBOARD_URL).href, collector, stats);
    // A seeded user with the demo data's sessions, OAuth accounts and teams: viewed, not clicked through.
    await page.goto(`/users/${seeded.id}`);
    await settlePage(page);
    stats.pages.push(`/users/${seeded.id}`);
    await collector.settle();

    const leaks = collector.leaks.map((l) => `${l.what} (${l.sample}) in ${l.url}`);
    expect(leaks, `secrets reached the browser:\n${leaks.join("\n")}`).toEqual([]);

    const summary = `${collector.responses} responses, ${(collector.bytes / 1024).toFixed(0)} KB, ${stats.clicks} clicks; pages: ${stats.pages.join(", ")}; dialogs: ${stats.dialogs.join(" | ") || "none"}; menus: ${stats.menus.join(" | ") || "none"}`;
    test.info().annotations.push({ type: "coverage", description: summary });
    // Coverage floor, so a broken crawl cannot pass vacuously.
    expect(sidebar.length, `sidebar links (${summary})`).toBeGreaterThanOrEqual(3);
    expect(stats.pages.map((u) => new URL(u, DASHBOARD_URL).pathname), "the settings page, with both secrets seeded, was crawled").toContain("/settings");
    expect(collector.responses, summary).toBeGreaterThan(20);
    expect(collector.bytes, summary).toBeGreaterThan(200 * 1024);
    expect(stats.dialogs.length, summary).toBeGreaterThanOrEqual(4);
    expect(stats.menus.length, summary).toBeGreaterThanOrEqual(2);
  } finally {
    // Read-only fields (provider_config_id) are not part of a write.
    const providers = config.oauth_providers.map((p) => Object.fromEntries(Object.entries(p as object).filter(([k]) => k !== "provider_config_id")));
    await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { oauth_providers: providers, email_config: config.email_config } } });
  }
});
