import { test, expect, OPERATORS } from "./fixtures";

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
