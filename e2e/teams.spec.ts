import type { Page } from "@playwright/test";
import { recordActionPost, refusedWith, replay } from "./action-replay";
import { storageStatePath } from "./env";
import { expect, test, type Emulator } from "./fixtures";

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** Data rows of the teams table (each is labelled "Open <team>"). */
const rows = (page: Page) => page.getByRole("row", { name: /^Open / });

async function makeTeam(emulator: Emulator, body: Record<string, unknown>) {
  const r = await emulator.fetch("/teams", { method: "POST", body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; display_name: string };
}

test.describe("teams list", () => {
  test("lists, searches through the URL, pages, and opens a team", async ({ page, emulator }) => {
    const tag = uniq();
    const teams = [];
    for (let i = 0; i < 12; i++) {
      teams.push(await makeTeam(emulator, { display_name: `List ${tag} ${i}` }));
      await new Promise((r) => setTimeout(r, 3)); // distinct creation times: newest first is well defined
    }

    await page.goto("/teams?pageSize=10");
    await expect(page.getByRole("heading", { name: "Teams", level: 1 })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Name" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Created" })).toBeVisible();
    await expect(page.getByText(/doesn't page teams/)).toHaveCount(0);

    await page.getByRole("searchbox", { name: "Search teams" }).fill(tag.toUpperCase());
    await expect(page).toHaveURL(new RegExp(`q=${tag.toUpperCase()}`));
    await expect(page.getByRole("table", { name: new RegExp(`matching “${tag.toUpperCase()}”`) })).toBeVisible();
    await expect(rows(page)).toHaveCount(10);
    // Newest first.
    await expect(rows(page).first()).toHaveAccessibleName(`Open List ${tag} 11`);
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(rows(page)).toHaveCount(2);
    await expect(page.getByText(/^Page 2/)).toBeVisible();
    await page.reload();
    await expect(rows(page)).toHaveCount(2);
    await page.getByRole("button", { name: "Previous" }).click();
    await expect(rows(page)).toHaveCount(10);

    await page.getByRole("searchbox", { name: "Search teams" }).fill(`${tag} 3`);
    await expect(page.getByRole("table", { name: new RegExp(`matching “${tag} 3”`) })).toBeVisible();
    await expect(rows(page)).toHaveCount(1);
    await rows(page).first().click();
    await expect(page).toHaveURL(new RegExp(`/teams/${teams[3]!.id}$`));
    await expect(page.getByRole("heading", { name: `List ${tag} 3`, level: 1 })).toBeVisible();
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    await expect(crumbs.getByText(`List ${tag} 3`)).toHaveAttribute("aria-current", "page");
    await crumbs.getByRole("link", { name: "Teams" }).click();
    await expect(page).toHaveURL(/\/teams$/);
  });

  test("a search without matches shows the empty state, and Clear search recovers", async ({ page }) => {
    await page.goto(`/teams?q=nothing-${uniq()}`);
    await expect(page.getByText("No teams match")).toBeVisible();
    await page.getByRole("button", { name: "Clear search" }).click();
    await expect(page).toHaveURL(/\/teams$/);
    await expect(page.getByText("No teams match")).toHaveCount(0);
  });

  test("an unknown or malformed team id is a not-found page", async ({ page }) => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-team"]) {
      await page.goto(`/teams/${id}`);
      await expect(page.getByText("Team not found")).toBeVisible();
    }
  });
});

