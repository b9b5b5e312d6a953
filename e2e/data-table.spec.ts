import Database from "better-sqlite3";
import path from "node:path";
import { test, expect, type Emulator } from "./fixtures";
import type { Page } from "@playwright/test";
import { E2E_DIR, E2E_PROJECTS } from "./env";
import { chainHash, type ChainFields } from "../lib/server/audit-chain";

// The shared DataTable (components/data-table) as the users and audit pages use it.

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const userRows = (page: Page) => page.getByRole("row", { name: /^Open / });

async function makeUsers(emulator: Emulator, tag: string, n: number) {
  const users = [];
  for (let i = 0; i < n; i++) {
    const email = `e2e-${tag}-${i}@example.test`;
    users.push({ ...(await emulator.createUser({ primary_email: email, display_name: `Keys ${tag} ${i}` })), email });
  }
  return users;
}

/** Audit records written straight into the dashboard's SQLite store (the e2e project's), oldest first, extending its hash chain. */
function seedAudit(tag: string, n: number) {
  const db = new Database(path.join(E2E_DIR, "stack-admin.db"));
  try {
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare(
      `INSERT INTO audit_records (at_millis, actor_email, actor_role, action, project_slug, project_id, target_type, target_id, target_label, phase, intent_id, status, error_code, message, changes_json, request_id, prev_hash, hash)
       VALUES (@at_millis, @actor_email, @actor_role, @action, @project_slug, @project_id, @target_type, @target_id, @target_label, @phase, @intent_id, @status, @error_code, @message, @changes_json, @request_id, @prev_hash, @hash)`,
    );
    db.transaction(() => {
      let prev = (db.prepare("SELECT hash FROM audit_records ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined) ?? "";
      for (let i = 0; i < n; i++) {
        const row: ChainFields = {
          at_millis: Date.now(),
          actor_email: "probe@example.test",
          actor_role: "viewer",
          action: "refusedProbe",
          project_slug: E2E_PROJECTS[0].slug,
          project_id: null,
          target_type: "team",
          target_id: `team-${tag}-${i}`,
          target_label: `Probe ${tag} ${i}`,
          phase: "event",
          intent_id: null,
          status: "refused",
          error_code: null,
          message: null,
          changes_json: null,
          request_id: `req-${tag}-${i}`,
          prev_hash: prev,
        };
        prev = chainHash(row);
        insert.run({ ...row, hash: prev });
      }
    }).immediate();
  } finally {
    db.close();
  }
}

test.describe("data table", () => {
  test("rows are reached with Tab, moved through with the arrow keys and opened with Enter", async ({ page, emulator }) => {
    const tag = uniq();
    const users = await makeUsers(emulator, tag, 3);
    await page.goto(`/users?q=${tag}&asc=1`);
    await expect(userRows(page)).toHaveCount(3);
    // One row is in the tab order, not every row.
    await expect(page.locator('tbody tr[tabindex="0"]')).toHaveCount(1);

    // Tab from the row menu before the table's rows... so start at the last toolbar control and tab in.
    await page.getByRole("button", { name: "Columns" }).focus();
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await userRows(page).first().evaluate((el) => el === document.activeElement);
    }
    expect(reached, "Tab reaches the first row").toBe(true);

    await page.keyboard.press("ArrowDown");
    await expect(userRows(page).nth(1)).toBeFocused();
    await page.keyboard.press("End");
    await expect(userRows(page).nth(2)).toBeFocused();
    await page.keyboard.press("ArrowDown"); // stays on the last row
    await expect(userRows(page).nth(2)).toBeFocused();
    await page.keyboard.press("Home");
    await expect(userRows(page).first()).toBeFocused();
    await page.keyboard.press("ArrowDown");
    // The focused row is now the one Tab returns to.
    await expect(page.locator('tbody tr[tabindex="0"]')).toHaveAttribute("aria-label", `Open Keys ${tag} 1`);

    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/users/${users[1]!.id}$`));
    await expect(page.getByRole("heading", { name: `Keys ${tag} 1`, level: 1 })).toBeVisible();
  });

  test("select page, the selection count and a bulk action; selection ends with the page", async ({ page, context, emulator }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const tag = uniq();
    const users = await makeUsers(emulator, tag, 3);
    await page.goto(`/users?q=${tag}&asc=1`);
    await expect(userRows(page)).toHaveCount(3);
    const bulk = page.getByRole("toolbar", { name: "Bulk actions" });
    await expect(bulk).toHaveCount(0);

    await page.getByRole("checkbox", { name: `Select Keys ${tag} 0` }).check();
    await expect(bulk).toContainText("1 selected");
    // Space on a focused row toggles it too.
    await userRows(page).nth(2).focus();
    await page.keyboard.press(" ");
    await expect(bulk).toContainText("2 selected");
    await expect(page.getByRole("checkbox", { name: "Select page" })).toHaveJSProperty("indeterminate", true);

    await page.getByRole("checkbox", { name: "Select page" }).check();
    await expect(bulk).toContainText("3 selected");
    await bulk.getByRole("button", { name: "Copy ids" }).click();
    await expect(page.getByText("3 user ids copied")).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split("\n").sort()).toEqual(users.map((u) => u.id).sort());

    await page.getByRole("checkbox", { name: "Select page" }).uncheck();
    await expect(bulk).toHaveCount(0);
    await page.getByRole("checkbox", { name: "Select page" }).check();
    await page.getByLabel("Rows per page").selectOption("10");
    await expect(page).toHaveURL(/[?&]pageSize=10/);
    await expect(userRows(page)).toHaveCount(3);
    await expect(bulk).toHaveCount(0);
  });

  test("columns can be hidden and shown again", async ({ page }) => {
    await page.goto("/users");
    await expect(page.getByRole("columnheader", { name: "E-mail" })).toBeVisible();
    await page.getByRole("button", { name: "Columns" }).click();
    const item = page.getByRole("menuitemcheckbox", { name: "E-mail" });
    await expect(item).toHaveAttribute("aria-checked", "true");
    await item.click();
    await expect(item).toHaveAttribute("aria-checked", "false");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("columnheader", { name: "E-mail" })).toHaveCount(0);
    await expect(page.getByRole("columnheader", { name: "Name" })).toBeVisible();
    await page.getByRole("button", { name: "Columns" }).click();
    await page.getByRole("menuitemcheckbox", { name: "E-mail" }).click();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("columnheader", { name: "E-mail" })).toBeVisible();
  });

  test("a failed load shows the error with Retry, and Retry recovers", async ({ page }) => {
    await page.goto("/users");
    await expect(userRows(page)).toHaveCount(25);
    // Client-side page reads fail (the query's own retry too) until the operator retries.
    let failing = true;
    await page.route("**/api/users?*", async (route) => {
      if (!failing) return route.continue();
      await route.fulfill({ status: 502, contentType: "application/json", body: JSON.stringify({ ok: false, code: "UPSTREAM_UNAVAILABLE", message: "Stack did not answer." }) });
    });
    await page.getByRole("button", { name: "Next" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Could not load users" });
    await expect(alert).toContainText("Stack did not answer.");
    await expect(alert).toContainText("UPSTREAM_UNAVAILABLE");
    failing = false;
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(alert).toHaveCount(0);
    await expect(page.getByText(/^Page 2/)).toBeVisible();
    await expect(userRows(page)).toHaveCount(25);
  });

  test("audit log: server-paged through the URL, rows open their target by keyboard", async ({ page, emulator }) => {
    const tag = uniq();
    const [user] = await makeUsers(emulator, tag, 1);
    // A change made through the dashboard, so the audit log has a row that targets this user.
    await page.goto(`/users/${user!.id}`);
    await page.getByLabel("Display name").fill(`Audited ${tag}`);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Profile saved")).toBeVisible();

    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    const row = page.getByRole("row", { name: `Open updateUserProfile on Audited ${tag}` });
    await expect(row).toBeVisible();
    await row.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/users/${user!.id}$`));

    // Paging: 60 more entries in the dashboard's audit store, 25 per page; Next puts the cursor in the URL, Previous comes back.
    seedAudit(tag, 60);
    await page.goto("/audit?pageSize=25");
    await expect(page.getByLabel("Rows per page")).toHaveValue("25");
    const rows = page.locator("tbody tr[data-row]");
    await expect(rows).toHaveCount(25);
    await expect(rows.first()).toHaveAttribute("aria-label", `Open refusedProbe on Probe ${tag} 59`);
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/[?&]cursor=\d+/);
    await expect(page.getByText(/^Page 2/)).toBeVisible();
    await expect(rows.first()).toHaveAttribute("aria-label", `Open refusedProbe on Probe ${tag} 34`);
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/[?&]trail=\d+/);
    await expect(page.getByText(/^Page 3/)).toBeVisible();
    await expect(rows.first()).toHaveAttribute("aria-label", `Open refusedProbe on Probe ${tag} 9`);
    await page.getByRole("button", { name: "Previous" }).click();
    await expect(page.getByText(/^Page 2/)).toBeVisible();
    await expect(rows.first()).toHaveAttribute("aria-label", `Open refusedProbe on Probe ${tag} 34`);
    await page.getByRole("button", { name: "Previous" }).click();
    await expect(page.getByText(/^Page 1/)).toBeVisible();
    await expect(page).not.toHaveURL(/cursor=/);
    await expect(rows.first()).toHaveAttribute("aria-label", `Open refusedProbe on Probe ${tag} 59`);

    // A bad cursor or page size falls back to the first page and the default size.
    await page.goto("/audit?cursor=abc&pageSize=7");
    await expect(page.getByLabel("Rows per page")).toHaveValue("50");
    await expect(page.getByText(/^Page 1/)).toBeVisible();
  });
});
