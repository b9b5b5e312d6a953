import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { DASHBOARD_URL } from "./env";

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const palette = (page: Page) => page.getByRole("dialog", { name: "Command palette" });
const paletteInput = (page: Page) => palette(page).getByRole("combobox", { name: "Search pages and users" });

/** Waits for the shell to hydrate (the shortcut listener is attached then). */
async function ready(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^Search/ })).toBeVisible();
  await page.waitForLoadState("networkidle");
}

test.describe("command palette", () => {
  test("Ctrl-K opens it, an e-mail fragment finds the user, Enter opens their page", async ({ page, emulator }) => {
    const tag = uniq();
    const user = await emulator.createUser({ primary_email: `palette-${tag}@example.test`, display_name: `Palette ${tag}` });
    await ready(page, "/audit");
    await page.keyboard.press("Control+k");
    await expect(palette(page)).toBeVisible();
    await expect(paletteInput(page)).toBeFocused();

    await paletteInput(page).fill(`ette-${tag}`);
    const option = palette(page).getByRole("option", { name: new RegExp(`Palette ${tag}`) });
    await expect(option).toBeVisible();
    await expect(option).toContainText(`palette-${tag}@example.test`);
    await page.keyboard.press("Enter");

    await expect(page).toHaveURL(new RegExp(`/users/${user.id}$`));
    await expect(palette(page)).toBeHidden();
    await expect(page.getByRole("heading", { name: `Palette ${tag}`, level: 1 })).toBeVisible();
    // The detail page's breadcrumb leads back to its area.
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    await expect(crumbs.getByText(`Palette ${tag}`)).toHaveAttribute("aria-current", "page");
    await crumbs.getByRole("link", { name: "Users" }).click();
    await expect(page).toHaveURL(/\/users$/);
  });

  test("finds a page by name, and nothing for a name no page has", async ({ page }) => {
    await ready(page, "/");
    await page.keyboard.press("Control+k");
    await paletteInput(page).fill("zzqx");
    await expect(palette(page).getByRole("status")).toHaveText(/Nothing matches/);
    await paletteInput(page).fill("domains");
    await expect(palette(page).getByRole("option", { name: "Domains" })).toBeVisible();

    await paletteInput(page).fill("aud");
    await palette(page).getByRole("option", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  });

  test("loads on first use, from the header button too, and Escape closes it", async ({ page }) => {
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
    });
    await ready(page, "/users");
    const firstPaint = scripts.length;
    await page.getByRole("button", { name: /^Search/ }).click();
    await expect(palette(page)).toBeVisible();
    // The palette's code arrived with the click, not with the page.
    expect(scripts.length).toBeGreaterThan(firstPaint);
    await page.keyboard.press("Escape");
    await expect(palette(page)).toBeHidden();
    await expect(page.getByRole("button", { name: /^Search/ })).toBeFocused();
  });
});

test.describe("keyboard shortcuts", () => {
  test("g o, g u and g a go to their pages, but not while typing in a field", async ({ page }) => {
    await ready(page, "/audit");
    await page.keyboard.press("g");
    await page.keyboard.press("u");
    await expect(page).toHaveURL(/\/users$/);

    const search = page.getByRole("searchbox", { name: "Search users" });
    await search.click();
    await page.keyboard.type("ga");
    await expect(search).toHaveValue("ga");
    await expect(page).toHaveURL(/\/users\?q=ga$/);
    await page.waitForTimeout(500);
    await expect(page).toHaveURL(/\/users\?q=ga$/);

    await search.blur();
    await page.keyboard.press("g");
    await page.keyboard.press("a");
    await expect(page).toHaveURL(/\/audit$/);
    await page.keyboard.press("g");
    await page.keyboard.press("o");
    await expect(page).toHaveURL(`${DASHBOARD_URL}/`);
  });

  test("? lists the shortcuts of the pages that exist", async ({ page }) => {
    await ready(page, "/");
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    for (const label of ["Open the command palette", "Go to Overview", "Go to Users", "Go to Audit log"]) {
      await expect(help.getByText(new RegExp(`^${label}`))).toBeVisible();
    }
    await expect(help.getByText("Go to Users").locator("xpath=..")).toContainText(/g\s*u/);
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
  });
});

test.describe("search endpoint", () => {
  test("needs a session, validates its input and answers a small DTO", async ({ page, browser, emulator }) => {
    const tag = uniq();
    const user = await emulator.createUser({ primary_email: `lookup-${tag}@example.test`, display_name: `Lookup ${tag}` });

    const ok = await page.request.get(`/api/search?q=${encodeURIComponent(`lookup-${tag}`)}`);
    expect(ok.status()).toBe(200);
    expect(ok.headers()["cache-control"]).toContain("no-store");
    expect(await ok.json()).toEqual({ users: [{ kind: "user", id: user.id, label: `Lookup ${tag}`, detail: `lookup-${tag}@example.test` }], teams: [] });

    const byId = await (await page.request.get(`/api/search?q=${user.id}`)).json();
    expect(byId.users.map((u: { id: string }) => u.id)).toEqual([user.id]);

    for (const q of ["", "%20%20", "x".repeat(201)]) {
      const bad = await page.request.get(`/api/search?q=${q}`);
      expect(bad.status(), q).toBe(400);
      expect(await bad.json()).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    }
    expect((await page.request.get("/api/search")).status()).toBe(400);

    // No cookie (stopped by proxy.ts), and a forged one (stopped by the handler's own session check).
    const forged = { name: "next-auth.session-token", value: "forged", domain: "localhost", path: "/", httpOnly: true, secure: false, sameSite: "Lax" as const, expires: -1 };
    for (const cookies of [[], [forged]]) {
      const anonymous = await browser.newContext({ storageState: { cookies, origins: [] } });
      const res = await anonymous.request.get(`${DASHBOARD_URL}/api/search?q=lookup`);
      expect(res.status()).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      await anonymous.close();
    }
  });
});
