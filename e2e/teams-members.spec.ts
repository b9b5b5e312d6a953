import type { Locator, Page } from "@playwright/test";
import { expect, test, type Emulator } from "./fixtures";

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const memberRows = (page: Page) => page.getByRole("region", { name: "Members" }).getByRole("row", { name: /^Open / });

async function makeTeam(emulator: Emulator, body: Record<string, unknown>) {
  const r = await emulator.fetch("/teams", { method: "POST", body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; display_name: string };
}

const memberIds = async (emulator: Emulator, teamId: string) =>
  ((await emulator.fetch(`/users?team_id=${teamId}&limit=100`)).body.items as { id: string }[]).map((u) => u.id).sort();

/** Types into a picker, waits for the one matching option, and picks it with the keyboard (Arrow keys, Enter). */
async function pickWithKeyboard(picker: Locator, text: string, option: string | RegExp) {
  await picker.focus();
  await picker.pressSequentially(text, { delay: 20 });
  const listbox = picker.page().getByRole("listbox", { name: /results$/ });
  await expect(listbox.getByRole("option", { name: option })).toBeVisible();
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  // The first option is active; ArrowDown then ArrowUp comes back to it (a single match wraps).
  await picker.press("ArrowDown");
  await picker.press("ArrowUp");
  await expect(listbox.getByRole("option", { selected: true })).toHaveAccessibleName(option);
  await picker.press("Enter");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
}

// Each test drives several server round trips on a shared 2-core machine.
test.describe.configure({ timeout: 120_000 });

test.describe("team members", () => {
  test("creates a team with a first member chosen in the picker, and metadata", async ({ page, emulator }) => {
    const tag = uniq();
    const ada = await emulator.createUser({ primary_email: `ada-${tag}@example.test`, display_name: `Ada ${tag}` });

    await page.goto("/teams");
    await page.getByRole("button", { name: "Create team" }).click();
    const dialog = page.getByRole("dialog", { name: "Create team" });
    await dialog.getByLabel("Team name").fill(`Created ${tag}`);
    await pickWithKeyboard(dialog.getByRole("combobox", { name: "First member (optional)" }), `ada-${tag}`, new RegExp(`Ada ${tag}`));
    await dialog.getByLabel("Server metadata").fill("{ not json");
    await dialog.getByRole("button", { name: "Create team" }).click();
    await expect(dialog.getByText(/^Invalid JSON/)).toBeVisible();
    await dialog.getByLabel("Server metadata").fill('{"tier": "gold"}');
    await dialog.getByRole("button", { name: "Create team" }).click();

    await expect(page.getByRole("heading", { name: `Created ${tag}`, level: 1 })).toBeVisible();
    const teamId = page.url().split("/teams/")[1]!.split(/[?#]/)[0]!;
    const team = (await emulator.fetch(`/teams/${teamId}`)).body;
    expect(team).toMatchObject({ display_name: `Created ${tag}`, server_metadata: { tier: "gold" } });
    expect(await memberIds(emulator, teamId)).toEqual([ada.id]);
    // The creator holds the team-creator defaults, shown as chips.
    await expect(memberRows(page)).toHaveCount(1);
    await expect(memberRows(page).first().getByRole("list", { name: "Team permissions" })).toContainText("team_admin");
    await expect(page.getByRole("textbox", { name: "Server metadata" })).toHaveValue(/"tier": "gold"/);
  });

  test("adds two members through the picker (keyboard), refuses a duplicate with Stack's code, edits a team profile, removes a member", async ({ page, emulator }) => {
    const tag = uniq();
    const [ann, ben] = [
      await emulator.createUser({ primary_email: `ann-${tag}@example.test`, display_name: `Ann ${tag}` }),
      await emulator.createUser({ primary_email: `ben-${tag}@example.test`, display_name: `Ben ${tag}` }),
    ];
    const team = await makeTeam(emulator, { display_name: `Members ${tag}` });

    await page.goto(`/teams/${team.id}`);
    await expect(page.getByText("No members", { exact: true })).toBeVisible();
    const picker = page.getByRole("combobox", { name: "Add a member" });
    const add = page.getByRole("button", { name: "Add member" });
    await expect(add).toBeDisabled();

    for (const u of [ann, ben]) {
      await pickWithKeyboard(picker, u.primary_email!.split("@")[0]!, new RegExp(u.display_name!));
      await expect(add).toBeEnabled();
      await add.press("Enter");
      await expect(page.getByText(`Added ${u.display_name} to the team`)).toBeVisible();
      await expect(memberRows(page).filter({ hasText: u.display_name! })).toHaveCount(1);
    }
    expect(await memberIds(emulator, team.id)).toEqual([ann.id, ben.id].sort());
    await expect(memberRows(page).first().getByRole("list", { name: "Team permissions" })).toContainText("team_member");

    // A user already in the team: Stack refuses, and the code is shown.
    await pickWithKeyboard(picker, `ann-${tag}`, new RegExp(`Ann ${tag}`));
    await add.click();
    await expect(page.getByText("TEAM_MEMBERSHIP_ALREADY_EXISTS")).toBeVisible();

    // The team profile: a name in this team only.
    await page.getByRole("button", { name: `Actions for Ben ${tag}` }).click();
    await page.getByRole("menuitem", { name: "Edit team profile…" }).click();
    const profile = page.getByRole("dialog", { name: "Edit team profile" });
    await profile.getByLabel("Display name in the team").fill(`Benjamin ${tag}`);
    await profile.getByLabel("Profile image URL in the team").fill("javascript:alert(1)");
    await profile.getByRole("button", { name: "Save profile" }).click();
    await expect(profile.getByText("Enter an http(s) URL.")).toBeVisible();
    await profile.getByLabel("Profile image URL in the team").fill("");
    await profile.getByRole("button", { name: "Save profile" }).click();
    await expect(profile).toBeHidden();
    await expect(memberRows(page).filter({ hasText: `Benjamin ${tag}` })).toHaveCount(1);
    expect((await emulator.fetch(`/team-member-profiles/${team.id}/${ben.id}`)).body).toMatchObject({ display_name: `Benjamin ${tag}` });
    expect((await emulator.fetch(`/users/${ben.id}`)).body.display_name, "the user's own name is unchanged").toBe(`Ben ${tag}`);

    // Remove, through the confirmation dialog.
    await page.getByRole("button", { name: `Actions for Ann ${tag}` }).click();
    await page.getByRole("menuitem", { name: "Remove from team…" }).click();
    const confirm = page.getByRole("dialog", { name: "Remove from team" });
    await expect(confirm).toContainText(`Ann ${tag}`);
    await confirm.getByRole("button", { name: "Remove member" }).click();
    await expect(page.getByText(`Removed Ann ${tag} from the team`)).toBeVisible();
    await expect(memberRows(page)).toHaveCount(1);
    expect(await memberIds(emulator, team.id)).toEqual([ben.id]);
    // Each member row leads to the member's page in this team.
    await expect(memberRows(page).first().getByRole("link").first()).toHaveAttribute("href", `/teams/${team.id}/members/${ben.id}`);
  });

  test("pages and searches the large seeded team's members on the server, state in the URL", async ({ page, emulator }) => {
    const found = (await emulator.fetch(`/teams?query=${encodeURIComponent("Everyone at Acme")}`)).body.items as { id: string }[];
    expect(found, "the demo data has the large team").toHaveLength(1);
    const teamId = found[0]!.id;
    // Every member, restricted ones included (the table lists them too).
    const all = ((await emulator.fetch(`/team-member-profiles?team_id=${teamId}`)).body.items as { user: { id: string; primary_email: string | null } }[]).map((p) => p.user);
    expect(all.length).toBeGreaterThan(20);

    await page.goto(`/teams/${teamId}?pageSize=10`);
    await expect(memberRows(page)).toHaveCount(10);
    await expect(page.getByRole("definition").filter({ hasText: new RegExp(`^${all.length.toLocaleString("en-US")} members$`) })).toBeVisible();
    const firstPage = await memberRows(page).allInnerTexts();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(page.getByText(/^Page 2/)).toBeVisible();
    await expect(memberRows(page)).toHaveCount(10);
    expect(await memberRows(page).allInnerTexts()).not.toEqual(firstPage);
    await page.reload();
    await expect(memberRows(page)).toHaveCount(10);

    const target = all.find((u) => u.primary_email)!;
    await page.getByRole("searchbox", { name: "Search members" }).fill(target.primary_email!);
    await expect(page).toHaveURL(/q=/);
    await expect(page).not.toHaveURL(/cursor=/);
    await expect(memberRows(page)).toHaveCount(1);
    await expect(memberRows(page).first()).toContainText(target.primary_email!);
    await page.getByRole("searchbox", { name: "Search members" }).fill(`nobody-${uniq()}`);
    await expect(page.getByText("No members match")).toBeVisible();
  });
});

test.describe("team invitations", () => {
  test("invites with a trusted callback, shows Stack's refusal of an untrusted one, and revokes", async ({ page, emulator }) => {
    const tag = uniq();
    const team = await makeTeam(emulator, { display_name: `Invites ${tag}` });
    const email = `invitee-${tag}@example.test`;
    // The default callback is on localhost: other specs (settings) may have turned localhost off in the shared emulator.
    const allowed = await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { allow_localhost: true } } });
    expect(allowed.status).toBe(200);

    await page.goto(`/teams/${team.id}`);
    const card = page.getByRole("region", { name: "Invitations" });
    await expect(card.getByText("No pending invitations")).toBeVisible();
    await card.getByRole("textbox", { name: "E-mail" }).fill(email);
    await card.getByRole("textbox", { name: "Callback URL" }).fill("https://evil.example.org/cb");
    await card.getByRole("button", { name: "Send invitation" }).click();
    await expect(card.getByText("REDIRECT_URL_NOT_WHITELISTED")).toBeVisible();
    expect((await emulator.fetch(`/team-invitations?team_id=${team.id}`)).body.items).toEqual([]);

    // The demo project allows localhost callbacks.
    await card.getByRole("textbox", { name: "Callback URL" }).fill("http://localhost:3000/handler/team-invitation");
    await card.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
    await expect(card.getByRole("row", { name: new RegExp(email) })).toBeVisible();
    const pending = (await emulator.fetch(`/team-invitations?team_id=${team.id}`)).body.items as { id: string; recipient_email: string }[];
    expect(pending.map((i) => i.recipient_email)).toEqual([email]);

    await card.getByRole("button", { name: `Revoke the invitation of ${email}` }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke invitation" });
    await dialog.getByRole("button", { name: "Revoke invitation" }).click();
    await expect(page.getByText(`Revoked the invitation of ${email}`)).toBeVisible();
    await expect(card.getByText("No pending invitations")).toBeVisible();
    expect((await emulator.fetch(`/team-invitations?team_id=${team.id}`)).body.items).toEqual([]);
  });
});

test.describe("user page teams", () => {
  test("adds the user to a team through the team picker and removes them", async ({ page, emulator }) => {
    const tag = uniq();
    const user = await emulator.createUser({ primary_email: `teams-card-${tag}@example.test`, display_name: `Card ${tag}` });
    const team = await makeTeam(emulator, { display_name: `Joinable ${tag}` });

    await page.goto(`/users/${user.id}`);
    const card = page.locator("form").filter({ has: page.getByRole("combobox", { name: "Add to a team" }) });
    await expect(page.getByText("Not a member of any team.")).toBeVisible();
    await pickWithKeyboard(page.getByRole("combobox", { name: "Add to a team" }), `Joinable ${tag}`, `Joinable ${tag}`);
    await card.getByRole("button", { name: "Add to team" }).click();
    await expect(page.getByText(`Added to Joinable ${tag}`)).toBeVisible();
    const teams = page.getByRole("list", { name: "Teams" });
    await expect(teams.getByRole("link", { name: `Joinable ${tag}` })).toHaveAttribute("href", `/teams/${team.id}`);
    expect(await memberIds(emulator, team.id)).toEqual([user.id]);

    await page.getByRole("button", { name: `Remove from Joinable ${tag}` }).click();
    const dialog = page.getByRole("dialog", { name: "Remove from team" });
    await dialog.getByRole("button", { name: "Remove from team" }).click();
    await expect(page.getByText(`Removed from Joinable ${tag}`)).toBeVisible();
    await expect(page.getByText("Not a member of any team.")).toBeVisible();
    expect(await memberIds(emulator, team.id)).toEqual([]);
  });
});
