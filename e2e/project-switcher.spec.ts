import { DASHBOARD_URL, E2E_PROJECTS } from "./env";
import { test, expect } from "./fixtures";

test.describe("project switcher", () => {
  test("lists every configured project and switches the current one server-side", async ({ page }) => {
    await page.goto("/");
    const switcher = page.getByRole("combobox", { name: "Project" });
    await expect(switcher).toHaveValue(E2E_PROJECTS[0].slug);
    await expect(switcher.locator("option")).toHaveText(E2E_PROJECTS.map((p) => p.name));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(E2E_PROJECTS[0].name);

    await switcher.selectOption(E2E_PROJECTS[1].slug);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(E2E_PROJECTS[1].name);
    await page.reload();
    await expect(page.getByRole("combobox", { name: "Project" })).toHaveValue(E2E_PROJECTS[1].slug);

    await page.getByRole("combobox", { name: "Project" }).selectOption(E2E_PROJECTS[0].slug);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(E2E_PROJECTS[0].name);
  });

  test("refuses a cross-site GET and an unknown project", async ({ page, request }) => {
    expect((await request.get("/api/projects/select?slug=mirror", { maxRedirects: 0 })).status()).toBe(405);
    // With the console's Origin, as the switcher's form sends it (proxy.ts refuses writes without one).
    const res = await page.request.post("/api/projects/select", { form: { slug: "no-such-project" }, headers: { origin: DASHBOARD_URL }, maxRedirects: 0 });
    expect(res.status()).toBe(400);
    expect(await res.text()).toContain("Unknown project");
  });
});
