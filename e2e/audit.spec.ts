import { expect, pageAs, test } from "./fixtures";
import { auditSince, lastAuditId } from "./entry-points";

// The audit log page over the console's real store: filters in the URL, a target's history from
// its page, and the owner-only CSV export streamed from a route handler.

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("audit log", () => {
  test("filters by action and result, and a user's page links to that user's history", async ({ page, emulator }) => {
    const tag = uniq();
    const u = await emulator.createUser({ primary_email: `e2e-audit-${tag}@example.test`, display_name: "Before" });
    await page.goto(`/users/${u.id}`);
    await page.getByLabel("Display name").fill(`Audited ${tag}`);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Profile saved")).toBeVisible();

    await page.getByRole("link", { name: "Audit history" }).click();
    await expect(page).toHaveURL(new RegExp(`/audit\\?target=${u.id}`));
    const rows = page.getByRole("row", { name: /updateUserProfile/ });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("success");

    await page.getByLabel("Result", { exact: true }).selectOption("refused");
    await expect(page).toHaveURL(/result=refused/);
    await expect(page.getByText("No records match")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).not.toHaveURL(/target=/);

    await page.getByLabel("Action", { exact: true }).selectOption("updateUserProfile");
    await expect(page).toHaveURL(/action=updateUserProfile/);
    await expect(page.locator("tbody tr").first()).toContainText("updateUserProfile");
    for (const row of await page.locator("tbody tr").all()) await expect(row).toContainText("updateUserProfile");
  });

  test("an owner exports exactly the filtered records as CSV; a viewer is refused, on record", async ({ page, browser, emulator }) => {
    const tag = uniq();
    const u = await emulator.createUser({ primary_email: `e2e-export-${tag}@example.test`, display_name: "Before" });
    await page.goto(`/users/${u.id}`);
    for (const name of [`One ${tag}`, `Two ${tag}`]) {
      await page.getByLabel("Display name").fill(name);
      await page.getByRole("button", { name: "Save profile" }).click();
      await expect(page.getByText("Profile saved").first()).toBeVisible();
    }
    await page.goto(`/audit?target=${u.id}`);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await (await download).path();
    const csv = (await import("node:fs")).readFileSync(file, "utf8").trim().split("\n");
    expect(csv[0]).toBe("id,at,operator,role,action,target_type,target_id,target_label,result,error_code,message,changes,request_id");
    const body = csv.slice(1);
    expect(body).toHaveLength(2);
    for (const line of body) {
      expect(line).toContain(`,updateUserProfile,user,${u.id},`);
      expect(line).toContain(",success,");
    }

    const viewer = await pageAs(browser, "viewer");
    await viewer.goto("/audit");
    await expect(viewer.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(viewer.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
    const since = lastAuditId();
    const res = await viewer.request.get("/api/audit/export", { failOnStatusCode: false });
    expect(res.status()).toBe(403);
    expect(auditSince(since)).toEqual(expect.arrayContaining([expect.objectContaining({ action: "exportAudit", status: "refused", error_code: "FORBIDDEN" })]));
    await viewer.context().close();
  });
});
