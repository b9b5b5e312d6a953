import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { NAV_ITEMS } from "@/lib/nav";
import { Emulator, expect, pageAs, test } from "./fixtures";

// WCAG 2.1 A and AA (https://www.deque.com/axe/core-documentation/api-documentation/#axe-core-tags).
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// The theme is only a class on <html> (next-themes): the DOM is the same in both, so the dark pass
// re-runs just the rules that read colours.
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** Serious and critical axe violations on the page as it is now, one readable line per node. */
async function seriousViolations(page: Page, only?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (only) builder.withRules(only);
  else {
    builder
      .withTags(WCAG_TAGS)
      // Tagged wcag21a but "experimental", so off unless named (WCAG 2.5.3 Label in Name).
      .options({ rules: { "label-content-name-mismatch": { enabled: true } } });
  }
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary?.replace(/\s+/g, " ")}`));
}

/** Every rule in the light theme, then the colour rules again in the dark one (the system preference picks it). */
async function bothThemes(page: Page, label: string) {
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).toHaveClass(/\blight\b/);
  expect.soft(await seriousViolations(page), `${label}, light theme`).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect.soft(await seriousViolations(page, COLOUR_RULES), `${label}, dark theme`).toEqual([]);
}

/** Every page that exists: the nav registry's live entries (new areas join as they land), plus the detail pages. */
const PAGES: { name: string; path: () => string }[] = [
  ...NAV_ITEMS.filter((item) => item.ready).map((item) => ({ name: `${item.label} (${item.href})`, path: () => item.href })),
  { name: "a user (/users/[id])", path: () => `/users/${userId}` },
  { name: "a team (/teams/[id])", path: () => `/teams/${teamId}` },
];

async function settle(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible();
  // Streamed sections (Suspense) replace their skeletons; scan what the operator ends up with.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

// A verified and an unverified user, and an audited change, so badges of every kind are on screen.
const tag = Date.now().toString(36);
let userId = "";
let teamId = "";
test.beforeAll(async ({ browser }) => {
  const emulator = new Emulator();
  const user = await emulator.createUser({ primary_email: `a11y-${tag}@example.test`, primary_email_verified: true, display_name: `A11y ${tag}` });
  await emulator.createUser({ primary_email: `a11y-unverified-${tag}@example.test`, display_name: `A11y unverified ${tag}` });
  userId = user.id;
  const team = await emulator.fetch("/teams", { method: "POST", body: { display_name: `A11y team ${tag}`, creator_user_id: user.id } });
  expect(team.status).toBe(201);
  teamId = (team.body as { id: string }).id;
  const page = await pageAs(browser, "admin");
  await page.goto(`/users/${user.id}`);
  await page.getByLabel("Display name").fill(`A11y ${tag} renamed`);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved")).toBeVisible();
  await page.context().close();
});

test.describe("axe, light and dark themes", () => {
  test("sign-in", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await bothThemes(page, "sign-in");
    await context.close();
  });

  for (const target of PAGES) {
    test(target.name, async ({ page }) => {
      await settle(page, target.path());
      await bothThemes(page, target.name);
    });
  }

  test("command palette and shortcuts help", async ({ page }) => {
    await settle(page, "/");
    await page.keyboard.press("Control+k");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await palette.getByRole("combobox").fill(`a11y-${tag}`);
    await expect(palette.getByRole("option", { name: new RegExp(`A11y ${tag}`) }).first()).toBeVisible();
    await bothThemes(page, "command palette");
    await page.keyboard.press("Escape");
    await page.keyboard.press("?");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await bothThemes(page, "shortcuts help");
  });
});
