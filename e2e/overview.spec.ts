import { expect, test } from "./fixtures";

// The overview as an operator reads it: numbers from the project's metrics, charts with axes,
// values on hover and as a table, a range switch in the URL — all server-rendered.

type Metrics = {
  total_users: number;
  daily_users: { date: string; activity: number }[];
  daily_active_users: { date: string; activity: number }[];
  auth_overview: { verified_users: number; unverified_users: number };
};

test.describe("overview", () => {
  test("totals, verification split and readable charts, 30 then 7 days", async ({ page, emulator }) => {
    await emulator.createUser({ primary_email: `e2e-overview-${Date.now()}@example.test` });
    const m = (await emulator.fetch("/internal/metrics")).body as Metrics;
    await page.goto("/");
    await expect(page.getByText("Total users").locator("..").locator("..")).toContainText(m.total_users.toLocaleString("en-US"));
    const split = page.getByRole("img", { name: /verified \(/ });
    await expect(split).toHaveAttribute("aria-label", new RegExp(`^${m.auth_overview.verified_users.toLocaleString("en-US")} verified .* ${m.auth_overview.unverified_users.toLocaleString("en-US")} unverified$`));

    const chart = page.getByRole("img", { name: /^Daily sign-ups over the last 30 days/ });
    const total30 = m.daily_users.slice(-30).reduce((a, p) => a + p.activity, 0);
    await expect(chart).toHaveAttribute("aria-label", `Daily sign-ups over the last 30 days: ${total30.toLocaleString("en-US")} sign-ups in total`);
    await expect(chart.locator("rect")).toHaveCount(30);
    // A value axis with ticks (0 and at least one more), date labels on the other.
    expect(await chart.locator("text").allTextContents()).toEqual(expect.arrayContaining(["0"]));
    expect((await chart.locator("text").allTextContents()).length).toBeGreaterThanOrEqual(6);
    // Each bar's value on hover, the latest day included.
    const today = m.daily_users.at(-1)!;
    await expect(chart.locator("rect title").last()).toHaveText(new RegExp(`: ${today.activity.toLocaleString("en-US")} sign-ups$`));
    // The same numbers as a table, no script needed.
    await page.getByText("Show as a table").first().click();
    const table = page.getByRole("table", { name: "Daily sign-ups over the last 30 days" });
    await expect(table.locator("tbody tr")).toHaveCount(30);
    await expect(table.locator("tbody tr").last()).toHaveText(`${today.date}${today.activity.toLocaleString("en-US")}`);

    await page.getByRole("link", { name: "7 days" }).click();
    await expect(page).toHaveURL(/\?range=7$/);
    await expect(page.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "page");
    const chart7 = page.getByRole("img", { name: /^Daily active users over the last 7 days/ });
    await expect(chart7.locator("rect")).toHaveCount(7);
    await expect(page.getByText("Sign-ups, last 7 days")).toBeVisible();
    await expect(page.getByText("90 days")).toBeVisible();
    await expect(page.getByRole("link", { name: "90 days" })).toHaveCount(0);
  });

  test("the page ships no chart JavaScript: the charts are in the HTML", async ({ page }) => {
    const res = await page.request.get("/?range=7");
    const html = await res.text();
    expect(html).toContain("Daily sign-ups over the last 7 days");
    expect(html).toMatch(/<rect[^>]*><title>/);
  });
});
