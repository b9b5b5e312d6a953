import type { Page } from "@playwright/test";
import { test, expect, pageAs, Emulator } from "./fixtures";

// The settings page on the newest release: each card shows the emulator's config in its form,
// no secret reaches the browser, the General card saves only what changed, and leaving with
// unsaved changes asks first. The other groups' saves: e2e/settings-groups.spec.ts.

const OAUTH_SECRET = "e2e-oauth-client-secret-QWERTY123";
const SMTP_PASSWORD = "e2e-smtp-password-ASDFG456";
const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const card = (page: Page, name: string) => page.getByRole("region", { name });
const row = (page: Page, group: string, label: string) => card(page, group).locator("dt", { hasText: label }).locator("+ dd");

test.describe.configure({ mode: "serial" });

type Config = { oauth_providers: unknown[]; email_config: unknown; domains: unknown[]; allow_localhost: boolean };

test.describe("project settings", () => {
  const emulator = new Emulator();
  let before: { display_name: string; description: string | null; config: Config };

  test.beforeAll(async () => {
    before = (await emulator.fetch("/internal/projects/current")).body;
  });
  test.afterAll(async () => {
    // The e2e project is shared by every spec: put its config back as it was.
    const c = before.config;
    await emulator.fetch("/internal/projects/current", {
      method: "PATCH",
      body: { display_name: before.display_name, description: before.description ?? "", config: { oauth_providers: c.oauth_providers, email_config: c.email_config, domains: c.domains, allow_localhost: c.allow_localhost } },
    });
  });

  test("the forms show the config, and neither the OAuth secret nor the SMTP password reaches the browser", async ({ page }) => {
    const seeded = await emulator.fetch("/internal/projects/current", {
      method: "PATCH",
      body: {
        config: {
          oauth_providers: [
            { id: "github", type: "standard", client_id: "e2e-gh-client-id", client_secret: OAUTH_SECRET },
            { id: "google", type: "shared" },
          ],
          email_config: { type: "standard", host: "smtp.e2e.test", port: 2525, username: "mailer", password: SMTP_PASSWORD, sender_name: "E2E Sender", sender_email: "sender@e2e.test" },
          domains: [{ domain: "https://app.e2e.test", handler_path: "/handler" }],
          allow_localhost: false,
        },
      },
    });
    expect(seeded.status, JSON.stringify(seeded.body)).toBe(200);
    const live = (await emulator.fetch("/internal/projects/current")).body as { display_name: string; id: string; config: Record<string, unknown> };

    const bodies: Promise<string>[] = [];
    page.on("response", (res) => bodies.push(res.body().then((b) => b.toString("utf8"), () => "")));
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

    await expect(page.getByLabel("Display name")).toHaveValue(live.display_name);
    await expect(row(page, "General", "Project id")).toHaveText(live.id);
    await expect(row(page, "General", "Environment")).toHaveText("None configured");

    const signIn = card(page, "Sign-in and sign-up");
    await expect(signIn.getByRole("switch", { name: "Sign-up enabled" })).toBeChecked({ checked: live.config.sign_up_enabled as boolean });
    await expect(signIn.getByRole("switch", { name: "Password" })).toBeChecked({ checked: live.config.credential_enabled as boolean });
    await expect(signIn.getByRole("switch", { name: "Passkey" })).toBeChecked({ checked: live.config.passkey_enabled as boolean });
    await expect(signIn.getByText("Anonymous sign-up").locator("..")).toContainText("Not available on this Stack server's release");

    const github = card(page, "OAuth providers").getByRole("listitem", { name: "github provider" });
    await expect(github.getByLabel("Keys")).toHaveValue("own");
    await expect(github.getByLabel("Client id")).toHaveValue("e2e-gh-client-id");
    await expect(github.getByLabel("Client secret")).toHaveValue("");
    await expect(card(page, "OAuth providers").getByRole("listitem", { name: "google provider" }).getByLabel("Keys")).toHaveValue("shared");

    const domains = card(page, "Domains");
    await expect(domains.getByRole("switch", { name: "Allow localhost" })).not.toBeChecked();
    await expect(domains.getByLabel("URL")).toHaveValue("https://app.e2e.test");
    await expect(domains.getByLabel("Handler path")).toHaveValue("/handler");

    const mail = card(page, "E-mails");
    await expect(mail.getByLabel("E-mail server")).toHaveValue("own");
    await expect(mail.getByLabel("Host")).toHaveValue("smtp.e2e.test");
    await expect(mail.getByLabel("Port")).toHaveValue("2525");
    await expect(mail.getByLabel("Sender address")).toHaveValue("sender@e2e.test");
    await expect(mail.getByLabel("SMTP password")).toHaveValue("");

    const teams = card(page, "Teams");
    await expect(teams.getByRole("group", { name: "Team creator's permissions" }).getByRole("checkbox", { name: "team_admin" })).toBeChecked();
    await expect(teams.getByRole("switch", { name: "Personal team on sign-up" })).toBeChecked({ checked: live.config.create_team_on_sign_up as boolean });

    // A client navigation too, so the RSC payload of the page is among the bytes scanned.
    await page.goto("/");
    await page.getByRole("link", { name: "Settings" }).first().click();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Display name")).toHaveValue(live.display_name);

    const all = await Promise.all(bodies);
    expect(all.length).toBeGreaterThan(2);
    expect(all.join("\n")).toContain("e2e-gh-client-id");
    for (const secret of [OAUTH_SECRET, SMTP_PASSWORD]) expect(all.some((b) => b.includes(secret)), secret).toBe(false);
  });

  test("the General card saves only what changed; it persists after a reload and in the emulator", async ({ page }) => {
    const name = `E2E settings ${uniq()}`;
    const actions: string[] = [];
    page.on("request", (req) => {
      if (req.method() === "POST" && req.headers()["next-action"]) actions.push(req.postData() ?? "");
    });
    await page.goto("/settings");
    const save = page.getByRole("button", { name: "Save general settings" });
    await expect(save).toBeDisabled();
    await page.getByLabel("Display name").fill(name);
    await expect(save).toBeEnabled();
    await save.click();
    await expect(page.getByText("Settings saved")).toBeVisible();
    // Only the changed field went to the server.
    expect(actions.at(-1)).toContain(name);
    expect(actions.at(-1)).not.toContain("description");

    expect((await emulator.fetch("/internal/projects/current")).body.display_name).toBe(name);
    await page.reload();
    await expect(page.getByLabel("Display name")).toHaveValue(name);
    await expect(save).toBeDisabled();

    await page.getByLabel("Display name").fill("");
    await save.click();
    await expect(page.getByText("Enter a display name")).toBeVisible();
    expect((await emulator.fetch("/internal/projects/current")).body.display_name).toBe(name);
  });

  test("leaving with unsaved changes asks first: an in-app link, and closing the tab", async ({ page }) => {
    await page.goto("/settings");
    // Clean: a link just navigates.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await page.goto("/settings");

    await card(page, "Teams").getByRole("switch", { name: "Client-side team creation" }).click();
    await expect(card(page, "Teams").getByText("Unsaved changes")).toBeVisible();

    const messages: string[] = [];
    page.once("dialog", (d) => {
      messages.push(d.message());
      void d.dismiss();
    });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expect.poll(() => messages).toEqual(["You have unsaved changes. Leave this page and lose them?"]);
    await expect(page).toHaveURL(/\/settings$/);
    await expect(card(page, "Teams").getByRole("switch", { name: "Client-side team creation" })).toBeChecked({ checked: true });

    // Accepting leaves.
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/audit$/);

    // The tab: beforeunload.
    await page.goto("/settings");
    await page.getByLabel("Description").fill(`unsaved ${uniq()}`);
    const kinds: string[] = [];
    page.on("dialog", (d) => {
      kinds.push(d.type());
      void d.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => kinds).toEqual(["beforeunload"]);
  });

  test("a viewer sees the settings but cannot save", async ({ browser }) => {
    const page = await pageAs(browser, "viewer");
    await page.goto("/settings");
    await expect(page.getByLabel("Display name")).toBeDisabled();
    await expect(card(page, "Sign-in and sign-up").getByRole("switch", { name: "Password" })).toBeDisabled();
    await expect(page.getByRole("button", { name: /^Save / })).toHaveCount(0);
    await page.close();
  });
});
