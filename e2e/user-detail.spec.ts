import { test, expect, pageAs, type Emulator } from "./fixtures";

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function makeUser(emulator: Emulator, tag: string, extra: Record<string, unknown> = {}) {
  const email = `e2e-${tag}-${uniq()}@example.test`;
  const user = await emulator.createUser({ primary_email: email, primary_email_auth_enabled: true, display_name: `E2E ${tag}`, ...extra });
  return { ...user, email };
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

  test("a viewer sees the page, but a write is refused with a readable message", async ({ browser, emulator }) => {
    const u = await makeUser(emulator, "viewer");
    const page = await pageAs(browser, "viewer");
    await page.goto(`/users/${u.id}`);
    await expect(page.getByRole("heading", { name: "E2E viewer", level: 1 })).toBeVisible();
    await page.getByLabel("Display name").fill("Viewer Was Here");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "This needs the admin role; you are viewer." })).toBeVisible();
    expect((await emulator.fetch(`/users/${u.id}`)).body.display_name).toBe("E2E viewer");
    await page.context().close();
  });
});
