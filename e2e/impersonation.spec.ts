// Safe impersonation: a session for a user needs the operator role and a written reason, lasts at
// most an hour (the server refuses more), is audited with the reason, and its tokens are shown
// once — never in a URL, the console's log or the audit log.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { recordActionPost, refusedWith, replay } from "./action-replay";
import { DASHBOARD_LOG, E2E_DIR, EMULATOR_URL, PROJECT, storageStatePath } from "./env";
import { expect, test, type Emulator } from "./fixtures";

// The emulator's default publishable client key (README, STACK_EMULATOR_PUBLISHABLE_CLIENT_KEY).
const PUBLISHABLE_CLIENT_KEY = "pck_emulatordemopublishableclientkeyabcdefghijklm";
const REASON = "Reproducing ticket 4711 as the user sees it";

async function makeUser(emulator: Emulator) {
  const email = `imp-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
  return emulator.createUser({ primary_email: email, primary_email_auth_enabled: true, display_name: "Ivy Impersonated" });
}

function readDb<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(E2E_DIR, file), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

test.describe("impersonation", () => {
  test("reason required, short expiry, tokens shown once and nowhere else", async ({ page, emulator }) => {
    const u = await makeUser(emulator);
    const urls: string[] = [];
    page.on("request", (r) => urls.push(r.url()));
    page.on("framenavigated", (f) => urls.push(f.url()));
    await page.goto(`/users/${u.id}`);
    await page.getByRole("button", { name: "Impersonate…" }).click();
    const dialog = page.getByRole("dialog", { name: /^Impersonate/ });
    await expect(dialog.getByLabel("Expires after (minutes)")).toHaveValue("15");

    // No reason: refused in the form, nothing created.
    await dialog.getByRole("button", { name: "Create session" }).click();
    await expect(dialog.getByText(/at least 10 characters/).first()).toBeVisible();
    // More than an hour: refused in the form too.
    await dialog.getByLabel("Reason").fill(REASON);
    await dialog.getByLabel("Expires after (minutes)").fill("90");
    await dialog.getByRole("button", { name: "Create session" }).click();
    await expect(dialog.getByText("At most 60 minutes.")).toBeVisible();
    expect((await emulator.fetch(`/auth/sessions?user_id=${u.id}`)).body.items).toEqual([]);

    await dialog.getByLabel("Expires after (minutes)").fill("15");
    await dialog.getByRole("button", { name: "Create session" }).click();
    const shown = page.getByRole("dialog", { name: "Impersonation session created" });
    await expect(shown).toBeVisible();
    const accessToken = await shown.getByLabel("Access token", { exact: true }).inputValue();
    const refreshToken = await shown.getByLabel("Refresh token", { exact: true }).inputValue();
    expect(accessToken).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(refreshToken.length).toBeGreaterThan(20);
    await expect(shown.getByText("How to use them")).toBeVisible();

    // The tokens are the user's: Stack answers /users/me with them, as that user.
    const me = await fetch(`${EMULATOR_URL}/api/v1/users/me`, {
      headers: { "x-stack-project-id": PROJECT.id, "x-stack-access-type": "client", "x-stack-publishable-client-key": PUBLISHABLE_CLIENT_KEY, "x-stack-access-token": accessToken },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(u.id);
    // A flagged impersonation session, expiring 15 minutes after it was created.
    const sessions = (await emulator.fetch(`/auth/sessions?user_id=${u.id}`)).body.items as { is_impersonation: boolean }[];
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.is_impersonation).toBe(true);
    const [row] = readDb<{ created_at: number; expires_at: number; is_impersonation: number }>("emulator.db", "SELECT created_at, expires_at, is_impersonation FROM sessions WHERE refresh_token = ?", refreshToken);
    expect(row!.expires_at - row!.created_at).toBe(15 * 60_000);

    // Closing forgets them; opening again starts from the form.
    await shown.getByRole("button", { name: "Done, forget the tokens" }).click();
    await expect(shown).toBeHidden();
    expect(await page.content()).not.toContain(refreshToken);
    await page.getByRole("button", { name: "Impersonate…" }).click();
    await expect(page.getByRole("dialog", { name: /^Impersonate/ }).getByLabel("Reason")).toHaveValue("");
    await page.keyboard.press("Escape");

    // Audited with the reason and the expiry, never a token.
    const audit = readDb<Record<string, unknown>>("stack-admin.db", "SELECT * FROM audit_records WHERE action = 'impersonateUser' AND target_id = ? AND phase <> 'intent'", u.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_email: "admin@example.com", status: "success" });
    const changes = JSON.parse(String(audit[0]!.changes_json));
    expect(changes).toMatchObject({ reason: REASON, expires_in_millis: 15 * 60_000, is_impersonation: true });
    const everyAuditRow = JSON.stringify(readDb("stack-admin.db", "SELECT * FROM audit_records"));
    for (const token of [accessToken, refreshToken, accessToken.split(".")[2]!]) {
      expect(everyAuditRow).not.toContain(token);
      expect(urls.filter((x) => x.includes(token))).toEqual([]);
      expect(fs.readFileSync(DASHBOARD_LOG, "utf8")).not.toContain(token);
    }
    expect(urls.length).toBeGreaterThan(3);
  });

  test("the server refuses more than an hour, no reason, and roles below operator, before any Stack call", async ({ page, emulator, playwright }) => {
    const u = await makeUser(emulator);
    await page.goto(`/users/${u.id}`);
    await page.getByRole("button", { name: "Impersonate…" }).click();
    const dialog = page.getByRole("dialog", { name: /^Impersonate/ });
    await dialog.getByLabel("Reason").fill(REASON);
    await dialog.getByLabel("Expires after (minutes)").fill("5");
    const rec = await recordActionPost(page, () => dialog.getByRole("button", { name: "Create session" }).click(), (b) => b.includes(REASON));
    await expect(page.getByRole("dialog", { name: "Impersonation session created" })).toBeVisible();
    expect(rec.body).toContain('"expiresInMinutes":5');

    const before = await emulator.settledApiRequests();
    for (const body of [rec.body.replace('"expiresInMinutes":5', '"expiresInMinutes":61'), rec.body.replace('"expiresInMinutes":5', '"expiresInMinutes":525600'), rec.body.replace(REASON, "")]) {
      const r = await replay(page.request, rec, body);
      expect(refusedWith(r, "INVALID_INPUT"), r.text.slice(0, 300)).toBe(true);
    }
    for (const who of ["viewer", "support"] as const) {
      const ctx = await playwright.request.newContext({ storageState: storageStatePath(who) });
      const r = await replay(ctx, rec, rec.body);
      expect(refusedWith(r, "FORBIDDEN"), `${who}: ${r.text.slice(0, 300)}`).toBe(true);
      expect(r.text).toContain(`This needs the operator role; you are ${who}.`);
      await ctx.dispose();
    }
    expect(await emulator.apiRequests(), "nothing reached Stack").toBe(before);
    expect((await emulator.fetch(`/auth/sessions?user_id=${u.id}`)).body.items).toHaveLength(1);
  });
});
