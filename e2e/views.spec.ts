import type { Page } from "@playwright/test";
import { Emulator, expect, pageAs, test } from "./fixtures";
import { auditSince, lastAuditId } from "./entry-points";

// Saved views: a filter + sort of the users table, saved from the page, reopened from the
// palette and by its short link, renamed and deleted by its owner; audited.

const tag = `vw${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const rows = (page: Page) => page.getByRole("row", { name: /^Open / });

test.beforeAll(async () => {
  const emulator = new Emulator();
  for (let i = 0; i < 6; i++) {
    await emulator.createUser({ primary_email: `${tag}-${i}@${i < 3 ? "acme.test" : "other.test"}`, primary_email_verified: i % 3 !== 2, display_name: `View ${i}` });
  }
});

// One view, made by the first test and used by the next ones.
const saved = { id: "", name: `Acme verified ${tag}` };

test.describe("saved views", () => {
  test.describe.configure({ mode: "serial" });

  test("save a filtered table as a view and reopen it from the command palette", async ({ page }) => {
    const name = saved.name;
    await page.goto(`/users?q=${tag}&verified=yes&domain=acme.test`);
    await expect(rows(page)).toHaveCount(2, { timeout: 20_000 });
    await expect(page.getByText(/Filtered by the console .*verified e-mail, e-mail domain/)).toBeVisible();
    const since = lastAuditId();

    await page.getByRole("button", { name: "Save view" }).click();
    const dialog = page.getByRole("dialog", { name: "Save view" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Save view" }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/[?&]view=[0-9a-f-]{36}/);
    await expect(page.getByText(`View: ${name}`)).toBeVisible();
    saved.id = new URL(page.url()).searchParams.get("view")!;
    expect(auditSince(since)).toEqual(expect.arrayContaining([expect.objectContaining({ action: "createView", status: "success", actor_email: "admin@example.com" })]));

    await page.goto("/users");
    await expect(rows(page)).toHaveCount(25, { timeout: 20_000 });
    await page.keyboard.press("Control+k");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await palette.getByRole("combobox").fill(tag);
    await palette.getByRole("option", { name }).click();
    await expect(page).toHaveURL(new RegExp(`q=${tag}&verified=yes&domain=acme.test&view=`));
    await expect(rows(page)).toHaveCount(2);
    // Users 0 and 1: at acme.test with a verified e-mail (user 2 is not verified).
    expect((await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("aria-label")))).sort()).toEqual(["Open View 0", "Open View 1"]);
    await expect(page.getByText(`View: ${name}`)).toBeVisible();
  });

  test("a view's short link expands to its filter; a viewer sees the view but cannot change it", async ({ page, browser }) => {
    await page.goto(`/users?view=${saved.id}`);
    await expect(page).toHaveURL(new RegExp(`/users\\?q=${tag}&verified=yes&domain=acme.test&view=${saved.id}$`));
    await expect(rows(page)).toHaveCount(2, { timeout: 20_000 });

    const viewer = await pageAs(browser, "viewer");
    await viewer.goto(`/users?view=${saved.id}`);
    await expect(viewer.getByText(`View: ${saved.name}`)).toBeVisible({ timeout: 20_000 });
    await expect(viewer.getByRole("button", { name: "Delete view" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Save view" })).toBeDisabled();
    await viewer.context().close();
  });

  test("its owner renames and deletes it; both audited", async ({ page }) => {
    await page.goto(`/users?view=${saved.id}`);
    await expect(page.getByText(`View: ${saved.name}`)).toBeVisible({ timeout: 20_000 });
    const since = lastAuditId();
    await page.getByRole("button", { name: "Rename" }).click();
    const rename = page.getByRole("dialog", { name: "Rename view" });
    await rename.getByLabel("Name").fill(`${saved.name} (renamed)`);
    await rename.getByRole("button", { name: "Rename" }).click();
    await expect(page.getByText(`View: ${saved.name} (renamed)`)).toBeVisible();

    await page.getByRole("button", { name: "Delete view" }).click();
    await expect(page).not.toHaveURL(/view=/);
    await page.locator("summary").filter({ hasText: /Views \(\d+\)/ }).click();
    await expect(page.getByRole("link", { name: `${saved.name} (renamed)` })).toHaveCount(0);
    const audit = auditSince(since);
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: "renameView", status: "success" }), expect.objectContaining({ action: "deleteView", status: "success" })]));
  });
});
