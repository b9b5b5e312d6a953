import type { Locator, Page } from "@playwright/test";
import { recordActionPost, refusedWith, replay } from "./action-replay";
import { EMULATOR_URL, PROJECT, storageStatePath } from "./env";
import { expect, test, type Emulator } from "./fixtures";

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function allowKeys(emulator: Emulator, config: { allow_user_api_keys?: boolean; allow_team_api_keys?: boolean }) {
  const r = await emulator.fetch("/internal/projects/current", { method: "PATCH", body: { config } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** A call to the emulator authenticated the way an app uses the key (not with the console's key). */
async function asApp(headers: Record<string, string>, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${EMULATOR_URL}/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { "x-stack-project-id": PROJECT.id, ...(init.body ? { "content-type": "application/json" } : {}), ...headers },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, code: res.headers.get("x-stack-known-error") };
}
const checkOwnedKey = (kind: "user" | "team", key: string) =>
  asApp({ "x-stack-access-type": "server", "x-stack-secret-server-key": PROJECT.secretServerKey }, `/${kind}-api-keys/check`, { method: "POST", body: { api_key: key } });

/** Creates a key through the card's dialog; returns the secret dialog, still open. */
async function createThroughDialog(page: Page, card: Locator, description: string, fill?: (dialog: Locator) => Promise<void>) {
  await card.getByRole("button", { name: "Create key" }).click();
  const form = page.getByRole("dialog", { name: /^Create .*API keys?$/ });
  await form.getByLabel("Description").fill(description);
  await form.getByLabel("Expires after").selectOption({ label: "30 days" });
  await fill?.(form);
  await form.getByRole("button", { name: "Create key" }).click();
  const secret = page.getByRole("dialog", { name: /^Copy the new keys? now$/ });
  await expect(secret).toBeVisible();
  return secret;
}

/** The secret dialog stays until the operator confirms the copy: no Escape, no outside click, no close button. */
async function expectUndismissable(page: Page, dialog: Locator) {
  await page.keyboard.press("Escape");
  await page.mouse.click(4, 4);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toHaveCount(0);
  await expect(dialog.getByRole("button", { name: "Done" })).toBeDisabled();
}

async function finishSecretDialog(dialog: Locator) {
  await dialog.getByLabel(/I have copied/).check();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toHaveCount(0);
}

async function revokeThroughDialog(page: Page, row: Locator, typed: string) {
  await row.getByRole("button", { name: "Revoke…" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke API key" });
  const confirm = dialog.getByRole("button", { name: "Revoke key" });
  await dialog.getByLabel(/to confirm/).fill(`${typed}x`);
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill(typed);
  await confirm.click();
  await expect(dialog).toHaveCount(0);
  await expect(row.getByText("revoked", { exact: true })).toBeVisible();
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
});

test.describe("user and team API keys", () => {
  test("a user key: secret shown once in a dialog that cannot be dismissed, masked after reload, revoked and refused by the emulator", async ({ page, emulator }) => {
    await allowKeys(emulator, { allow_user_api_keys: true });
    const tag = uniq();
    const user = await emulator.createUser({ primary_email: `keys-${tag}@example.test`, display_name: `Keys ${tag}` });
    await page.goto(`/users/${user.id}`);
    const card = page.getByRole("region", { name: "API keys" });
    await expect(card.getByText("No API keys")).toBeVisible();

    const description = `CI ${tag}`;
    const dialog = await createThroughDialog(page, card, description);
    const secret = await dialog.getByLabel("Secret key", { exact: true }).inputValue();
    expect(secret).toMatch(/^sk_[a-z2-7]{45}/);
    await expectUndismissable(page, dialog);
    await dialog.getByRole("button", { name: "Copy secret key" }).click();
    await expect(page.getByText("Secret key copied")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await finishSecretDialog(dialog);

    const row = card.getByRole("row", { name: description });
    await expect(row).toContainText(`sk_••••${secret.slice(-4)}`);
    await expect(row.getByText("active", { exact: true })).toBeVisible();
    await page.reload();
    await expect(card.getByRole("row", { name: description })).toContainText(`sk_••••${secret.slice(-4)}`);
    expect(await page.content(), "the secret is gone after a reload").not.toContain(secret);
    expect(await checkOwnedKey("user", secret)).toEqual({ status: 200, code: null });

    await revokeThroughDialog(page, card.getByRole("row", { name: description }), description);
    expect(await checkOwnedKey("user", secret)).toEqual({ status: 401, code: "API_KEY_REVOKED" });
    const listed = await emulator.fetch(`/user-api-keys?user_id=${user.id}`);
    expect(listed.body.items[0]).toMatchObject({ description, manually_revoked_at_millis: expect.any(Number) });
  });

  test("a team key: a note with a link to the setting while it is off; created, revoked and refused; Stack's refusal shown with its code", async ({ page, emulator }) => {
    await allowKeys(emulator, { allow_user_api_keys: true, allow_team_api_keys: false });
    const tag = uniq();
    const team = (await emulator.fetch("/teams", { method: "POST", body: { display_name: `Keys team ${tag}` } })).body as { id: string };
    await page.goto(`/teams/${team.id}`);
    const card = page.getByRole("region", { name: "API keys" });
    await expect(card).toContainText("Team API keys are turned off for this project (allow_team_api_keys)");
    await expect(card).toContainText("Team API keys are not enabled for this project.");
    await expect(card.getByRole("link", { name: "settings" })).toHaveAttribute("href", "/settings");
    await expect(card.getByRole("button", { name: "Create key" })).toHaveCount(0);
    await expect(card.getByRole("alert")).toHaveCount(0);

    await allowKeys(emulator, { allow_team_api_keys: true });
    await page.reload();
    const description = `Team CI ${tag}`;
    const dialog = await createThroughDialog(page, card, description);
    const secret = await dialog.getByLabel("Secret key", { exact: true }).inputValue();
    await expectUndismissable(page, dialog);
    await finishSecretDialog(dialog);
    await page.reload();
    await expect(card.getByRole("row", { name: description })).toContainText(`sk_••••${secret.slice(-4)}`);
    expect(await page.content()).not.toContain(secret);
    expect((await checkOwnedKey("team", secret)).status).toBe(200);
    await revokeThroughDialog(page, card.getByRole("row", { name: description }), description);
    expect(await checkOwnedKey("team", secret)).toEqual({ status: 401, code: "API_KEY_REVOKED" });

    // Stack refuses a key for a team that is gone: the form shows its code.
    expect((await emulator.fetch(`/teams/${team.id}`, { method: "DELETE" })).status).toBe(200);
    await card.getByRole("button", { name: "Create key" }).click();
    const form = page.getByRole("dialog", { name: "Create team API key" });
    await form.getByLabel("Description").fill("Too late");
    await form.getByRole("button", { name: "Create key" }).click();
    await expect(form.getByText("TEAM_NOT_FOUND")).toBeVisible();
  });
});

test.describe("project API keys", () => {
  test("all three kinds created and shown once, masked after reload, revoked behind the typed description and refused by the emulator", async ({ page }) => {
    const description = `Deploys ${uniq()}`;
    await page.goto("/api-keys");
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
    const card = page.getByRole("region", { name: "Key sets" });
    const dialog = await createThroughDialog(page, card, description, async (form) => {
      await form.getByLabel(/^Publishable client key/).check();
      await form.getByLabel(/^Super secret admin key/).check();
    });
    const pck = await dialog.getByLabel("Publishable client key", { exact: true }).inputValue();
    const ssk = await dialog.getByLabel("Secret server key", { exact: true }).inputValue();
    const sak = await dialog.getByLabel("Super secret admin key", { exact: true }).inputValue();
    expect([pck.slice(0, 4), ssk.slice(0, 4), sak.slice(0, 4)]).toEqual(["pck_", "ssk_", "sak_"]);
    await expectUndismissable(page, dialog);
    await finishSecretDialog(dialog);

    await page.reload();
    const row = card.getByRole("row", { name: description });
    for (const [prefix, key] of [["pck_", pck], ["ssk_", ssk], ["sak_", sak]] as const) await expect(row).toContainText(`${prefix}••••${key.slice(-4)}`);
    const html = await page.content();
    for (const key of [pck, ssk, sak]) expect(html).not.toContain(key);

    const asServer = { "x-stack-access-type": "server", "x-stack-secret-server-key": ssk };
    const asAdmin = { "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": sak };
    const asClient = { "x-stack-access-type": "client", "x-stack-publishable-client-key": pck };
    expect((await asApp(asServer, "/projects/current")).status).toBe(200);
    expect((await asApp(asAdmin, "/internal/api-keys")).status).toBe(200);
    expect((await asApp(asClient, "/projects/current")).status).toBe(200);

    await revokeThroughDialog(page, row, description);
    expect(await asApp(asServer, "/projects/current")).toEqual({ status: 401, code: "INVALID_SECRET_SERVER_KEY" });
    // The audit log has both changes, and no secret.
    await page.goto("/audit");
    await expect(page.getByRole("row").filter({ hasText: "createProjectApiKey" }).filter({ hasText: description })).toHaveCount(1);
    await expect(page.getByRole("row").filter({ hasText: "revokeProjectApiKey" }).filter({ hasText: description })).toHaveCount(1);
    const audit = await page.content();
    for (const key of [pck, ssk, sak]) expect(audit).not.toContain(key);
    expect(await asApp(asAdmin, "/internal/api-keys")).toEqual({ status: 401, code: "INVALID_SUPER_SECRET_ADMIN_KEY" });
    expect(await asApp(asClient, "/projects/current")).toEqual({ status: 401, code: "INVALID_PUBLISHABLE_CLIENT_KEY" });
  });

  test("the console's own key set asks for the exact consequence, and replays without it are refused by the server", async ({ page, emulator, playwright }) => {
    await page.goto("/api-keys");
    const card = page.getByRole("region", { name: "Key sets" });
    const consoleRow = card.getByRole("row").filter({ hasText: "used by this console" });
    await expect(consoleRow).toHaveCount(1);
    await expect(consoleRow).toContainText(`sak_••••${PROJECT.superSecretAdminKey.slice(-4)}`);
    const consoleSet = ((await emulator.fetch("/internal/api-keys")).body.items as { id: string; description: string; super_secret_admin_key?: { last_four: string } }[]).find(
      (s) => s.super_secret_admin_key?.last_four === PROJECT.superSecretAdminKey.slice(-4),
    )!;

    await consoleRow.getByRole("button", { name: "Revoke…" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke the key this console uses" });
    await expect(dialog.getByRole("alert")).toContainText("This is the key set Stack Admin uses for this project.");
    await expect(dialog).toContainText("every page and action for this project fails");
    const confirm = dialog.getByRole("button", { name: "Revoke the console's key" });
    await dialog.getByLabel(/to confirm/).fill(consoleSet.description);
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill("this console will stop working");
    await expect(confirm).toBeEnabled();
    // Record the POST the button sends without letting it reach the server: this run's dashboard needs the key.
    await page.route("**/api-keys", (route) => (route.request().method() === "POST" ? route.abort() : route.fallback()));
    const consoleRec = await recordActionPost(page, () => confirm.click(), (b) => b.includes(consoleSet.id));
    await page.unroute("**/api-keys");
    await page.getByRole("button", { name: "Cancel" }).click();

    // A throwaway set revoked through the UI gives the description-confirmed action's POST.
    const throwaway = (await emulator.fetch("/internal/api-keys", { method: "POST", body: { description: `Throwaway ${uniq()}`, expires_at_millis: 4102444800000, has_publishable_client_key: false, has_secret_server_key: true, has_super_secret_admin_key: false } })).body;
    await page.reload();
    const row = card.getByRole("row", { name: throwaway.description });
    await row.getByRole("button", { name: "Revoke…" }).click();
    const plain = page.getByRole("dialog", { name: "Revoke API key" });
    await plain.getByLabel(/to confirm/).fill(throwaway.description);
    const rec = await recordActionPost(page, () => plain.getByRole("button", { name: "Revoke key" }).click(), (b) => b.includes(throwaway.id));
    await expect(row.getByText("revoked", { exact: true })).toBeVisible();
    await page.goto("about:blank");

    const owner = await playwright.request.newContext({ storageState: storageStatePath("admin") });
    // The description-confirmed action refuses the console's set whatever is typed.
    const retarget = (body: string, from: { id: string; text: string }, confirmation: string) => body.replaceAll(from.id, consoleSet.id).replaceAll(from.text, confirmation);
    for (const typed of [consoleSet.description, "this console will stop working"]) {
      const r = await replay(owner, rec, retarget(rec.body, { id: throwaway.id, text: throwaway.description }, typed));
      expect(refusedWith(r, "CONSOLE_KEY"), `${typed}: ${r.text.slice(0, 300)}`).toBe(true);
    }
    // The console-key action refuses anything but the exact consequence.
    for (const typed of [consoleSet.description, "this console will stop", ""]) {
      const r = await replay(owner, consoleRec, consoleRec.body.replaceAll("this console will stop working", typed));
      expect(refusedWith(r, "CONFIRMATION_MISMATCH"), `${JSON.stringify(typed)}: ${r.text.slice(0, 300)}`).toBe(true);
    }
    // …and refuses to revoke any other set with the consequence.
    const other = (await emulator.fetch("/internal/api-keys", { method: "POST", body: { description: `Other ${uniq()}`, expires_at_millis: 4102444800000, has_publishable_client_key: true, has_secret_server_key: false, has_super_secret_admin_key: false } })).body;
    const notConsole = await replay(owner, consoleRec, consoleRec.body.replaceAll(consoleSet.id, other.id));
    expect(refusedWith(notConsole, "NOT_CONSOLE_KEY"), notConsole.text.slice(0, 300)).toBe(true);
    await owner.dispose();

    const sets = (await emulator.fetch("/internal/api-keys")).body.items as { id: string; manually_revoked_at_millis?: number }[];
    expect(sets.find((s) => s.id === consoleSet.id)?.manually_revoked_at_millis, "the console's set is untouched").toBeUndefined();
    expect(sets.find((s) => s.id === other.id)?.manually_revoked_at_millis).toBeUndefined();
  });
});
