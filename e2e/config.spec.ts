import type { Page } from "@playwright/test";
import { recordActionPost, refusedWith, replay } from "./action-replay";
import { emulatorRequests, lastRequestSeq } from "./entry-points";
import { LEGACY_EMULATOR_URL, storageStatePath } from "./env";
import { Emulator, expect, test } from "./fixtures";

// Config as code against the emulator over HTTP: export → import, the dry run, the guarded apply
// (and its direct replay), restore from history, changes made elsewhere, compare and copy.

const OAUTH_SECRET = "e2e-config-oauth-secret-ZXCV987";
const SMTP_PASSWORD = "e2e-config-smtp-password-LKJH654";
const OMITTED = "<omitted: write-only>";

test.describe.configure({ mode: "serial" });

type Project = { display_name: string; description: string | null; config: Record<string, unknown> & { oauth_providers: { id: string; client_secret?: string }[]; email_config: { password?: string } } };

async function dryRun(page: Page, doc: unknown) {
  await page.goto("/settings/config");
  await page.getByLabel("Configuration file (JSON)").setInputFiles({ name: "config.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(doc)) });
  await page.getByRole("button", { name: "Dry run: show the diff" }).click();
  return page.getByRole("region", { name: "Preview" });
}

test.describe("config as code", () => {
  const emulator = new Emulator();
  let before: Project;

  test.beforeAll(async () => {
    before = (await emulator.fetch("/internal/projects/current")).body;
    // Own keys and an own SMTP server, so the export has write-only values to leave out.
    const seeded = await emulator.fetch("/internal/projects/current", {
      method: "PATCH",
      body: {
        config: {
          sign_up_enabled: true,
          credential_enabled: true,
          oauth_providers: [{ id: "github", type: "standard", client_id: "e2e-config-gh", client_secret: OAUTH_SECRET }],
          email_config: { type: "standard", host: "smtp.config.test", port: 2525, username: "mailer", password: SMTP_PASSWORD, sender_name: "Config", sender_email: "config@e2e.test" },
        },
      },
    });
    expect(seeded.status, JSON.stringify(seeded.body)).toBe(200);
  });
  test.afterAll(async () => {
    // The e2e project is shared by every spec: put its config back as it was.
    const c = before.config;
    await emulator.fetch("/internal/projects/current", {
      method: "PATCH",
      body: {
        display_name: before.display_name,
        description: before.description ?? "",
        config: { sign_up_enabled: c.sign_up_enabled, credential_enabled: c.credential_enabled, magic_link_enabled: c.magic_link_enabled, passkey_enabled: c.passkey_enabled, oauth_providers: c.oauth_providers, email_config: c.email_config, domains: c.domains },
      },
    });
  });

  const exportDoc = async (page: Page) => {
    const res = await page.request.get("/api/config/export");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="stack-config-e2e-\d{4}-\d{2}-\d{2}\.json"$/);
    const text = await res.text();
    expect(text).not.toContain(OAUTH_SECRET);
    expect(text).not.toContain(SMTP_PASSWORD);
    return JSON.parse(text);
  };

  test("export → import round trip is an empty diff; secrets are omitted and marked, and kept", async ({ page }) => {
    const doc = await exportDoc(page);
    expect(doc).toMatchObject({ format: "stack-admin/project-config", version: 1, omitted: ["config.oauthProviders[github].clientSecret", "config.emails.password"] });
    expect(doc.config.oauthProviders).toEqual([{ id: "github", keys: "own", clientId: "e2e-config-gh", clientSecret: OMITTED, microsoftTenantId: null, facebookConfigId: null }]);
    expect(doc.config.emails.password).toBe(OMITTED);

    const preview = await dryRun(page, doc);
    await expect(preview.getByRole("heading", { name: "Imported file: no differences" })).toBeVisible();
    await expect(preview.getByRole("button", { name: /^Apply/ })).toHaveCount(0);
  });

  test("a file with errors is refused field by field", async ({ page }) => {
    const doc = await exportDoc(page);
    doc.config.emails.port = "2525";
    doc.config.domains.trusted = [{ domain: "app.example.com", handlerPath: "/h" }];
    await dryRun(page, doc);
    const alert = page.getByRole("alert").filter({ hasText: "cannot be imported" });
    await expect(alert).toContainText("config.domains.trusted.0.domain: Enter a full http:// or https:// URL");
    await expect(alert).toContainText("config.emails.port:");
  });

  test("a dry run changes nothing; a dangerous import asks for the typed confirmation, and a replay without it is refused", async ({ page, playwright }) => {
    const doc = await exportDoc(page);
    doc.config.signIn.signUpEnabled = false;
    doc.config.signIn.magicLink = true;
    doc.config.domains.trusted.push({ domain: "https://config.e2e.test", handlerPath: "/handler" });

    const seq = await lastRequestSeq();
    const preview = await dryRun(page, doc);
    await expect(preview.getByRole("heading", { name: "Imported file: 3 changes" })).toBeVisible();
    await expect(preview.getByRole("row", { name: /signIn\.signUpEnabled/ })).toContainText("Dangerous");
    await expect(preview.getByRole("row", { name: /signIn\.magicLink/ })).not.toContainText("Dangerous");
    await expect(preview.getByRole("note")).toContainText("Sign-up turned off");
    // The dry run only read: no write reached the emulator, and the config is as it was.
    const writes = (await emulatorRequests(seq)).items.filter((r) => r.method !== "GET");
    expect(writes).toEqual([]);
    const live = (await emulator.fetch("/internal/projects/current")).body as Project;
    expect(live.config).toMatchObject({ sign_up_enabled: true, magic_link_enabled: before.config.magic_link_enabled });

    await preview.getByRole("button", { name: "Apply 3 changes…" }).click();
    const dialog = page.getByRole("dialog", { name: "Apply configuration" });
    await expect(dialog).toContainText("Sign-up turned off");
    const apply = dialog.getByRole("button", { name: "Apply" });
    await expect(apply).toBeDisabled();
    await dialog.getByRole("textbox").fill(live.display_name);
    const rec = await recordActionPost(page, () => apply.click(), (b) => b.includes("previewHash"));
    await expect(dialog).toBeHidden();
    const applied = (await emulator.fetch("/internal/projects/current")).body as Project;
    expect(applied.config).toMatchObject({ sign_up_enabled: false, magic_link_enabled: true });
    expect(applied.config.domains).toContainEqual({ domain: "https://config.e2e.test", handler_path: "/handler" });
    // Omitted secrets left the live ones as they were.
    expect(applied.config.oauth_providers[0]?.client_secret).toBe(OAUTH_SECRET);
    expect(applied.config.email_config.password).toBe(SMTP_PASSWORD);

    // Put the emulator back, so the recorded POST's diff is live again, then replay it directly.
    await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { sign_up_enabled: true, magic_link_enabled: before.config.magic_link_enabled, domains: live.config.domains } } });
    const owner = await playwright.request.newContext({ storageState: storageStatePath("admin") });
    const typed = `"confirmation":${JSON.stringify(live.display_name)}`;
    expect(rec.body).toContain(typed);
    for (const wrong of ["", "someone else's project"]) {
      const r = await replay(owner, rec, rec.body.replace(typed, `"confirmation":${JSON.stringify(wrong)}`));
      expect(refusedWith(r, "CONFIRMATION_MISMATCH"), `confirmation ${JSON.stringify(wrong)}: ${r.text.slice(0, 300)}`).toBe(true);
    }
    const hash = /"previewHash":"([0-9a-f]{64})"/.exec(rec.body)![1]!;
    const stale = await replay(owner, rec, rec.body.replace(hash, "0".repeat(64)));
    expect(refusedWith(stale, "PREVIEW_OUTDATED"), stale.text.slice(0, 300)).toBe(true);
    expect(((await emulator.fetch("/internal/projects/current")).body as Project).config.sign_up_enabled, "nothing was applied").toBe(true);

    // Control: the recorded POST as it was applies again.
    const ok = await replay(owner, rec, rec.body);
    expect(ok.text, ok.text.slice(0, 300)).toContain(`"ok":true`);
    expect(((await emulator.fetch("/internal/projects/current")).body as Project).config.sign_up_enabled).toBe(false);
    await owner.dispose();
  });

  test("an apply whose previewed diff is no longer the live one is refused", async ({ page }) => {
    const doc = await exportDoc(page);
    doc.config.general.description = "Described by the config spec";
    const preview = await dryRun(page, doc);
    await expect(preview.getByRole("heading", { name: "Imported file: 1 change" })).toBeVisible();
    // Someone changes the project elsewhere between the preview and the apply.
    await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { passkey_enabled: !(doc.config.signIn.passkey as boolean) } } });
    await preview.getByRole("button", { name: "Apply 1 change…" }).click();
    const dialog = page.getByRole("dialog", { name: "Apply configuration" });
    await dialog.getByRole("textbox").fill(doc.config.general.displayName);
    await dialog.getByRole("button", { name: "Apply" }).click();
    await expect(dialog.getByRole("alert")).toContainText("changed since the preview");
    expect(((await emulator.fetch("/internal/projects/current")).body as Project).description).not.toBe("Described by the config spec");
  });

  test("a change made directly on the emulator shows as changed elsewhere; an earlier version is restored from history", async ({ page }) => {
    const live = (await emulator.fetch("/internal/projects/current")).body as Project;
    await page.goto("/settings/config/history");
    await expect(page.getByRole("heading", { name: "History", level: 1 })).toBeVisible();
    const patched = await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config: { client_team_creation_enabled: !live.config.client_team_creation_enabled } } });
    expect(patched.status).toBe(200);

    await page.reload();
    const newest = page.getByRole("list", { name: "Versions" }).getByRole("listitem").first();
    await expect(newest).toContainText("Changed elsewhere");
    await expect(newest).toContainText("teams.clientTeamCreation");

    // Restore the version before it: the import applied above is still there, only the team flag goes back.
    await newest.getByRole("button", { name: "Restore the version before it" }).click();
    const preview = newest.getByRole("region", { name: "Preview" });
    await expect(preview.getByRole("heading", { name: /: 1 change$/ })).toBeVisible();
    await expect(preview.getByRole("row", { name: /teams\.clientTeamCreation/ })).toBeVisible();
    await preview.getByRole("button", { name: "Apply 1 change…" }).click();
    const dialog = page.getByRole("dialog", { name: "Apply configuration" });
    await dialog.getByRole("textbox").fill(live.display_name);
    await dialog.getByRole("button", { name: "Apply" }).click();
    await expect(dialog).toBeHidden();
    expect(((await emulator.fetch("/internal/projects/current")).body as Project).config.client_team_creation_enabled).toBe(live.config.client_team_creation_enabled);

    await page.reload();
    const restored = page.getByRole("list", { name: "Versions" }).getByRole("listitem").first();
    await expect(restored).toContainText("Console");
    await expect(restored).toContainText("admin@example.com");
    await expect(restored).toContainText("(restore)");
  });

  test("compare two projects and copy one field across", async ({ page }) => {
    const legacy = new Emulator(LEGACY_EMULATOR_URL);
    const ours = (await emulator.fetch("/internal/projects/current")).body as Project;
    const theirs = await legacy.fetch("/internal/projects/current", { method: "PATCH", body: { config: { passkey_enabled: !ours.config.passkey_enabled, create_team_on_sign_up: !ours.config.create_team_on_sign_up } } });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);

    await page.goto("/settings/config/compare");
    await page.getByRole("link", { name: "E2E Stack 2.8.86" }).click();
    await expect(page.getByRole("heading", { name: /^E2E project → E2E Stack 2\.8\.86: \d+ difference/ })).toBeVisible();
    await expect(page.getByRole("row", { name: /teams\.createPersonalTeamOnSignUp/ })).toBeVisible();
    await page.getByRole("checkbox", { name: "Copy signIn.passkey" }).check();
    await page.getByRole("button", { name: "Preview copying 1 field from E2E Stack 2.8.86" }).click();
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(preview.getByRole("heading", { name: "Copied from E2E Stack 2.8.86: 1 change" })).toBeVisible();
    await preview.getByRole("button", { name: "Apply 1 change…" }).click();
    const dialog = page.getByRole("dialog", { name: "Apply configuration" });
    await dialog.getByRole("textbox").fill(ours.display_name);
    await dialog.getByRole("button", { name: "Apply" }).click();
    await expect(dialog).toBeHidden();

    const after = (await emulator.fetch("/internal/projects/current")).body as Project;
    expect(after.config.passkey_enabled, "the chosen field was copied").toBe(!ours.config.passkey_enabled);
    expect(after.config.create_team_on_sign_up, "the other difference was not").toBe(ours.config.create_team_on_sign_up);
    await legacy.fetch("/internal/projects/current", { method: "PATCH", body: { config: { passkey_enabled: ours.config.passkey_enabled, create_team_on_sign_up: ours.config.create_team_on_sign_up } } });
  });

  test("on Stack 2.8.86 an import is written through PATCH /internal/projects/current, once", async ({ page }) => {
    const legacy = new Emulator(LEGACY_EMULATOR_URL);
    await page.goto("/");
    await page.getByRole("combobox", { name: "Project" }).selectOption("legacy");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E Stack 2.8.86");
    const res = await page.request.get("/api/config/export");
    expect(res.headers()["content-disposition"]).toContain("stack-config-legacy-");
    const doc = await res.json();
    const was = doc.config.signIn.magicLink as boolean;
    doc.config.signIn.magicLink = !was;

    const seq = ((await (await fetch(`${LEGACY_EMULATOR_URL}/__emulator/requests?since=${Number.MAX_SAFE_INTEGER}`)).json()) as { last_seq: number }).last_seq;
    const preview = await dryRun(page, doc);
    await expect(preview.getByRole("heading", { name: "Imported file: 1 change" })).toBeVisible();
    await preview.getByRole("button", { name: "Apply 1 change…" }).click();
    const dialog = page.getByRole("dialog", { name: "Apply configuration" });
    await dialog.getByRole("textbox").fill(doc.config.general.displayName);
    await dialog.getByRole("button", { name: "Apply" }).click();
    await expect(dialog).toBeHidden();

    expect(((await legacy.fetch("/internal/projects/current")).body as Project).config.magic_link_enabled).toBe(!was);
    const log = (await (await fetch(`${LEGACY_EMULATOR_URL}/__emulator/requests?since=${seq}`)).json()) as { items: { method: string; path: string; status: number }[] };
    expect(log.items.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["PATCH /internal/projects/current 200"]);
    await legacy.fetch("/internal/projects/current", { method: "PATCH", body: { config: { magic_link_enabled: was } } });
  });

  test("a viewer sees the pages but no apply control", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("viewer") });
    const viewer = await context.newPage();
    await viewer.goto("/settings/config/history");
    await expect(viewer.getByRole("heading", { name: "History", level: 1 })).toBeVisible();
    await expect(viewer.getByRole("button", { name: /^Restore/ })).toHaveCount(0);
    await context.close();
  });
});
