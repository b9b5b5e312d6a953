import type { Page, Request } from "@playwright/test";
import { test, expect, pageAs, type Emulator } from "./fixtures";
import { storageStatePath } from "./env";

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function makeUser(emulator: Emulator, tag: string, extra: Record<string, unknown> = {}) {
  const email = `e2e-${tag}-${uniq()}@example.test`;
  const user = await emulator.createUser({ primary_email: email, primary_email_auth_enabled: true, display_name: `E2E ${tag}`, ...extra });
  return { ...user, email };
}

/** Opens the ConfirmDialog behind `trigger`, types the confirmation and confirms with `confirmLabel`. */
async function confirmTyped(page: Page, trigger: string, title: string, typed: string, confirmLabel: string) {
  await page.getByRole("button", { name: trigger }).click();
  const dialog = page.getByRole("dialog", { name: title });
  const confirm = dialog.getByRole("button", { name: confirmLabel, exact: true });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill(typed);
  await confirm.click();
  await expect(dialog).toBeHidden();
}

const sessionsOf = async (emulator: Emulator, userId: string) => (await emulator.fetch(`/auth/sessions?user_id=${userId}`)).body.items as unknown[];
const channelsOf = async (emulator: Emulator, userId: string) =>
  (await emulator.fetch(`/contact-channels?user_id=${userId}`)).body.items as { id: string; value: string; is_primary: boolean; is_verified: boolean }[];
const linkedOf = async (emulator: Emulator, userId: string) =>
  (await emulator.fetch(`/oauth-providers?user_id=${userId}`)).body.items as { provider_config_id: string; allow_sign_in: boolean }[];

async function startSessions(emulator: Emulator, userId: string, n: number) {
  for (let i = 0; i < n; i++) expect((await emulator.fetch("/auth/sessions", { method: "POST", body: { user_id: userId } })).status).toBe(200);
  expect(await sessionsOf(emulator, userId)).toHaveLength(n);
}

