import { auditSince, lastAuditId } from "./entry-points";
import { EMULATOR_URL } from "./env";
import { expect, test, type Emulator } from "./fixtures";
import type { Page } from "@playwright/test";

// Bulk jobs from the users table: every user matching a search (beyond the page shown) is
// restricted, then deleted with the typed count; the job runs on the server, so a reload
// mid-job finds it still going, and Cancel stops it (the items in flight finish).

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const seed = (emulator: Emulator, tag: string, n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => emulator.createUser({ primary_email: `e2e-bulk-${tag}-${i}@example.test`, display_name: `Bulk ${i}` })));

async function startFromTable(page: Page, search: string, menuItem: string, opts: { allMatching: number | null }) {
  await page.goto(`/users?${search}`);
  await page.getByRole("checkbox", { name: "Select page" }).check({ timeout: 20_000 });
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  if (opts.allMatching !== null) {
    await bar.getByRole("button", { name: "Select all matching this search" }).click();
    await expect(bar.getByText(`All ${opts.allMatching} matching users`)).toBeVisible();
  }
  await bar.getByRole("button", { name: "Bulk actions" }).click();
  await page.getByRole("menuitem", { name: menuItem }).click();
}

const progress = (page: Page) => page.getByRole("progressbar");

test.describe.configure({ mode: "serial" });

test.describe("bulk jobs", () => {
  test("restricts, then deletes, every user matching a search, with the typed count and progress", async ({ page, emulator }) => {
    test.setTimeout(90_000);
    const tag = uniq();
    const users = await seed(emulator, tag, 12);
    const other = await emulator.createUser({ primary_email: `e2e-bulk-other-${uniq()}@example.test` });
    const search = `q=${tag}&pageSize=10`;

    await startFromTable(page, search, "Restrict…", { allMatching: 12 });
    await page.getByLabel("Reason shown to the users (optional)").fill("Bulk review");
    await page.getByLabel("Private note (only admins see it)").fill("e2e bulk");
    await page.getByRole("button", { name: "Restrict", exact: true }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect(page.getByRole("heading", { name: "Restrict or lift users: Finished" })).toBeVisible({ timeout: 30_000 });
    await expect(progress(page)).toHaveAttribute("aria-valuetext", "12 of 12 items");
    for (const u of users) expect((await emulator.fetch(`/users/${u.id}`)).body).toMatchObject({ restricted_by_admin: true, restricted_by_admin_reason: "Bulk review" });

    const since = lastAuditId();
    await startFromTable(page, search, "Delete…", { allMatching: 12 });
    const dialog = page.getByRole("dialog");
    const confirm = dialog.getByRole("button", { name: "Delete users" });
    await dialog.getByRole("textbox").fill("11");
    await expect(confirm).toBeDisabled();
    await dialog.getByRole("textbox").fill("12");
    await confirm.click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect(page.getByRole("heading", { name: "Delete users: Finished" })).toBeVisible({ timeout: 30_000 });
    await expect(progress(page)).toHaveAttribute("aria-valuetext", "12 of 12 items");
    for (const u of users) expect((await emulator.fetch(`/users/${u.id}`)).status).toBe(404);
    expect((await emulator.fetch(`/users/${other.id}`)).status).toBe(200);
    // One audit result per user, plus the start action's and the job's own.
    const records = auditSince(since);
    expect(records.filter((r) => r.action === "deleteUser" && r.status === "success")).toHaveLength(12);
    expect(records.filter((r) => r.action === "bulkDeleteUsers" && r.status === "success")).toHaveLength(1);
    expect(records.filter((r) => r.action === "deleteUsers")).toHaveLength(1);

    // Listed on the Jobs page, linking to its progress.
    await page.goto("/jobs");
    await expect(page.getByRole("link", { name: "Delete users" }).first()).toBeVisible();
  });

  test("a reload mid-job finds it still running; Cancel stops it, the items in flight finish", async ({ page, emulator }) => {
    test.setTimeout(90_000);
    const tag = uniq();
    const users = await seed(emulator, tag, 40);
    // Slow deletes of these users only (the emulator is shared): at four at a time the job would
    // take 30 s; it is cancelled long before.
    const faults = users.map((u) => ({ delay_ms: 3_000, method: "DELETE", path: `/users/${u.id}` }));
    expect((await fetch(`${EMULATOR_URL}/__emulator/faults`, { method: "POST", body: JSON.stringify({ faults }) })).status).toBe(200);

    await startFromTable(page, `q=${tag}&pageSize=50`, "Delete…", { allMatching: null });
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox").fill("40");
    await dialog.getByRole("button", { name: "Delete users" }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect(page.getByRole("heading", { name: "Delete users: Running" })).toBeVisible({ timeout: 20_000 });

    await page.reload();
    await expect(page.getByRole("heading", { name: "Delete users: Running" })).toBeVisible({ timeout: 20_000 });
    // It carried on while the page was away: items finish after the reload.
    await expect.poll(async () => Number(await progress(page).getAttribute("aria-valuenow")), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);

    await page.getByRole("button", { name: "Cancel job" }).click();
    await expect(page.getByRole("heading", { name: "Delete users: Cancelled" })).toBeVisible({ timeout: 30_000 });
    const done = Number(await progress(page).getAttribute("aria-valuenow"));
    expect(done).toBeLessThan(40);
    const remaining = (await Promise.all(users.map(async (u) => (await emulator.fetch(`/users/${u.id}`)).status))).filter((s) => s === 200).length;
    expect(remaining).toBe(40 - done);
    await fetch(`${EMULATOR_URL}/__emulator/faults`, { method: "DELETE" });
  });
});