test.describe("team page", () => {
  test("shows the team and its members, renames it, and deletes it behind the typed name", async ({ page, emulator }) => {
    const tag = uniq();
    const member = await emulator.createUser({ primary_email: `team-member-${tag}@example.test`, display_name: `Member ${tag}` });
    const team = await makeTeam(emulator, { display_name: `Team ${tag}`, creator_user_id: member.id, client_metadata: { tier: "gold" } });

    await page.goto(`/teams/${team.id}`);
    await expect(page.getByRole("heading", { name: `Team ${tag}`, level: 1 })).toBeVisible();
    await expect(page.getByText(team.id)).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Client metadata" })).toHaveValue(/"tier": "gold"/);
    await expect(page.getByRole("definition").filter({ hasText: /^1 member$/ })).toBeVisible();
    const members = page.getByRole("region", { name: "Members" });
    await expect(members.getByRole("row", { name: `Open Member ${tag}` })).toBeVisible();

    await page.getByLabel("Team name").fill(`Renamed ${tag}`);
    await page.getByLabel("Profile image URL").fill("javascript:alert(1)");
    await page.getByRole("button", { name: "Save team" }).click();
    await expect(page.getByText("Enter an http(s) URL.")).toBeVisible();
    await page.getByLabel("Profile image URL").fill("https://example.com/team.png");
    await page.getByRole("button", { name: "Save team" }).click();
    await expect(page.getByText("Team saved")).toBeVisible();
    await expect(page.getByRole("heading", { name: `Renamed ${tag}`, level: 1 })).toBeVisible();
    expect((await emulator.fetch(`/teams/${team.id}`)).body).toMatchObject({ display_name: `Renamed ${tag}`, profile_image_url: "https://example.com/team.png" });

    await page.getByRole("button", { name: "Delete team…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete team" });
    await expect(dialog).toContainText("1 member loses access to it.");
    const confirm = dialog.getByRole("button", { name: "Delete team", exact: true });
    await dialog.getByLabel(/to confirm/).fill(`Team ${tag}`);
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill(`Renamed ${tag}`);
    await confirm.click();
    await expect(page).toHaveURL(/\/teams$/);
    await expect(page.getByText(`Deleted team Renamed ${tag}`)).toBeVisible();
    expect((await emulator.fetch(`/teams/${team.id}`)).status).toBe(404);
  });

  test("a replayed delete with a wrong confirmation is refused by the server, before any write", async ({ page, emulator, playwright }) => {
    const tag = uniq();
    const throwaway = await makeTeam(emulator, { display_name: `Throwaway ${tag}` });
    const target = await makeTeam(emulator, { display_name: `Target ${tag}` });

    await page.goto(`/teams/${throwaway.id}`);
    await page.getByRole("button", { name: "Delete team…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete team" });
    await dialog.getByLabel(/to confirm/).fill(throwaway.display_name);
    const rec = await recordActionPost(page, () => dialog.getByRole("button", { name: "Delete team", exact: true }).click(), (b) => b.includes(throwaway.id) && b.includes("confirmation"));
    await expect(page).toHaveURL(/\/teams$/);
    expect((await emulator.fetch(`/teams/${throwaway.id}`)).status, "the UI delete itself worked").toBe(404);
    await page.goto("about:blank");

    const owner = await playwright.request.newContext({ storageState: storageStatePath("admin") });
    const retarget = (confirmation: string) => rec.body.replaceAll(throwaway.id, target.id).replaceAll(throwaway.display_name, confirmation);
    for (const wrong of [throwaway.display_name, `Target ${tag}x`, target.id, ""]) {
      const r = await replay(owner, rec, retarget(wrong));
      expect(refusedWith(r, "CONFIRMATION_MISMATCH"), `confirmation ${JSON.stringify(wrong)}: status ${r.status}\n${r.text.slice(0, 500)}`).toBe(true);
      const now = await emulator.fetch(`/teams/${target.id}`);
      expect(now.status, "the target still exists").toBe(200);
      expect(now.body.display_name).toBe(`Target ${tag}`);
    }

    // Control: the target's name as read now (any case) deletes it.
    const ok = await replay(owner, rec, retarget(`target ${tag}`.toUpperCase()));
    expect(ok.text, ok.text.slice(0, 500)).toContain(`"ok":true`);
    expect((await emulator.fetch(`/teams/${target.id}`)).status).toBe(404);
    await owner.dispose();
  });
});
