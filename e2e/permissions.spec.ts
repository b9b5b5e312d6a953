import type { Locator, Page } from "@playwright/test";
import { recordActionPost, refusedWith, replay } from "./action-replay";
import { E2E_PROJECTS, RELEASE_EMULATORS, storageStatePath } from "./env";
import { Emulator, expect, test } from "./fixtures";

// Permission definitions (team and project scope), the cycle check, and grants on a team member
// and on a user, against the emulator over HTTP.

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
type Definition = { id: string; description?: string; contained_permission_ids: string[] };

async function definitions(emulator: Emulator, scope: "team" | "project"): Promise<Definition[]> {
  const r = await emulator.fetch(`/${scope}-permission-definitions`);
  expect(r.status).toBe(200);
  return r.body.items as Definition[];
}
async function define(emulator: Emulator, scope: "team" | "project", body: { id: string; contained_permission_ids?: string[]; description?: string }) {
  const r = await emulator.fetch(`/${scope}-permission-definitions`, { method: "POST", body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}
async function memberOfNewTeam(emulator: Emulator, tag: string) {
  const user = await emulator.createUser({ primary_email: `member-${tag}@example.test`, display_name: `Member ${tag}` });
  const team = await emulator.fetch("/teams", { method: "POST", body: { display_name: `Perm team ${tag}` } });
  expect(team.status).toBe(201);
  const teamId = (team.body as { id: string }).id;
  expect((await emulator.fetch(`/team-memberships/${teamId}/${user.id}`, { method: "POST", body: {} })).status).toBe(201);
  return { userId: user.id, teamId };
}
async function directTeamGrants(emulator: Emulator, teamId: string, userId: string): Promise<string[]> {
  return ((await emulator.fetch(`/team-permissions?team_id=${teamId}&user_id=${userId}`)).body.items as { id: string }[]).map((p) => p.id);
}
const permissionRow = (page: Page | Locator, id: string) => page.getByRole("row", { name: id, exact: true });

test.describe("permission definitions", () => {
  test("create, edit and delete a team permission, the delete behind a typed confirmation that counts its grants", async ({ page, emulator }) => {
    const tag = uniq();
    const id = `e2e_${tag}:reports`;
    await define(emulator, "team", { id: `e2e_${tag}:extra`, description: "Extra" });

    await page.goto("/permissions");
    await expect(page.getByRole("heading", { name: "Permissions", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Team permissions" })).toHaveAttribute("aria-current", "page");
    // System permissions are listed as the API lists them, read-only.
    const system = permissionRow(page, "$update_team");
    await expect(system).toContainText("System");
    await expect(system).toContainText("Read-only");
    await expect(system.getByRole("button", { name: /Edit/ })).toHaveCount(0);

    await page.getByRole("button", { name: "Create team permission" }).click();
    const create = page.getByRole("dialog", { name: "Create team permission" });
    // The id is validated to Stack's pattern before anything is sent.
    await create.getByLabel("Id").fill("Not Valid");
    await create.getByRole("button", { name: "Create permission" }).click();
    await expect(create.getByText('Only lowercase letters, numbers, ":" and "_" are allowed.')).toBeVisible();
    await create.getByLabel("Id").fill(id);
    await create.getByLabel("Description (optional)").fill("Reads reports");
    await create.getByRole("checkbox", { name: /^\$read_members/ }).check();
    await create.getByRole("button", { name: "Create permission" }).click();
    await expect(create).toBeHidden();
    await expect(permissionRow(page, id)).toContainText("$read_members");
    expect((await definitions(emulator, "team")).find((d) => d.id === id)).toEqual({ id, description: "Reads reports", contained_permission_ids: ["$read_members"] });

    await permissionRow(page, id).getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${id}` });
    await expect(edit.getByLabel("Id")).toHaveValue(id);
    await edit.getByLabel("Description (optional)").fill("Reads and exports reports");
    await edit.getByRole("checkbox", { name: /^\$read_members/ }).uncheck();
    await edit.getByRole("checkbox", { name: new RegExp(`^e2e_${tag}:extra`) }).check();
    await edit.getByRole("button", { name: "Save permission" }).click();
    await expect(edit).toBeHidden();
    expect((await definitions(emulator, "team")).find((d) => d.id === id)).toEqual({ id, description: "Reads and exports reports", contained_permission_ids: [`e2e_${tag}:extra`] });
    await expect(permissionRow(page, `e2e_${tag}:extra`)).toContainText(id); // contained by

    // One member holds it directly: the dialog says one grant disappears.
    const { userId, teamId } = await memberOfNewTeam(emulator, tag);
    expect((await emulator.fetch(`/team-permissions/${teamId}/${userId}/${id}`, { method: "POST", body: {} })).status).toBe(201);
    await permissionRow(page, id).getByRole("link", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete permission" });
    await expect(dialog).toContainText("1 direct grant disappears.");
    await expect(dialog.getByRole("button", { name: "Delete permission" })).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill(id);
    await dialog.getByRole("button", { name: "Delete permission" }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/permissions$/);
    await expect(permissionRow(page, id)).toHaveCount(0);
    expect((await definitions(emulator, "team")).some((d) => d.id === id)).toBe(false);
    expect(await directTeamGrants(emulator, teamId, userId)).not.toContain(id);
  });

  test("a replayed delete with a wrong confirmation is refused by the server, before any write", async ({ page, emulator, playwright }) => {
    const tag = uniq();
    const throwaway = `throwaway_${tag}`;
    const target = `target_${tag}`;
    await define(emulator, "project", { id: throwaway });
    await define(emulator, "project", { id: target });

    await page.goto(`/permissions?scope=project&delete=${throwaway}`);
    const dialog = page.getByRole("dialog", { name: "Delete permission" });
    await expect(dialog).toContainText("Nobody holds it directly");
    await dialog.getByLabel(/to confirm/).fill(throwaway);
    const rec = await recordActionPost(page, () => dialog.getByRole("button", { name: "Delete permission" }).click(), (b) => b.includes(throwaway) && b.includes("confirmation"));
    await expect(dialog).toBeHidden();
    expect((await definitions(emulator, "project")).some((d) => d.id === throwaway), "the UI delete itself worked").toBe(false);
    await page.goto("about:blank");

    const owner = await playwright.request.newContext({ storageState: storageStatePath("admin") });
    const retarget = (confirmation: string) => rec.body.replace(`"permissionId":"${throwaway}"`, `"permissionId":"${target}"`).replace(`"confirmation":"${throwaway}"`, `"confirmation":${JSON.stringify(confirmation)}`);
    for (const wrong of [throwaway, `${target}x`, ""]) {
      const r = await replay(owner, rec, retarget(wrong));
      expect(refusedWith(r, "CONFIRMATION_MISMATCH"), `confirmation ${JSON.stringify(wrong)}: status ${r.status}\n${r.text.slice(0, 500)}`).toBe(true);
      expect((await definitions(emulator, "project")).some((d) => d.id === target), "the target still exists").toBe(true);
    }
    const ok = await replay(owner, rec, retarget(target));
    expect(ok.text, ok.text.slice(0, 500)).toContain(`"ok":true`);
    expect((await definitions(emulator, "project")).some((d) => d.id === target)).toBe(false);
    await owner.dispose();
  });

  test("a cycle is refused with a message naming it, and nothing is written", async ({ page, emulator }) => {
    const tag = uniq();
    const a = `cyc_${tag}_a`;
    const b = `cyc_${tag}_b`;
    await define(emulator, "team", { id: a });
    await define(emulator, "team", { id: b, contained_permission_ids: [a] });

    await page.goto("/permissions");
    await permissionRow(page, a).getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${a}` });
    await edit.getByRole("checkbox", { name: new RegExp(`^${b}`) }).check();
    await edit.getByRole("button", { name: "Save permission" }).click();
    const alert = edit.getByRole("alert");
    await expect(alert).toContainText(`${a} → ${b} → ${a}`);
    await expect(alert).toContainText("PERMISSION_CYCLE");
    await expect(edit).toBeVisible();
    // The emulator accepts cycles like a real server: an unchanged definition proves no write was sent.
    expect((await definitions(emulator, "team")).find((d) => d.id === a)?.contained_permission_ids).toEqual([]);
  });
});

test.describe("grants", () => {
  test("on a team member: granted directly, a contained one through it, revoke, and a stale revoke shows TEAM_PERMISSION_NOT_FOUND", async ({ page, emulator }) => {
    const tag = uniq();
    const lead = `lead_${tag}`;
    const read = `read_${tag}`;
    await define(emulator, "team", { id: read, description: "Read things" });
    await define(emulator, "team", { id: lead, contained_permission_ids: [read, "$update_team"] });
    const { userId, teamId } = await memberOfNewTeam(emulator, tag);

    await page.goto(`/teams/${teamId}/members/${userId}`);
    await expect(page.getByRole("heading", { name: `Member ${tag}`, level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: `Perm team ${tag}` })).toHaveAttribute("href", `/teams/${teamId}`);
    await expect(page.getByRole("link", { name: /^Open user/ })).toHaveAttribute("href", `/users/${userId}`);
    // The project's member default (team_member) and what it contains.
    await expect(permissionRow(page, "team_member")).toContainText("Granted directly");
    await expect(permissionRow(page, "$read_members")).toContainText("Through team_member");
    await expect(permissionRow(page, read)).toContainText("Not held");

    await permissionRow(page, lead).getByRole("button", { name: "Grant" }).click();
    await expect(permissionRow(page, lead)).toContainText("Granted directly");
    await expect(permissionRow(page, read)).toContainText(`Through ${lead}`);
    await expect(permissionRow(page, "$update_team")).toContainText(`Through ${lead}`);
    // Held only through lead: it can be granted directly, not revoked.
    await expect(permissionRow(page, read).getByRole("button", { name: "Grant" })).toBeVisible();
    expect(await directTeamGrants(emulator, teamId, userId)).toEqual([lead, "team_member"]);

    await permissionRow(page, lead).getByRole("button", { name: "Revoke" }).click();
    await expect(permissionRow(page, lead)).toContainText("Not held");
    await expect(permissionRow(page, read)).toContainText("Not held");
    expect(await directTeamGrants(emulator, teamId, userId)).toEqual(["team_member"]);

    // Revoked behind the page's back: the page's Revoke is now a second revoke.
    await permissionRow(page, read).getByRole("button", { name: "Grant" }).click();
    await expect(permissionRow(page, read)).toContainText("Granted directly");
    expect((await emulator.fetch(`/team-permissions/${teamId}/${userId}/${read}`, { method: "DELETE", body: {} })).status).toBe(200);
    await permissionRow(page, read).getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText("Error code: TEAM_PERMISSION_NOT_FOUND")).toBeVisible();
  });

  test("on a user: grant and revoke project permissions, with the contained ones shown through the grant", async ({ page, emulator }) => {
    const tag = uniq();
    const admin = `billing_${tag}`;
    const view = `invoices_${tag}`;
    await define(emulator, "project", { id: view });
    await define(emulator, "project", { id: admin, contained_permission_ids: [view] });
    const user = await emulator.createUser({ primary_email: `proj-${tag}@example.test` });
    const granted = async () => ((await emulator.fetch(`/project-permissions?user_id=${user.id}`)).body.items as { id: string }[]).map((p) => p.id);

    await page.goto(`/users/${user.id}`);
    const card = page.getByRole("region", { name: "Project permissions" });
    await expect(permissionRow(card, admin)).toContainText("Not held");
    await permissionRow(card, admin).getByRole("button", { name: "Grant" }).click();
    await expect(permissionRow(card, admin)).toContainText("Granted directly");
    await expect(permissionRow(card, view)).toContainText(`Through ${admin}`);
    expect(await granted()).toEqual([admin]);
    await permissionRow(card, admin).getByRole("button", { name: "Revoke" }).click();
    await expect(permissionRow(card, admin)).toContainText("Not held");
    expect(await granted()).toEqual([]);
  });
});

test.describe("older releases", () => {
  const oldest = RELEASE_EMULATORS.find((e) => e.release === "2025-02")!;
  test("the February 2025 release: team permissions listed, project permissions hidden with a note", async ({ page }) => {
    const project = E2E_PROJECTS.find((p) => p.slug === oldest.slug)!;
    await page.goto("/");
    await page.getByRole("combobox", { name: "Project" }).selectOption(oldest.slug);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(project.name);
    await page.goto("/permissions");
    await expect(permissionRow(page, "$update_team")).toBeVisible();
    await page.getByRole("link", { name: "Project permissions" }).click();
    await expect(page.getByText("This Stack server is an older release without project permissions")).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: /Could not/ })).toHaveCount(0);
    const user = (await new Emulator(oldest.url).fetch("/users?limit=1")).body.items[0] as { id: string };
    await page.goto(`/users/${user.id}`);
    await expect(page.getByText("This Stack server is an older release without project permissions.")).toBeVisible();
  });
});
