import { test, expect, pageAs, type Emulator } from "./fixtures";
import type { Page } from "@playwright/test";

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Data rows of the users table (each is labelled "Open <user>"). */
const rows = (page: Page) => page.getByRole("row", { name: /^Open / });

async function firstRowName(page: Page) {
  return rows(page).first().getAttribute("aria-label");
}

async function makeUser(emulator: Emulator, tag: string) {
  const email = `e2e-${tag}-${uniq()}@example.test`;
  const user = await emulator.createUser({ primary_email: email, primary_email_auth_enabled: true, display_name: `E2E ${tag}` });
  return { ...user, email };
}

test.describe("users list", () => {
  test("shows the seeded users with columns and a pager", async ({ page }) => {
    await page.goto("/users");
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await expect(rows(page)).toHaveCount(25);
    for (const col of ["Name", "E-mail", "Auth methods"]) await expect(page.getByRole("columnheader", { name: col })).toBeVisible();
    await expect(page.getByRole("button", { name: /Signed up: sort/ })).toBeVisible();
    await expect(page.getByText(/^Page 1/)).toBeVisible();
  });

  test("search by an e-mail fragment narrows the list, is in the URL and survives a reload", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "search");
    const fragment = u.email.split("@")[0]!.slice(4); // "search-<uniq>"
    await page.goto("/users");
    await page.getByRole("searchbox", { name: "Search users" }).fill(fragment);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${fragment}`));
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText(u.email);

    await page.reload();
    await expect(page.getByRole("searchbox", { name: "Search users" })).toHaveValue(fragment);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText(u.email);

    await page.getByRole("searchbox", { name: "Search users" }).fill(`${fragment}-nobody`);
    await expect(page.getByText("No users match")).toBeVisible();
  });

  test("sorting by signed-up date toggles the order", async ({ page }) => {
    await page.goto("/users");
    const newest = await firstRowName(page);
    await page.getByRole("button", { name: /Signed up: sort oldest first/ }).click();
    await expect(page).toHaveURL(/[?&]asc=1/);
    await expect(page.getByRole("columnheader", { name: /Signed up/ })).toHaveAttribute("aria-sort", "ascending");
    await expect.poll(() => firstRowName(page)).not.toBe(newest);
    const oldest = await firstRowName(page);
    await page.getByRole("button", { name: /Signed up: sort newest first/ }).click();
    await expect(page).not.toHaveURL(/asc=1/);
    await expect.poll(() => firstRowName(page)).toBe(newest);
    expect(oldest).not.toBe(newest);
  });

  test("next, previous, back button and page size", async ({ page }) => {
    await page.goto("/users");
    const p1 = await firstRowName(page);
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText(/^Page 2/)).toBeVisible();
    await expect(page).toHaveURL(/[?&]cursor=/);
    const p2 = await firstRowName(page);
    expect(p2).not.toBe(p1);

    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText(/^Page 3/)).toBeVisible();
    await expect(page).toHaveURL(/[?&]trail=/);
    const p3 = await firstRowName(page);

    await page.getByRole("button", { name: "Previous" }).click();
    await expect(page.getByText(/^Page 2/)).toBeVisible();
    await expect.poll(() => firstRowName(page)).toBe(p2);

    await page.goBack();
    await expect(page.getByText(/^Page 3/)).toBeVisible();
    await expect.poll(() => firstRowName(page)).toBe(p3);

    // A reload of a deep page keeps the page number (the cursor trail is in the URL).
    await page.reload();
    await expect(page.getByText(/^Page 3/)).toBeVisible();
    await expect.poll(() => firstRowName(page)).toBe(p3);
    await page.getByRole("button", { name: "Previous" }).click();
    await page.getByRole("button", { name: "Previous" }).click();
    await expect(page.getByText(/^Page 1/)).toBeVisible();
    await expect.poll(() => firstRowName(page)).toBe(p1);

    await page.getByLabel("Rows per page").selectOption("10");
    await expect(page).toHaveURL(/[?&]pageSize=10/);
    await expect(rows(page)).toHaveCount(10);
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText(/^Page 2/)).toBeVisible();
    await page.getByLabel("Rows per page").selectOption("50");
    await expect(page.getByText(/^Page 1/)).toBeVisible();
    await expect(page).not.toHaveURL(/cursor=/);
    await expect(rows(page)).toHaveCount(50);
  });

  test("the anonymous filter shows only anonymous users", async ({ page }) => {
    await page.goto("/users");
    await page.getByLabel("Show", { exact: true }).selectOption("anonymous");
    await expect(page).toHaveURL(/[?&]filter=anonymous/);
    await expect(rows(page).first()).toContainText("anonymous");
    const count = await rows(page).count();
    for (let i = 0; i < count; i++) await expect(rows(page).nth(i)).toContainText("anonymous");
  });

  test("row click and Enter open the user", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "open");
    await page.goto(`/users?q=${encodeURIComponent(u.email)}`);
    await rows(page).first().click();
    await expect(page).toHaveURL(new RegExp(`/users/${u.id}$`));
    await expect(page.getByRole("heading", { name: "E2E open", level: 1 })).toBeVisible();
    await page.goBack();
    await rows(page).first().focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/users/${u.id}$`));
  });

  test("create a user: it appears in the list and exists in the emulator", async ({ page, emulator }) => {
    const email = `e2e-create-${uniq()}@example.test`;
    await page.goto("/users");
    await page.getByRole("button", { name: "Create user" }).click();
    const dialog = page.getByRole("dialog", { name: "Create user" });
    await dialog.getByLabel("E-mail", { exact: true }).fill("not-an-email");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog.getByText("Enter a valid e-mail address.")).toBeVisible();

    await dialog.getByLabel("E-mail", { exact: true }).fill(email);
    await dialog.getByLabel("E-mail is verified").check();
    await dialog.getByLabel("Password (optional)").fill("correct-horse-battery");
    await dialog.getByLabel("Display name").fill("Created In E2E");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Created ${email}`)).toBeVisible();
    await expect(rows(page).first()).toContainText(email);

    const list = await emulator.fetch(`/users?query=${encodeURIComponent(email)}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ primary_email: email, display_name: "Created In E2E", primary_email_verified: true, has_password: true });
  });

  test("delete from the row menu needs the exact e-mail; the user is gone from Stack and the list", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "rowdelete");
    await page.goto(`/users?q=${encodeURIComponent(u.email)}`);
    await expect(rows(page)).toHaveCount(1);
    await page.getByRole("button", { name: `Actions for E2E rowdelete` }).click();
    await page.getByRole("menuitem", { name: "Delete…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete user" });
    const confirm = dialog.getByRole("button", { name: "Delete user" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill(u.email.toUpperCase() + "x");
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill(u.email);
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Deleted ${u.email}`)).toBeVisible();
    await expect(page.getByText("No users match")).toBeVisible();
    expect((await emulator.fetch(`/users/${u.id}`)).status).toBe(404);
  });

  test("a viewer sees the list read-only: create disabled (needs operator), no delete in the row menu", async ({ browser }) => {
    // The server-side refusal of a viewer's createUser POST is proven in action-security.spec.ts.
    const page = await pageAs(browser, "viewer");
    await page.goto("/users");
    await expect(rows(page)).toHaveCount(25);
    await expect(page.getByRole("note")).toContainText("Read-only: your role is viewer; changes need the support role.");
    await expect(page.getByRole("button", { name: "Create user" })).toBeDisabled();
    const name = (await firstRowName(page))!.replace(/^Open /, "");
    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await expect(page.getByRole("menuitem", { name: "Open" })).toBeVisible();
    await expect(page.getByRole("menuitem", { name: "Copy id" })).toBeVisible();
    await expect(page.getByRole("menuitem", { name: /^Delete/ })).toHaveCount(0);
    await page.context().close();
  });

  test("an owner sees no read-only note", async ({ page }) => {
    await page.goto("/users");
    await expect(page.getByRole("button", { name: "Create user" })).toBeVisible();
    await expect(page.getByRole("note").filter({ hasText: "your role is" })).toHaveCount(0);
  });
});
