import { E2E_PROJECTS } from "./env";
import { test, expect } from "./fixtures";

const legacy = E2E_PROJECTS.find((p) => p.slug === "legacy")!;

// The "legacy" project points at an emulator started with STACK_EMULATOR_MISSING_ROUTES, the way
// an older self-hosted Stack release lacks the session-listing and linked-account endpoints.
test("features an older Stack server lacks are hidden with a note, not an error page", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Project").selectOption(legacy.slug);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(legacy.name);

  await page.goto("/users");
  // Only user rows are named "Open …": the streamed loading skeleton's rows are not, and clicking one opens nothing.
  const firstRow = page.getByRole("row", { name: /^Open / }).first();
  await firstRow.click();
  await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}$/);

  await expect(page.getByText("This Stack server is an older release that can't list sessions.")).toBeVisible();
  await expect(page.getByText("This Stack server is an older release without linked-account management.")).toBeVisible();
  // The rest of the page works as usual.
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: /Could not load/ })).toHaveCount(0);
});
