import { expect, pageAs, test } from "./fixtures";

// The users CSV import: a file with two bad rows is previewed (each bad row named with its
// number), the rest is imported and shows in the users table; the same file again skips them all.

const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const email = (i: number) => `e2e-import-${tag}-${i}@example.test`;
const FILE = [
  "email,name,email_verified,server_metadata",
  `${email(1)},Imported One,true,"{""plan"":""pro""}"`,
  `not-an-email-${tag},Broken Mail,false,`,
  `${email(2)},Imported Two,false,`,
  `${email(3)},Bad Json,false,{oops`,
  `${email(4)},Imported Four,yes,`,
].join("\n");

// One of <JobProgress>'s counts (a dt and its dd).
const count = (page: import("@playwright/test").Page, label: string) => page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");

test.describe("users import", () => {
  test.describe.configure({ timeout: 60_000 });

  async function uploadAndPreview(page: import("@playwright/test").Page) {
    await page.goto("/users/import");
    await page.getByLabel("CSV file").setInputFiles({ name: `users-${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(FILE) });
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByText("No preset recognised it")).toBeVisible({ timeout: 20_000 });
    await expect(page.getByLabel("name", { exact: true })).toHaveValue("displayName");
    await page.getByLabel("server_metadata", { exact: true }).selectOption("server_metadata");
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByTestId("import-preview");
    await expect(preview).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("import-valid")).toHaveText("3");
    await expect(page.getByTestId("import-invalid")).toHaveText("2");
    const invalid = page.getByRole("table", { name: "Invalid rows" });
    await expect(invalid.getByRole("row", { name: /^3 not-an-email/ })).toContainText("Not a valid e-mail address");
    await expect(invalid.getByRole("row", { name: new RegExp(`^5 ${email(3)}`) })).toContainText("invalid JSON");
    return preview;
  }

  test("previews two bad rows, imports the rest, and skips them all on a re-run", async ({ page, emulator }) => {
    await uploadAndPreview(page);
    await expect(page.getByRole("table", { name: "Rows whose user exists" })).toHaveCount(0);
    await page.getByRole("button", { name: "Import 3 valid rows" }).click();
    await expect(page.getByRole("heading", { name: "Import users: Finished" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("progressbar", { name: "Import users progress" })).toHaveAttribute("aria-valuetext", "3 of 3 items");
    await expect(count(page, "Done")).toHaveText("3");
    await expect(count(page, "Skipped")).toHaveText("0");
    // The job is in the URL: a reload shows it again.
    await expect(page).toHaveURL(/\/users\/import\?job=[0-9a-f-]{36}$/);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Import users: Finished" })).toBeVisible({ timeout: 20_000 });

    const made = await emulator.fetch(`/users?query=${encodeURIComponent(`e2e-import-${tag}`)}&limit=20`);
    const byEmail = Object.fromEntries((made.body.items as { primary_email: string; display_name: string; primary_email_verified: boolean; server_metadata: unknown }[]).map((u) => [u.primary_email, u]));
    expect(Object.keys(byEmail).sort()).toEqual([email(1), email(2), email(4)]);
    expect(byEmail[email(1)]).toMatchObject({ display_name: "Imported One", primary_email_verified: true, server_metadata: { plan: "pro" } });
    expect(byEmail[email(4)]).toMatchObject({ primary_email_verified: true });

    await page.goto(`/users?q=e2e-import-${tag}`);
    await expect(page.locator("tbody tr")).toHaveCount(3, { timeout: 20_000 });
    await expect(page.getByRole("link", { name: "Import CSV" })).toBeVisible();

    // The same file again: the preview names the existing users, and the import skips every one.
    await uploadAndPreview(page);
    await expect(page.getByRole("table", { name: "Rows whose user exists" }).getByRole("row")).toHaveCount(4);
    await page.getByRole("button", { name: "Import 3 valid rows" }).click();
    await expect(page.getByRole("heading", { name: "Import users: Finished" })).toBeVisible({ timeout: 30_000 });
    await expect(count(page, "Skipped")).toHaveText("3");
    await expect(count(page, "Done")).toHaveText("0");
    const skipped = page.locator("details", { hasText: "Skipped (3)" });
    for (const i of [1, 2, 4]) await expect(skipped.getByRole("listitem").filter({ hasText: email(i) })).toContainText("already exists");
    const again = await emulator.fetch(`/users?query=${encodeURIComponent(`e2e-import-${tag}`)}&limit=20`);
    expect(again.body.items).toHaveLength(3);
  });

  test("is for admins: an operator gets no link and the page says so", async ({ browser }) => {
    const operator = await pageAs(browser, "operator");
    await operator.goto("/users/import");
    await expect(operator.getByText("Admins only")).toBeVisible();
    await operator.goto("/users");
    await expect(operator.getByRole("heading", { name: "Users" })).toBeVisible();
    await expect(operator.getByRole("link", { name: "Import CSV" })).toHaveCount(0);
    await operator.context().close();
  });
});
