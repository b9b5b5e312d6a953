import { readFileSync } from "node:fs";
import { Emulator, expect, test } from "./fixtures";

// The users export over a saved view: the file's rows are the users the emulator lists for the
// view's filter, its columns the ones ticked (remembered next time), formula-looking cells
// neutralised, and the readout counts the rows.

/** No cell here holds a comma, quote or newline, so a plain split reads the file. */
function parse(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split("\n").map((l) => l.split(","));
  return lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!])));
}

const tag = `ex${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

test.beforeAll(async () => {
  const emulator = new Emulator();
  for (let i = 0; i < 14; i++) {
    await emulator.createUser({ primary_email: `${tag}-${i}@example.test`, primary_email_verified: i % 2 === 0, display_name: i === 0 ? "=1+2" : `Export ${i}` });
  }
});

/** What the emulator lists for the search, its verified ones: the view's users, by Stack's own answer. */
async function expectedIds(emulator: Emulator) {
  const r = await emulator.fetch(`/users?query=${tag}&limit=100&include_restricted=true`);
  return (r.body.items as { id: string; primary_email_verified: boolean }[]).filter((u) => u.primary_email_verified).map((u) => u.id).sort();
}

test.describe("users export over a view", () => {
  test("downloads the view's users with the chosen columns, shows the progress, remembers the columns", async ({ page, emulator }) => {
    await page.goto(`/users?q=${tag}&verified=yes&pageSize=10`);
    await expect(page.getByRole("row", { name: /^Open / })).toHaveCount(7, { timeout: 20_000 });
    await page.getByRole("button", { name: "Save view" }).click();
    await page.getByRole("dialog", { name: "Save view" }).getByLabel("Name").fill(`Export ${tag}`);
    await page.getByRole("dialog", { name: "Save view" }).getByRole("button", { name: "Save view" }).click();
    await expect(page).toHaveURL(/[?&]view=/);
    const viewId = new URL(page.url()).searchParams.get("view")!;

    await page.getByRole("button", { name: "Export CSV" }).click();
    const dialog = page.getByRole("dialog", { name: "Export users as CSV" });
    await expect(dialog).toContainText(`of the view “Export ${tag}”`);
    await dialog.getByRole("checkbox", { name: "Sign-in methods" }).uncheck();
    await dialog.getByRole("checkbox", { name: "Last active" }).uncheck();
    const download = page.waitForEvent("download");
    await dialog.getByRole("button", { name: "Download CSV" }).click();
    const file = await (await download).path();
    const records = parse(readFileSync(file, "utf8"));

    expect(Object.keys(records[0]!)).toEqual(["id", "primary_email", "primary_email_verified", "display_name", "signed_up_at", "is_anonymous", "is_restricted"]);
    expect(records.map((r) => r.id).sort()).toEqual(await expectedIds(emulator));
    expect(records.every((r) => r.primary_email_verified === "true")).toBe(true);
    expect(records.find((r) => r.primary_email === `${tag}-0@example.test`)?.display_name).toBe("'=1+2");
    await expect(page.getByRole("status").filter({ hasText: "Export done: 7 rows." })).toBeVisible();

    await page.getByRole("button", { name: "Export CSV" }).click();
    await expect(dialog.getByRole("checkbox", { name: "Sign-in methods" })).not.toBeChecked();
    await expect(dialog.getByRole("checkbox", { name: "User id" })).toBeChecked();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // The view alone (as a job or a shared link would ask): the same users.
    const byView = await page.request.get(`/api/users/export?view=${viewId}&columns=id`);
    expect(byView.status()).toBe(200);
    const ids = parse(await byView.text()).map((r) => r.id).sort();
    expect(ids).toEqual(await expectedIds(emulator));
    expect((await page.request.get("/api/users/export?view=7e6d5c4b-3a29-4817-a6b5-c4d3e2f1a0b9")).status()).toBe(404);
  });
});
