import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { NAV_ITEMS } from "@/lib/nav";
import { Emulator, expect, pageAs, test } from "./fixtures";

// WCAG 2.1 A and AA (https://www.deque.com/axe/core-documentation/api-documentation/#axe-core-tags).
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Serious and critical axe violations on the page as it is now, one readable line per node. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    // Tagged wcag21a but "experimental", so off unless named (WCAG 2.5.3 Label in Name).
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary?.replace(/\s+/g, " ")}`));
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

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`axe, ${colorScheme} theme`, () => {
    // The theme follows the system by default: the emulated preference picks it.
    test.use({ colorScheme });

    test("sign-in", async ({ browser }) => {
      const context = await browser.newContext({ colorScheme, storageState: { cookies: [], origins: [] } });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
      await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${colorScheme}\\b`));
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    for (const target of PAGES) {
      test(target.name, async ({ page }) => {
        await settle(page, target.path());
        await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${colorScheme}\\b`));
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    test("command palette and shortcuts help", async ({ page }) => {
      await settle(page, "/");
      await page.keyboard.press("Control+k");
      const palette = page.getByRole("dialog", { name: "Command palette" });
      await palette.getByRole("combobox").fill(`a11y-${tag}`);
      await expect(palette.getByRole("option", { name: new RegExp(`A11y ${tag}`) }).first()).toBeVisible();
      expect.soft(await seriousViolations(page), "command palette").toEqual([]);
      await page.keyboard.press("Escape");
      await page.keyboard.press("?");
      await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
      expect.soft(await seriousViolations(page), "shortcuts help").toEqual([]);
    });
  });
}
