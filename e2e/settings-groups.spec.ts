import type { Page } from "@playwright/test";
import { recordActionPost, refusedWith, replay } from "./action-replay";
import { test, expect, Emulator } from "./fixtures";

// Each settings group: change, save, reload, and the emulator over HTTP has it. Dangerous changes
// go through the one confirmation dialog, and the server refuses them without the typed value.

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const card = (page: Page, name: string) => page.getByRole("region", { name });

type Project = { display_name: string; description: string; config: Record<string, any> };

test.describe.configure({ mode: "serial" });

test.describe("settings groups", () => {
  const emulator = new Emulator();
  let before: Project;
  const live = async () => (await emulator.fetch("/internal/projects/current")).body as Project;

  test.beforeAll(async () => {
    before = await live();
  });
  test.afterAll(async () => {
    const c = before.config;
    const keep = ["sign_up_enabled", "credential_enabled", "magic_link_enabled", "passkey_enabled", "client_team_creation_enabled", "client_user_deletion_enabled", "allow_localhost", "create_team_on_sign_up", "oauth_providers", "domains", "email_config", "team_creator_default_permissions", "team_member_default_permissions"];
    const providers = (c.oauth_providers as object[]).map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== "provider_config_id")));
    const res = await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { ...Object.fromEntries(keep.map((k) => [k, c[k]])), oauth_providers: providers } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  test("sign-in: a safe change saves at once; turning a method off asks, and the server refuses a replay without the confirmation", async ({ page, playwright }) => {
    await page.goto("/settings");
    const signIn = card(page, "Sign-in and sign-up");
    const passkey = signIn.getByRole("switch", { name: "Passkey" });
    await expect(passkey).not.toBeChecked();
    await passkey.click();
    await signIn.getByRole("button", { name: "Save sign-in settings" }).click();
    await expect(page.getByText("Sign-in settings saved")).toBeVisible();
    expect((await live()).config.passkey_enabled).toBe(true);
    await page.reload();
    await expect(passkey).toBeChecked();

    // Off again: dangerous. Cancelling saves nothing.
    await passkey.click();
    await signIn.getByRole("button", { name: "Save sign-in settings" }).click();
    const dialog = page.getByRole("dialog", { name: "Turn off a sign-in method" });
    await expect(dialog).toContainText("Passkey sign-in turned off");
    await expect(dialog.getByRole("list", { name: "Users affected" })).toContainText(/Passkey sign-in turned off: \d+ users? sign in with it\./);
    await expect(dialog.getByRole("table", { name: "Before and after" })).toContainText("signIn.passkey");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(signIn.getByText("Not saved: the dangerous change was not confirmed.")).toBeVisible();
    expect((await live()).config.passkey_enabled).toBe(true);

    // Confirmed with the project's name: saved. The POST is recorded for the replays below.
    await signIn.getByRole("button", { name: "Save sign-in settings" }).click();
    await dialog.getByLabel(/to confirm/).fill(before.display_name);
    const rec = await recordActionPost(page, () => dialog.getByRole("button", { name: "Turn off", exact: true }).click(), (b) => b.includes("passkey"));
    await expect(page.getByText("Sign-in settings saved")).toBeVisible();
    expect((await live()).config.passkey_enabled).toBe(false);

    // Replays of the same POST outside the UI, after turning passkey back on: without the
    // confirmation, and with a wrong one, the server refuses and nothing changes.
    await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { passkey_enabled: true } } });
    const owner = page.context().request;
    const typed = JSON.stringify(before.display_name);
    expect(rec.body).toContain(typed);
    for (const body of [rec.body.replace(`,"confirmation":${typed}`, ""), rec.body.replace(typed, JSON.stringify("wrong name"))]) {
      const r = await replay(owner, rec, body);
      expect(refusedWith(r, "CONFIRMATION_MISMATCH"), `${r.status} ${r.text.slice(0, 300)}`).toBe(true);
      expect((await live()).config.passkey_enabled).toBe(true);
    }
    // Control: the recorded POST itself is accepted, so the refusals above are the confirmation's doing.
    const ok = await replay(owner, rec, rec.body);
    expect(ok.text).toContain(`"ok":true`);
    expect((await live()).config.passkey_enabled).toBe(false);
    void playwright;
  });

  test("sign-in: leaving no sign-in method is refused unless the exact consequence is typed", async ({ page }) => {
    await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { credential_enabled: true, magic_link_enabled: false, passkey_enabled: false, oauth_providers: [] } } });
    await page.goto("/settings");
    const signIn = card(page, "Sign-in and sign-up");
    await signIn.getByRole("switch", { name: "Password" }).click();
    await signIn.getByRole("button", { name: "Save sign-in settings" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm dangerous changes" });
    await expect(dialog).toContainText("No sign-in method would be left");
    await expect(dialog).toContainText("No user can sign in to this project any more");
    const input = dialog.getByLabel(/to confirm/);
    const confirm = dialog.getByRole("button", { name: "Save dangerous changes" });
    // The project's name is not enough here: only the consequence itself.
    await input.fill(before.display_name);
    await expect(confirm).toBeDisabled();
    await input.fill("no one can sign in");
    await confirm.click();
    await expect(page.getByText("Sign-in settings saved")).toBeVisible();
    expect((await live()).config.credential_enabled).toBe(false);
    await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { credential_enabled: true } } });
  });

  test("teams: switches and default permissions persist", async ({ page }) => {
    await page.goto("/settings");
    const teams = card(page, "Teams");
    await teams.getByRole("switch", { name: "Client-side user deletion" }).click();
    const member = teams.getByRole("group", { name: "Team member's permissions" });
    await member.getByRole("checkbox", { name: "$read_members" }).check();
    await teams.getByRole("button", { name: "Save team settings" }).click();
    await expect(page.getByText("Team settings saved")).toBeVisible();
    const c = (await live()).config;
    expect(c.client_user_deletion_enabled).toBe(true);
    expect(c.team_member_default_permissions.map((p: { id: string }) => p.id).sort()).toEqual(["$read_members", "team_member"]);
    await page.reload();
    await expect(teams.getByRole("switch", { name: "Client-side user deletion" })).toBeChecked();
    await expect(member.getByRole("checkbox", { name: "$read_members" })).toBeChecked();
  });

  test("domains: add with validation, then remove behind a confirmation naming the URL", async ({ page }) => {
    await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { domains: [] } } });
    await page.goto("/settings");
    const domains = card(page, "Domains");
    await domains.getByRole("button", { name: "Add trusted domain" }).click();
    const first = domains.getByRole("listitem", { name: "Trusted domain 1" });
    await first.getByLabel("URL").fill("app.e2e.test");
    await domains.getByRole("button", { name: "Save domains" }).click();
    await expect(first.getByText("Start with http:// or https://")).toBeVisible();
    const url = `https://${uniq()}.e2e.test`;
    await first.getByLabel("URL").fill(url);
    await first.getByLabel("Handler path").fill("/auth/handler");
    await domains.getByRole("button", { name: "Save domains" }).click();
    await expect(page.getByText("Domain settings saved")).toBeVisible();
    expect((await live()).config.domains).toEqual([{ domain: url, handler_path: "/auth/handler" }]);
    await page.reload();
    await expect(first.getByLabel("URL")).toHaveValue(url);

    await first.getByRole("button", { name: "Remove trusted domain 1" }).click();
    await domains.getByRole("button", { name: "Save domains" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove trusted domain" });
    await expect(dialog).toContainText(`Trusted domain ${url} removed`);
    await expect(dialog.getByText(`Type ${url} to confirm`)).toBeVisible();
    await dialog.getByLabel(/to confirm/).fill(url);
    await dialog.getByRole("button", { name: "Remove domain" }).click();
    await expect(page.getByText("Domain settings saved")).toBeVisible();
    expect((await live()).config.domains).toEqual([]);
  });

  test("OAuth providers: add shared, switch to own keys; the secret is write-only; remove behind a confirmation", async ({ page }) => {
    await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { oauth_providers: [] } } });
    const secret = `e2e-gh-secret-${uniq()}`;
    const bodies: Promise<string>[] = [];
    page.on("response", (res) => bodies.push(res.body().then((b) => b.toString("utf8"), () => "")));
    await page.goto("/settings");
    const oauth = card(page, "OAuth providers");
    await oauth.getByRole("button", { name: "Add provider" }).click();
    await oauth.getByLabel("Provider", { exact: true }).selectOption("github");
    await oauth.getByRole("button", { name: "Save OAuth providers" }).click();
    await expect(page.getByText("OAuth providers saved").first()).toBeVisible();
    await expect.poll(async () => (await live()).config.oauth_providers).toEqual([expect.objectContaining({ id: "github", type: "shared" })]);

    await page.reload();
    const gh = oauth.getByRole("listitem", { name: "github provider" });
    await gh.getByLabel("Keys").selectOption("own");
    await gh.getByLabel("Client id").fill("e2e-gh-id");
    await gh.getByLabel("Client secret").fill(secret);
    await oauth.getByRole("button", { name: "Save OAuth providers" }).click();
    await expect(page.getByText("OAuth providers saved").first()).toBeVisible();
    await expect(gh.getByLabel("Client secret")).toHaveValue("");
    await expect.poll(async () => (await live()).config.oauth_providers).toEqual([expect.objectContaining({ id: "github", type: "standard", client_id: "e2e-gh-id", client_secret: secret })]);

    // Reloaded: the id is shown, the secret is not; a save leaving it empty keeps it.
    await page.reload();
    await expect(gh.getByLabel("Client id")).toHaveValue("e2e-gh-id");
    await expect(gh.getByLabel("Client secret")).toHaveValue("");
    await gh.getByLabel("Client id").fill("e2e-gh-id-2");
    await oauth.getByRole("button", { name: "Save OAuth providers" }).click();
    await expect(page.getByText("OAuth providers saved").first()).toBeVisible();
    await expect.poll(async () => (await live()).config.oauth_providers).toEqual([expect.objectContaining({ client_id: "e2e-gh-id-2", client_secret: secret })]);

    // A provider without shared keys cannot be added with them.
    await oauth.getByRole("button", { name: "Add provider" }).click();
    const added = oauth.getByRole("listitem").nth(1);
    await added.getByLabel("Provider", { exact: true }).selectOption("facebook");
    await expect(added.getByLabel("Keys").locator("option")).toHaveText(["Own client id and secret"]);
    await expect(added.getByLabel("Facebook config id")).toBeVisible();
    await added.getByRole("button", { name: "Remove facebook" }).click();

    // A user who signs in with github only: the removal says how many use it and who is left with nothing.
    const linked = await emulator.fetch("/users", { method: "POST", body: { primary_email: `gh-only-${uniq()}@e2e.test`, oauth_providers: [{ id: "github", account_id: `gh-${uniq()}`, email: null }] } });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    const everyone = (await emulator.fetch("/users?limit=1000")).body.items as { oauth_providers: { id: string }[] }[];
    expect(everyone.length, "few enough users for an exact count").toBeLessThan(1000);
    const using = everyone.filter((u) => u.oauth_providers.some((p) => p.id === "github")).length;

    await gh.getByRole("button", { name: "Remove github" }).click();
    await oauth.getByRole("button", { name: "Save OAuth providers" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("OAuth provider github removed");
    const counts = dialog.getByRole("list", { name: "Users affected" });
    await expect(counts).toContainText(`OAuth provider github removed: ${using} user${using === 1 ? "" : "s"} sign in with it.`);
    await expect(counts).toContainText(/\d+ users? would be left with no way to sign in\./);
    await dialog.getByLabel(/to confirm/).fill("github");
    await dialog.getByRole("button", { name: /Remove provider|Save dangerous changes/ }).click();
    await expect(page.getByText("OAuth providers saved").first()).toBeVisible();
    await expect.poll(async () => (await live()).config.oauth_providers).toEqual([]);
    await emulator.fetch(`/users/${linked.body.id}`, { method: "DELETE" });

    const all = await Promise.all(bodies);
    expect(all.some((b) => b.includes(secret)), "the client secret came back to the browser").toBe(false);
  });

  test("e-mails: own SMTP server (confirmed), test e-mail results, and template editing that needs it", async ({ page }) => {
    await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { email_config: { type: "shared" } } } });
    const password = `e2e-smtp-${uniq()}`;
    await page.goto("/settings");
    // While the server is shared, the page explains why templates cannot be edited.
    await expect(card(page, "E-mail templates and themes")).toContainText("REQUIRES_CUSTOM_EMAIL_SERVER");

    const mail = card(page, "E-mails");
    await mail.getByLabel("E-mail server").selectOption("own");
    await mail.getByLabel("Host").fill("smtp.e2e.test");
    await mail.getByLabel("Port").fill("2525");
    await mail.getByRole("button", { name: "Save e-mail server" }).click();
    // All six together, as the API requires.
    await expect(mail.getByText("Enter the username")).toBeVisible();
    await mail.getByLabel("Username").fill("mailer");
    await mail.getByLabel("SMTP password").fill(password);
    await mail.getByLabel("Sender name").fill("E2E");
    await mail.getByLabel("Sender address").fill("sender@e2e.test");

    // Test e-mails use the typed settings: a failure shows Stack's message, a success says so.
    await mail.getByLabel("Recipient").fill("ops@e2e.test");
    await mail.getByLabel("Host").fill("fail.invalid");
    await mail.getByRole("button", { name: "Send test e-mail" }).click();
    await expect(mail.getByRole("status", { name: "Test e-mail result" })).toContainText("The test e-mail failed: Failed to connect to the SMTP server fail.invalid:2525");
    await mail.getByLabel("Host").fill("smtp.e2e.test");
    await mail.getByRole("button", { name: "Send test e-mail" }).click();
    await expect(mail.getByRole("status", { name: "Test e-mail result" })).toHaveText("Test e-mail sent to ops@e2e.test.");
    expect((await live()).config.email_config.type).toBe("shared");

    await mail.getByRole("button", { name: "Save e-mail server" }).click();
    const dialog = page.getByRole("dialog", { name: "Change the e-mail server" });
    await expect(dialog.getByRole("table", { name: "Before and after" })).toContainText("smtp.e2e.test");
    await dialog.getByLabel(/to confirm/).fill(before.display_name);
    await dialog.getByRole("button", { name: "Change e-mail server" }).click();
    await expect(page.getByText("E-mail server saved")).toBeVisible();
    expect((await live()).config.email_config).toEqual({ type: "standard", host: "smtp.e2e.test", port: 2525, username: "mailer", password, sender_name: "E2E", sender_email: "sender@e2e.test" });
    await page.reload();
    await expect(mail.getByLabel("Host")).toHaveValue("smtp.e2e.test");
    await expect(mail.getByLabel("SMTP password")).toHaveValue("");
    expect(await page.content()).not.toContain(password);

    // Templates: with an own server, edit, preview and save.
    const templates = card(page, "E-mail templates and themes");
    await expect(templates).not.toContainText("REQUIRES_CUSTOM_EMAIL_SERVER");
    await templates.getByRole("button", { name: "Show templates and themes" }).click();
    await templates.getByLabel("Template", { exact: true }).selectOption({ label: "Email Verification" });
    const template = templates.getByRole("form", { name: /^Template / });
    const source = template.getByLabel(/^Source of/);
    const marker = `E2E edited ${uniq()}`;
    const original = await source.inputValue();
    expect(original).toContain("<Section>");
    await source.fill(original.replace("<Section>", `<Section>\n        <Text>${marker}</Text>`));
    await templates.getByRole("button", { name: "Preview template" }).click();
    await expect(template.frameLocator("iframe").getByText(marker)).toBeVisible();
    await templates.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByText(/Template “Email Verification” saved/)).toBeVisible();
    const list = (await emulator.fetch("/internal/email-templates")).body.templates as { display_name: string; tsx_source: string }[];
    expect(list.find((t) => t.display_name === "Email Verification")?.tsx_source).toContain(marker);
  });

  test("e-mail themes: each theme's source is shown, edited, previewed as Stack renders it and saved, with the shared server too", async ({ page }) => {
    await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { email_config: { type: "shared" } } } });
    const themes = (await emulator.fetch("/internal/email-themes")).body.themes as { id: string; display_name: string }[];
    const dark = themes.find((t) => t.display_name === "Default Dark")!;
    const original = (await emulator.fetch(`/internal/email-themes/${dark.id}`)).body.tsx_source as string;
    const colour = `#${uniq().replace(/[^0-9a-f]/g, "0").slice(0, 6).padEnd(6, "0")}`;
    await page.goto("/settings");
    const section = card(page, "E-mail templates and themes");
    await section.getByRole("button", { name: "Show templates and themes" }).click();
    await section.getByLabel("Theme", { exact: true }).selectOption({ label: "Default Dark" });
    const editor = section.getByRole("form", { name: "Theme Default Dark" });
    const source = editor.getByLabel("Source of “Default Dark”");
    await expect(source).toHaveValue(original);
    const edited = original.replace(/backgroundColor: "[^"]+"/, `backgroundColor: "${colour}"`);
    expect(edited).not.toBe(original);
    await source.fill(edited);
    await editor.getByRole("button", { name: "Preview theme" }).click();
    await expect(editor.frameLocator("iframe").locator("body")).toHaveAttribute("style", new RegExp(`background-color:${colour}`));
    expect((await emulator.fetch(`/internal/email-themes/${dark.id}`)).body.tsx_source, "a preview saves nothing").toBe(original);

    // A source Stack cannot render is refused with its code, and nothing is saved.
    await source.fill("<Body>{children}</Body>");
    await editor.getByRole("button", { name: "Save theme" }).click();
    await expect(editor.getByRole("alert")).toContainText("EMAIL_RENDERING_ERROR");
    await source.fill(edited);
    await editor.getByRole("button", { name: "Save theme" }).click();
    await expect(page.getByText("Theme “Default Dark” saved")).toBeVisible();
    expect((await emulator.fetch(`/internal/email-themes/${dark.id}`)).body.tsx_source).toBe(edited);
    await page.reload();
    await section.getByRole("button", { name: "Show templates and themes" }).click();
    await section.getByLabel("Theme", { exact: true }).selectOption({ label: "Default Dark" });
    await expect(section.getByLabel("Source of “Default Dark”")).toHaveValue(edited);
    await emulator.fetch(`/internal/email-themes/${dark.id}`, { method: "PATCH", body: { tsx_source: original } });
  });
});