test.describe("user detail", () => {
  test("shows the header and the cards", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "view");
    await page.goto(`/users/${u.id}`);
    await expect(page.getByRole("heading", { name: "E2E view", level: 1 })).toBeVisible();
    await expect(page.getByText(u.id, { exact: true })).toBeVisible();
    for (const card of ["Profile", "Password", "Metadata", "Restriction", "Two-factor authentication", "Contact channels", "Sessions", "Linked OAuth accounts", "Teams", "Danger zone"]) {
      await expect(page.getByRole("heading", { name: new RegExp(`^${card}`) })).toBeVisible();
    }
    await expect(page.getByRole("note").filter({ hasText: "your role is" })).toHaveCount(0);
  });

  test("send a password-reset e-mail", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "reset");
    await page.goto(`/users/${u.id}`);
    await page.getByRole("button", { name: "Send reset e-mail" }).click();
    await expect(page.getByText("Password-reset e-mail sent")).toBeVisible();
  });

  test("an unknown user id is a 404 page", async ({ page }) => {
    await page.goto("/users/00000000-0000-4000-8000-000000000000");
    await expect(page.getByRole("heading", { name: "User not found" })).toBeVisible();
  });

  test("edit display name and the verified flag; the emulator reflects it", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "profile");
    await page.goto(`/users/${u.id}`);
    const save = page.getByRole("button", { name: "Save profile" });
    await expect(save).toBeDisabled();
    await page.getByLabel("Display name").fill("Renamed In E2E");
    await page.getByRole("switch", { name: "Primary e-mail verified" }).click();
    await save.click();
    await expect(page.getByText("Profile saved")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Renamed In E2E", level: 1 })).toBeVisible();
    const after = await emulator.fetch(`/users/${u.id}`);
    expect(after.body).toMatchObject({ display_name: "Renamed In E2E", primary_email_verified: true });
  });

  test("metadata: invalid JSON is refused and nothing is saved; valid JSON is saved", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "meta");
    await page.goto(`/users/${u.id}`);
    const editor = page.getByLabel("Client metadata", { exact: true });
    await editor.fill('{"plan": pro}');
    await page.getByRole("button", { name: "Save client metadata" }).click();
    await expect(page.getByText(/^Invalid JSON:/)).toBeVisible();
    await expect(editor).toHaveAttribute("aria-invalid", "true");
    expect((await emulator.fetch(`/users/${u.id}`)).body.client_metadata ?? null).toBeNull();

    await editor.fill('{"plan": "pro", "seats": 3}');
    await page.getByRole("button", { name: "Save client metadata" }).click();
    await expect(page.getByText("Client metadata saved")).toBeVisible();
    await expect.poll(async () => (await emulator.fetch(`/users/${u.id}`)).body.client_metadata).toEqual({ plan: "pro", seats: 3 });
  });

  test("revoke a session; the emulator lists none afterwards", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "session");
    const created = await emulator.fetch("/auth/sessions", { method: "POST", body: { user_id: u.id } });
    expect(created.status).toBe(200);
    expect((await emulator.fetch(`/auth/sessions?user_id=${u.id}`)).body.items).toHaveLength(1);

    await page.goto(`/users/${u.id}`);
    const sessions = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "IP / location" }) });
    await expect(sessions.getByRole("row")).toHaveCount(2);
    await sessions.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText("Session revoked")).toBeVisible();
    await expect(page.getByText("No active sessions.")).toBeVisible();
    expect((await emulator.fetch(`/auth/sessions?user_id=${u.id}`)).body.items).toHaveLength(0);
  });

  test("delete needs the exact e-mail; afterwards the emulator answers 404 and the list doesn't show it", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "delete");
    await page.goto(`/users/${u.id}`);
    await page.getByRole("button", { name: "Delete user…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete user" });
    const confirm = dialog.getByRole("button", { name: "Delete user", exact: true });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill("someone-else@example.test");
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill(u.email);
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByText(`Deleted ${u.email}`)).toBeVisible();
    expect((await emulator.fetch(`/users/${u.id}`)).status).toBe(404);

    await page.getByRole("searchbox", { name: "Search users" }).fill(u.email);
    await expect(page.getByText("No users match")).toBeVisible();
  });

  test("remove 2FA needs the typed e-mail; the emulator no longer requires TOTP", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "totp", { totp_secret_base64: Buffer.from("12345678901234567890").toString("base64") });
    expect((await emulator.fetch(`/users/${u.id}`)).body.requires_totp_mfa).toBe(true);
    await page.goto(`/users/${u.id}`);
    await expect(page.getByRole("heading", { name: /^Two-factor authentication/ })).toContainText("on");
    await confirmTyped(page, "Remove 2FA…", "Remove two-factor authentication", u.email, "Remove 2FA");
    await expect(page.getByText("Two-factor authentication removed")).toBeVisible();
    await expect(page.getByRole("heading", { name: /^Two-factor authentication/ })).toContainText("off");
    await expect(page.getByRole("button", { name: "Remove 2FA…" })).toHaveCount(0);
    expect((await emulator.fetch(`/users/${u.id}`)).body.requires_totp_mfa).toBe(false);
  });

  test("revoke all sessions needs the typed e-mail; the emulator lists none afterwards", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "revokeall");
    await startSessions(emulator, u.id, 2);
    await page.goto(`/users/${u.id}`);
    await page.getByRole("button", { name: "Revoke all…" }).click();
    await expect(page.getByRole("dialog", { name: "Revoke all sessions" })).toContainText("2 sessions will be revoked.");
    await page.getByRole("button", { name: "Cancel" }).click();
    await confirmTyped(page, "Revoke all…", "Revoke all sessions", u.email, "Revoke all sessions");
    await expect(page.getByText("Revoked 2 sessions")).toBeVisible();
    await expect(page.getByText("No active sessions.")).toBeVisible();
    expect(await sessionsOf(emulator, u.id)).toHaveLength(0);
  });

  test("restrict with a public reason and a private note, then lift it", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "restrict");
    await page.goto(`/users/${u.id}`);
    const save = page.getByRole("button", { name: "Save restriction" });
    await page.getByRole("switch", { name: "Restricted by an administrator" }).click();
    await page.getByLabel("Reason shown to the user").fill("Under review");
    await page.getByLabel("Private note").fill("Chargeback #42");
    await save.click();
    await expect(page.getByText("User restricted")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("restricted");
    expect((await emulator.fetch(`/users/${u.id}`)).body).toMatchObject({
      restricted_by_admin: true,
      restricted_by_admin_reason: "Under review",
      restricted_by_admin_private_details: "Chargeback #42",
    });

    await page.reload();
    await expect(page.getByLabel("Private note")).toHaveValue("Chargeback #42");
    await page.getByRole("switch", { name: "Restricted by an administrator" }).click();
    await expect(page.getByLabel("Private note")).toHaveCount(0);
    await save.click();
    await expect(page.getByText("Restriction lifted")).toBeVisible();
    expect((await emulator.fetch(`/users/${u.id}`)).body).toMatchObject({
      restricted_by_admin: false,
      restricted_by_admin_reason: null,
      restricted_by_admin_private_details: null,
    });
  });

  test("contact channels: add, send a verification e-mail, mark verified, make primary, remove", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "channels");
    const extra = `e2e-extra-${uniq()}@example.test`;
    await page.goto(`/users/${u.id}`);
    const list = page.getByRole("list", { name: "Contact channels" });
    const item = (value: string) => list.getByRole("listitem").filter({ hasText: value });
    // By keyboard: the success toasts sit over the lower menu items.
    const menu = async (value: string, entry: string) => {
      await page.getByRole("button", { name: `Actions for ${value}` }).click();
      await page.getByRole("menuitem", { name: entry }).press("Enter");
    };

    const add = page.getByRole("form", { name: "Add contact channel" });
    await add.getByLabel("Add e-mail").fill(extra);
    await add.getByRole("button", { name: "Add" }).click();
    await expect(page.getByText(`Added ${extra}`)).toBeVisible();
    await expect(item(extra)).toContainText("unverified");
    expect((await channelsOf(emulator, u.id)).find((c) => c.value === extra)).toMatchObject({ is_verified: false, is_primary: false });

    await menu(extra, "Send verification e-mail");
    await expect(page.getByText(`Verification e-mail sent to ${extra}`)).toBeVisible();
    const outbox = (await (await fetch(`${emulator.url}/__emulator/outbox?kind=email`)).json()) as { items: { payload: { template: string; to: string[] } }[] };
    expect(outbox.items.filter((m) => m.payload.template === "email_verification" && m.payload.to.includes(extra))).toHaveLength(1);

    await menu(extra, "Mark verified");
    await expect(page.getByText("Marked verified")).toBeVisible();
    await expect(item(extra)).not.toContainText("unverified");
    expect((await channelsOf(emulator, u.id)).find((c) => c.value === extra)?.is_verified).toBe(true);

    await menu(extra, "Make primary");
    await expect(page.getByText("Primary e-mail changed")).toBeVisible();
    await expect(item(extra)).toContainText("primary");
    expect((await emulator.fetch(`/users/${u.id}`)).body.primary_email).toBe(extra);

    await menu(u.email, "Remove…");
    const dialog = page.getByRole("dialog", { name: "Remove contact channel" });
    await expect(dialog).toContainText(u.email);
    await dialog.getByRole("button", { name: "Remove" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Removed ${u.email}`)).toBeVisible();
    await expect(item(u.email)).toHaveCount(0);
    expect((await channelsOf(emulator, u.id)).map((c) => c.value)).toEqual([extra]);
  });

  test("linked OAuth account: turn off sign-in, then unlink", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "oauth", { oauth_providers: [{ id: "github", account_id: `gh-${uniq()}`, email: "x@example.com" }] });
    expect(await linkedOf(emulator, u.id)).toMatchObject([{ provider_config_id: "github", allow_sign_in: true }]);
    await page.goto(`/users/${u.id}`);
    const account = page.getByRole("list", { name: "Linked OAuth accounts" }).getByRole("listitem").filter({ hasText: "GitHub" });
    await expect(account).toContainText("x@example.com");
    const signIn = account.getByRole("switch", { name: "Sign-in" });
    await expect(signIn).toBeChecked();
    await signIn.click();
    await expect(page.getByText("GitHub sign-in turned off")).toBeVisible();
    await expect(signIn).not.toBeChecked();
    expect(await linkedOf(emulator, u.id)).toMatchObject([{ provider_config_id: "github", allow_sign_in: false }]);

    await account.getByRole("button", { name: "Unlink GitHub account" }).click();
    const dialog = page.getByRole("dialog", { name: "Unlink GitHub account" });
    await dialog.getByRole("button", { name: "Unlink" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("GitHub account unlinked")).toBeVisible();
    await expect(page.getByText("No linked accounts.")).toBeVisible();
    expect(await linkedOf(emulator, u.id)).toHaveLength(0);
  });

  test("set a password: the emulator has one and the user's sessions are revoked", async ({ page, emulator }) => {
    const u = await makeUser(emulator, "password");
    await startSessions(emulator, u.id, 1);
    await page.goto(`/users/${u.id}`);
    await expect(page.getByText("The user has no password yet.")).toBeVisible();
    const set = page.getByRole("button", { name: "Set password" });
    await page.getByLabel("New password").fill("short");
    await set.click();
    await expect(page.getByText("At least 8 characters.")).toBeVisible();
    await page.getByLabel("New password").fill("correct-horse-battery");
    await set.click();
    await expect(page.getByText("Password set; the user was signed out everywhere")).toBeVisible();
    await expect(page.getByText("The user has a password.")).toBeVisible();
    await expect(page.getByText("No active sessions.")).toBeVisible();
    expect((await emulator.fetch(`/users/${u.id}`)).body.has_password).toBe(true);
    expect(await sessionsOf(emulator, u.id)).toHaveLength(0);
  });

  test("a viewer gets a read-only, masked page: no write controls, or disabled ones", async ({ browser, emulator }) => {
    const u = await makeUser(emulator, "viewer", {
      totp_secret_base64: Buffer.from("12345678901234567890").toString("base64"),
      oauth_providers: [{ id: "github", account_id: `gh-${uniq()}`, email: "viewer-gh@example.com" }],
    });
    await startSessions(emulator, u.id, 1);
    const page = await pageAs(browser, "viewer");
    await page.goto(`/users/${u.id}`);
    // Personal data is masked for viewers (MASK_PERSONAL_DATA_FOR).
    await expect(page.getByRole("heading", { name: "E••• V•••", level: 1 })).toBeVisible();
    await expect(page.getByRole("note")).toContainText("Read-only: your role is viewer; changes need the support role.");

    // Values stay readable; nothing offers a write.
    await expect(page.getByLabel("Display name")).toHaveValue("E••• V•••");
    await expect(page.getByLabel("Display name")).not.toBeEditable();
    await expect(page.getByLabel("Client metadata", { exact: true })).not.toBeEditable();
    for (const name of ["Set password", "Send reset e-mail", /^Save .*metadata$/, "Save restriction", "Remove 2FA…", "Revoke all…", "Revoke", /^Unlink/, "Add"]) {
      await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    await expect(page.getByLabel("New password")).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Add contact channel" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: `Actions for ${u.email}` })).toHaveCount(0);
    // Shown disabled, with the role they need (RoleGate).
    for (const name of ["Save profile", "Delete user…", "Impersonate…"]) await expect(page.getByRole("button", { name, exact: true })).toBeDisabled();
    for (const sw of await page.getByRole("switch").all()) await expect(sw).toBeDisabled();
    await page.context().close();
  });

  test("a viewer replaying an admin's profile save is refused by the server", async ({ page, emulator, playwright }) => {
    // The UI offers a viewer no save button, so record the admin's real POST and send it with the viewer's cookies.
    const u = await makeUser(emulator, "replay");
    await page.goto(`/users/${u.id}`);
    await page.getByLabel("Display name").fill("Admin Renamed");
    const posted: Request[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.headers()["next-action"] && r.postData()?.includes("Admin Renamed")) posted.push(r);
    });
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Profile saved")).toBeVisible();
    expect(posted.length).toBeGreaterThan(0);
    const req = posted[0]!;
    const keep = ["next-action", "next-router-state-tree", "content-type", "accept", "origin"];
    const headers = Object.fromEntries(Object.entries(await req.allHeaders()).filter(([k]) => keep.includes(k)));

    const viewer = await playwright.request.newContext({ storageState: storageStatePath("viewer") });
    const res = await viewer.post(req.url(), { headers, data: req.postData()!.replace("Admin Renamed", "Viewer Was Here"), maxRedirects: 0, failOnStatusCode: false });
    const text = await res.text();
    expect(text, text.slice(0, 500)).toContain(`"code":"FORBIDDEN"`);
    expect(text).toContain("This needs the operator role; you are viewer.");
    expect((await emulator.fetch(`/users/${u.id}`)).body.display_name).toBe("Admin Renamed");
    await viewer.dispose();
  });
});
