import { test as setup, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { LANES, laneOf, OPERATORS, storageStatePath, type OperatorName } from "./env";

// Signs in once per operator of e2e/env.ts (one per role, owner as "admin") and saves the session for the specs.
for (const who of Object.keys(OPERATORS) as OperatorName[]) {
  setup(`sign in as ${who}`, async ({ page }) => {
    const op = OPERATORS[who];
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill(op.email);
    await page.getByLabel("Password").fill(op.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // bcrypt at the operators' cost plus the first render: slow on a loaded CI machine.
    await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 60_000 });
    await page.context().storageState({ path: storageStatePath(who) });
  });
}

// Each lane's dashboard opens (and migrates) its console database on first use; specs read that
// database directly (e2e/entry-points.ts), so make every lane's exist before they run.
setup("every lane's console database is open", async ({ request }) => {
  for (let lane = 0; lane < LANES; lane++) {
    const { dashboardUrl, dir } = laneOf(lane);
    const res = await request.get(`${dashboardUrl}/api/ready`);
    expect([200, 503]).toContain(res.status());
    expect(fs.existsSync(path.join(dir, "stack-admin.db")), `lane ${lane}'s console database`).toBe(true);
  }
});
