import type { Page } from "@playwright/test";
import { E2E_PROJECTS, RELEASE_EMULATORS } from "./env";
import { Emulator, expect, test } from "./fixtures";

// The smoke subset against emulators playing older Stack releases (STACK_EMULATOR_RELEASE): the
// console degrades with a note instead of an error page. The full suite runs against the newest.

const rows = (page: Page) => page.getByRole("row", { name: /^Open / });
const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** Header title → Stack order_by, for every sort the table may offer. */
const SORT_FIELDS: Record<string, string> = { "Signed up": "signed_up_at", "Last active": "last_active_at" };

for (const rel of RELEASE_EMULATORS) {
  const project = E2E_PROJECTS.find((p) => p.slug === rel.slug)!;
  const emulator = new Emulator(rel.url);
  // What the console sends on this release to list every user it shows (restricted ones included).
  const listFlags = rel.release === "2025-02" ? "" : "&include_restricted=true";
  const rowName = (u: { display_name: string | null; primary_email: string | null; id: string }) => `Open ${u.display_name ?? u.primary_email ?? u.id}`;

  test.describe(`Stack ${rel.release}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.goto("/");
      await page.getByRole("combobox", { name: "Project" }).selectOption(rel.slug);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(project.name);
    });

    test("overview: the totals, and a note for the user counts this release lacks", async ({ page }) => {
      const metrics = (await emulator.fetch("/internal/metrics")).body as { total_users: number };
      await expect(page.getByText("Total users").locator("..").locator("..")).toContainText(metrics.total_users.toLocaleString("en-US"));
      await expect(page.getByText("This Stack server is an older release that doesn't count anonymous users.")).toBeVisible();
      await expect(page.getByRole("alert").filter({ hasText: /Could not/ })).toHaveCount(0);
    });

    test("users list: every sort offered, both directions, and search", async ({ page }) => {
      await page.goto("/users");
      await expect(rows(page).first()).toBeVisible();
      // Last active is shown but not offered as a sort: this release refuses order_by=last_active_at.
      await expect(page.getByRole("columnheader", { name: "Last active" })).toBeVisible();
      await expect(page.getByRole("button", { name: /^Last active: sort/ })).toHaveCount(0);
      await expect(page.getByText(/^This Stack server is an older release that can't sort by last activity/)).toBeVisible();

      const offered = await page.getByRole("button", { name: /: sort (newest|oldest) first$/ }).allTextContents();
      expect(offered.map((t) => t.trim())).toEqual(["Signed up"]);
      for (const title of offered.map((t) => t.trim())) {
        for (const desc of [false, true]) {
          await page.getByRole("button", { name: `${title}: sort ${desc ? "newest" : "oldest"} first` }).click();
          await expect(page.getByRole("columnheader", { name: new RegExp(title) })).toHaveAttribute("aria-sort", desc ? "descending" : "ascending");
          const first = (await emulator.fetch(`/users?limit=1&order_by=${SORT_FIELDS[title]}&desc=${desc}${listFlags}`)).body.items[0];
          await expect(rows(page).first()).toHaveAccessibleName(rowName(first));
        }
      }

      const email = `e2e-search-${uniq()}@example.test`;
      await emulator.createUser({ primary_email: email, display_name: "Release Search" });
      await page.getByRole("searchbox", { name: "Search users" }).fill(email.slice(0, 20));
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toHaveAccessibleName("Open Release Search");
      await expect(page.getByRole("alert").filter({ hasText: /Could not/ })).toHaveCount(0);
    });

    test("teams list: shown, and searched and paged by the console", async ({ page }) => {
      const tag = uniq();
      for (let i = 0; i < 12; i++) {
        expect((await emulator.fetch("/teams", { method: "POST", body: { display_name: `Release team ${tag} ${i}` } })).status).toBe(201);
        await new Promise((r) => setTimeout(r, 3)); // distinct creation times: newest first is well defined
      }
      await page.goto("/teams?pageSize=10");
      await expect(rows(page).first()).toBeVisible();
      // This release lists every team at once (is_paginated: false): the console pages them, and says so.
      await expect(page.getByText(/^This Stack server is an older release that doesn't page teams/)).toBeVisible();
      await page.getByRole("searchbox", { name: "Search teams" }).fill(tag);
      // The newest teams are these twelve anyway: wait for the searched list, not just any ten rows.
      await expect(page).toHaveURL(new RegExp(`q=${tag}`));
      await expect(page.getByRole("table", { name: new RegExp(`matching “${tag}”`) })).toBeVisible();
      await expect(rows(page)).toHaveCount(10);
      await expect(rows(page).first()).toHaveAccessibleName(`Open Release team ${tag} 11`);
      await page.getByRole("button", { name: "Next" }).click();
      await expect(rows(page)).toHaveCount(2);
      await expect(rows(page).last()).toHaveAccessibleName(`Open Release team ${tag} 0`);
      await expect(page.getByRole("alert").filter({ hasText: /Could not/ })).toHaveCount(0);
    });

    test("open, edit and delete a user", async ({ page }) => {
      const email = `e2e-edit-${uniq()}@example.test`;
      const user = await emulator.createUser({ primary_email: email, display_name: "Release Edit" });
      await page.goto("/users");
      await page.getByRole("searchbox", { name: "Search users" }).fill(email);
      // Wait for the searched list: a click on the list it replaces would be lost.
      await expect(rows(page)).toHaveCount(1);
      await rows(page).first().click();
      await expect(page).toHaveURL(new RegExp(`/users/${user.id}$`));
      await expect(page.getByRole("heading", { name: "Release Edit", level: 1 })).toBeVisible();
      if (rel.release === "2025-02") {
        await expect(page.getByText("This Stack server is an older release that can't list sessions.")).toBeVisible();
        await expect(page.getByText("This Stack server is an older release without linked-account management.")).toBeVisible();
      }

      await page.getByLabel("Display name").fill("Release Renamed");
      await page.getByRole("button", { name: "Save profile" }).click();
      await expect(page.getByText("Profile saved")).toBeVisible();
      expect((await emulator.fetch(`/users/${user.id}`)).body.display_name).toBe("Release Renamed");

      await page.getByRole("button", { name: "Delete user…" }).click();
      const dialog = page.getByRole("dialog", { name: "Delete user" });
      await dialog.getByLabel(/to confirm/).fill(email);
      await dialog.getByRole("button", { name: "Delete user", exact: true }).click();
      await expect(page).toHaveURL(/\/users$/);
      await expect(page.getByText(`Deleted ${email}`)).toBeVisible();
      expect((await emulator.fetch(`/users/${user.id}`)).status).toBe(404);
      await expect(page.getByRole("alert").filter({ hasText: /Could not/ })).toHaveCount(0);
    });

    test("settings read", async ({ page }) => {
      // 2025-02 serves the admin project at /projects/current; 2.8.86 at /internal/projects/current.
      const path = rel.release === "2025-02" ? "/projects/current" : "/internal/projects/current";
      const live = (await emulator.fetch(path)).body as { id: string; display_name: string; config: Record<string, boolean> };
      await page.goto("/settings");
      await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
      await expect(page.getByLabel("Display name")).toHaveValue(live.display_name);
      await expect(page.getByRole("region", { name: "General" }).locator("dt", { hasText: "Project id" }).locator("+ dd")).toHaveText(live.id);
      const signIn = page.getByRole("region", { name: "Sign-in and sign-up" });
      await expect(signIn.getByRole("switch", { name: "Sign-up enabled" })).toBeChecked({ checked: live.config.sign_up_enabled });
      await expect(signIn.getByRole("switch", { name: "Magic link / one-time code" })).toBeChecked({ checked: live.config.magic_link_enabled });
      // No release has an anonymous sign-up field in the admin project's config.
      await expect(signIn.getByText("Anonymous sign-up").locator("..")).toContainText("Not available on this Stack server's release");
      await expect(page.getByRole("region", { name: "Domains" }).getByRole("switch", { name: "Allow localhost" })).toBeChecked({ checked: live.config.allow_localhost });
      await expect(page.getByRole("region", { name: "E-mails" }).getByLabel("E-mail server")).toHaveValue("shared");
      await expect(page.getByRole("region", { name: "Teams" }).getByRole("group", { name: "Team creator's permissions" }).getByRole("checkbox", { name: "team_admin" })).toBeChecked();
      if (rel.release === "2025-02") await expect(page.getByRole("region", { name: "E-mail templates and themes" })).toContainText("has no editable TSX templates");
      await expect(page.getByRole("alert").filter({ hasText: /Could not/ })).toHaveCount(0);
    });

    test("settings write: a sign-in and a domain change persist on this release's write path", async ({ page }) => {
      // 2.8.86 answers 405 to PATCH /projects/current for admin access: the console must use /internal/projects/current.
      const path = rel.release === "2025-02" ? "/projects/current" : "/internal/projects/current";
      if (rel.release === "2.8.86") expect((await emulator.fetch("/projects/current", { method: "PATCH", body: { config: { allow_localhost: true } } })).status).toBe(405);
      const before = (await emulator.fetch(path)).body as { config: { passkey_enabled: boolean; domains: unknown[] } };
      await page.goto("/settings");
      const signIn = page.getByRole("region", { name: "Sign-in and sign-up" });
      const save = signIn.getByRole("button", { name: "Save sign-in settings" });
      // A click before hydration changes nothing: flip the switch until the form has seen it.
      await expect(async () => {
        await signIn.getByRole("switch", { name: "Passkey" }).setChecked(!before.config.passkey_enabled, { timeout: 2_000 });
        await expect(save).toBeEnabled({ timeout: 1_000 });
      }).toPass({ timeout: 20_000 });
      await save.click();
      if (before.config.passkey_enabled) {
        const dialog = page.getByRole("dialog");
        await dialog.getByLabel(/to confirm/).fill((await emulator.fetch(path)).body.display_name as string);
        await dialog.getByRole("button", { name: "Turn off", exact: true }).click();
      }
      await expect(page.getByText("Sign-in settings saved")).toBeVisible();
      expect((await emulator.fetch(path)).body.config.passkey_enabled).toBe(!before.config.passkey_enabled);

      const url = `https://${uniq()}.release.test`;
      const domains = page.getByRole("region", { name: "Domains" });
      await domains.getByRole("button", { name: "Add trusted domain" }).click();
      await domains.getByRole("listitem").last().getByLabel("URL").fill(url);
      await domains.getByRole("button", { name: "Save domains" }).click();
      await expect(page.getByText("Domain settings saved")).toBeVisible();
      const after = (await emulator.fetch(path)).body as { config: { domains: { domain: string; handler_path: string }[] } };
      expect(after.config.domains).toContainEqual({ domain: url, handler_path: "/handler" });
      await page.reload();
      await expect.poll(() => domains.getByLabel("URL").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toContain(url);
      // Put the project back for the other specs.
      await emulator.fetch(path, { method: "PATCH", body: { config: { passkey_enabled: before.config.passkey_enabled, domains: before.config.domains } } });
    });
  });
}
