import { readFileSync } from "node:fs";
import { expect, pageAs, test } from "./fixtures";
import { auditSince, lastAuditId } from "./entry-points";

// The users CSV export: every user the table's search matches, across pages, with the columns
// the operator kept; recorded in the audit log; not offered to a viewer.

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("users export", () => {
  test("downloads every user matching the search (beyond the page shown), with the chosen columns", async ({ page, browser, emulator }) => {
    const tag = uniq();
    const made: { id: string; email: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const email = `e2e-export-${tag}-${i}@example.test`;
      const u = await emulator.createUser({ primary_email: email, display_name: `Export ${i}` });
      made.push({ id: u.id, email });
    }
    await emulator.createUser({ primary_email: `e2e-other-${uniq()}@example.test` });

    await page.goto(`/users?q=${tag}&pageSize=10`);
    await expect(page.locator("tbody tr")).toHaveCount(10, { timeout: 20_000 });
    const since = lastAuditId();
    await page.getByText("Export CSV").click();
    await page.getByRole("checkbox", { name: "Sign-in methods" }).uncheck();
    await page.getByRole("checkbox", { name: "Last active" }).uncheck();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const file = await (await download).path();
    // No cell here holds a comma, quote or newline, so a plain split reads the file.
    const [header, ...lines] = readFileSync(file, "utf8").trim().split("\n").map((l) => l.split(","));
    const rows = lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]])));

    expect(header).toEqual(["id", "primary_email", "primary_email_verified", "display_name", "signed_up_at", "is_anonymous", "is_restricted"]);
    expect(rows.map((r) => r.id).sort()).toEqual(made.map((m) => m.id).sort());
    for (const r of rows) expect(made.find((m) => m.id === r.id)?.email).toBe(r.primary_email);
    expect(auditSince(since)).toEqual(expect.arrayContaining([expect.objectContaining({ action: "exportUsers", status: "success" })]));

    const viewer = await pageAs(browser, "viewer");
    await viewer.goto("/users");
    await expect(viewer.getByRole("heading", { name: "Users" })).toBeVisible();
    await expect(viewer.getByText("Export CSV")).toHaveCount(0);
    await viewer.context().close();
  });
});
