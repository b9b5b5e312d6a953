// One E2E per role, through the real UI and the real server: what each role is offered, what the
// server refuses when a refused control's POST is replayed, and that viewers and support see
// personal data masked — in every byte the browser receives — unless they reveal one user with a
// reason, which is audited.
import Database from "better-sqlite3";
import path from "node:path";
import type { Page, Response } from "@playwright/test";
import { recordActionPost, refusedWith, replay } from "./action-replay";
import { E2E_DIR, storageStatePath } from "./env";
import { expect, pageAs, test, type Emulator } from "./fixtures";

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function makeUser(emulator: Emulator, tag: string) {
  const email = `roles-${tag}-${uniq()}@example.test`;
  const user = await emulator.createUser({ primary_email: email, primary_email_auth_enabled: true, display_name: `Rolf ${tag} Example` });
  return { ...user, email, name: `Rolf ${tag} Example` };
}

const sessionsOf = async (emulator: Emulator, userId: string) => (await emulator.fetch(`/auth/sessions?user_id=${userId}`)).body.items as { id: string }[];

type AuditRow = { actor_email: string; actor_role: string; action: string; target_id: string | null; status: string; error_code: string | null; changes_json: string | null };
function auditRows(action: string): AuditRow[] {
  const db = new Database(path.join(E2E_DIR, "stack-admin.db"), { readonly: true, fileMustExist: true });
  try {
    // Results and one-shot events: one record per call (a write-ahead intent is the same call).
    return db.prepare("SELECT actor_email, actor_role, action, target_id, status, error_code, changes_json FROM audit_records WHERE action = ? AND phase <> 'intent' ORDER BY id").all(action) as AuditRow[];
  } finally {
    db.close();
  }
}

/** The tooltip a RoleGate shows on hover over the control it disables. */
async function expectNeeds(page: Page, button: string, role: string) {
  const control = page.getByRole("button", { name: button, exact: true });
  await expect(control).toBeDisabled();
  const gate = page.locator("[data-role-gate]").filter({ has: control });
  await gate.hover();
  await expect(gate.getByRole("tooltip")).toBeVisible();
  await expect(gate.getByRole("tooltip")).toHaveText(`Needs the ${role} role`);
}

/** Every response body (HTML, RSC payloads, JSON, scripts) the page receives, as text. */
function collectBodies(page: Page) {
  const bodies: { url: string; text: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (res: Response) => {
    pending.push(
      res
        .body()
        .then((b) => void bodies.push({ url: res.url(), text: b.toString("utf8") }))
        .catch(() => {}),
    );
  });
  return {
    bodies,
    settle: async () => {
      while (pending.length) await Promise.all(pending.splice(0));
    },
  };
}

test.describe("roles", () => {
  test("viewer: read-only, with each refused control disabled and naming its role", async ({ browser, emulator }) => {
    const u = await makeUser(emulator, "viewer");
    const page = await pageAs(browser, "viewer");
    await page.goto("/users");
    await expectNeeds(page, "Create user", "operator");
    await page.goto(`/users/${u.id}`);
    await expect(page.getByRole("note")).toContainText("Read-only: your role is viewer");
    await expectNeeds(page, "Save profile", "operator");
    await expectNeeds(page, "Impersonate…", "operator");
    await expectNeeds(page, "Delete user…", "admin");
    await page.goto("/settings");
    await expectNeeds(page, "Save general settings", "admin");
    await page.context().close();
  });

  test("support: revokes a session and restricts a user; a profile edit is refused, in the UI and on the server", async ({ browser, page, emulator, playwright }) => {
    const u = await makeUser(emulator, "support");
    for (let i = 0; i < 2; i++) expect((await emulator.fetch("/auth/sessions", { method: "POST", body: { user_id: u.id } })).status).toBe(200);
    const support = await pageAs(browser, "support");
    await support.goto(`/users/${u.id}`);
    await expect(support.getByRole("note")).toContainText("Some actions are hidden: your role is support");

    // Allowed: revoke one session (not all of them: that is dangerous, admin).
    await expect(support.getByRole("button", { name: "Revoke all…" })).toHaveCount(0);
    await support.getByRole("button", { name: "Revoke", exact: true }).first().click();
    await expect(support.getByText("Session revoked")).toBeVisible();
    await expect.poll(async () => (await sessionsOf(emulator, u.id)).length).toBe(1);

    // Allowed: restrict and lift.
    await support.getByRole("switch", { name: "Restricted by an administrator" }).click();
    await support.getByLabel("Reason shown to the user").fill("Under review by support");
    await support.getByRole("button", { name: "Save restriction" }).click();
    await expect(support.getByText("User restricted")).toBeVisible();
    expect((await emulator.fetch(`/users/${u.id}`)).body).toMatchObject({ restricted_by_admin: true, restricted_by_admin_reason: "Under review by support" });

    // Refused: the profile form's save is disabled and names the role it needs…
    await expectNeeds(support, "Save profile", "operator");
    await support.context().close();

    // …and the owner's real POST, replayed with support's cookies, is refused before any Stack call.
    await page.goto(`/users/${u.id}`);
    await page.getByLabel("Display name").fill("Owner Renamed");
    const rec = await recordActionPost(page, () => page.getByRole("button", { name: "Save profile" }).click(), (b) => b.includes("Owner Renamed"));
    await expect(page.getByText("Profile saved")).toBeVisible();
    const ctx = await playwright.request.newContext({ storageState: storageStatePath("support") });
    const before = await emulator.settledApiRequests();
    const r = await replay(ctx, rec, rec.body.replace("Owner Renamed", "Support Was Here"));
    expect(refusedWith(r, "FORBIDDEN"), r.text.slice(0, 300)).toBe(true);
    expect(r.text).toContain("This needs the operator role; you are support.");
    expect(await emulator.apiRequests()).toBe(before);
    expect((await emulator.fetch(`/users/${u.id}`)).body.display_name).toBe("Owner Renamed");
    expect(auditRows("updateUserProfile").filter((a) => a.actor_email === "support@example.com" && a.error_code === "FORBIDDEN")).toHaveLength(1);
    await ctx.dispose();
  });

  test("operator: edits users and sees real values; settings are refused, in the UI and on the server", async ({ browser, page, emulator, playwright }) => {
    const u = await makeUser(emulator, "operator");
    const operator = await pageAs(browser, "operator");
    await operator.goto(`/users/${u.id}`);
    // Not masked for operators.
    await expect(operator.getByRole("heading", { name: u.name, level: 1 })).toBeVisible();
    await expect(operator.getByRole("button", { name: /Reveal personal data/ })).toHaveCount(0);
    await operator.getByLabel("Display name").fill("Renamed by operator");
    await operator.getByRole("button", { name: "Save profile" }).click();
    await expect(operator.getByText("Profile saved")).toBeVisible();
    expect((await emulator.fetch(`/users/${u.id}`)).body.display_name).toBe("Renamed by operator");
    await expectNeeds(operator, "Delete user…", "admin");

    await operator.goto("/settings");
    await expect(operator.getByLabel("Display name")).toBeDisabled();
    await expectNeeds(operator, "Save general settings", "admin");
    await operator.context().close();

    // The owner's settings save, replayed as the operator: refused, nothing sent to Stack.
    const original = (await emulator.fetch("/internal/projects/current")).body.display_name as string;
    await page.goto("/settings");
    await page.getByLabel("Display name").fill(`${original} (owner)`);
    const rec = await recordActionPost(page, () => page.getByRole("button", { name: "Save general settings" }).click(), (b) => b.includes("(owner)"));
    await expect(page.getByText(/saved/i).first()).toBeVisible();
    const ctx = await playwright.request.newContext({ storageState: storageStatePath("operator") });
    const before = await emulator.settledApiRequests();
    const r = await replay(ctx, rec, rec.body.replace("(owner)", "(operator)"));
    expect(refusedWith(r, "FORBIDDEN"), r.text.slice(0, 300)).toBe(true);
    expect(r.text).toContain("This needs the admin role; you are operator.");
    expect(await emulator.apiRequests()).toBe(before);
    expect((await emulator.fetch("/internal/projects/current")).body.display_name).toBe(`${original} (owner)`);
    // Put the name back for the other specs.
    await page.getByLabel("Display name").fill(original);
    await page.getByRole("button", { name: "Save general settings" }).click();
    await expect.poll(async () => (await emulator.fetch("/internal/projects/current")).body.display_name).toBe(original);
    await ctx.dispose();
  });
});

test.describe("masked personal data", () => {
  test("a viewer's browser never receives the users' e-mails or names: every HTML, RSC and JSON byte is scanned", async ({ browser, emulator }) => {
    const team = (await emulator.fetch("/teams", { method: "POST", body: { display_name: `Masked team ${uniq()}` } })).body as { id: string };
    const u = await makeUser(emulator, "scan");
    expect((await emulator.fetch(`/team-memberships/${team.id}/${u.id}`, { method: "POST", body: {} })).status).toBe(201);
    expect((await emulator.fetch("/contact-channels", { method: "POST", body: { user_id: u.id, type: "email", value: `second-${u.email}`, used_for_auth: false } })).status).toBe(201);
    // The seeded demo users the pages show first, plus ours.
    const listed = (await emulator.fetch("/users?limit=100&order_by=signed_up_at&desc=true")).body.items as { primary_email: string | null; display_name: string | null }[];
    const emails = [...new Set([...listed.map((x) => x.primary_email).filter((e): e is string => !!e), u.email, `second-${u.email}`])];
    expect(emails.length).toBeGreaterThan(20);

    const page = await pageAs(browser, "viewer");
    const seen = collectBodies(page);
    await page.goto("/");
    await page.goto("/users");
    await expect(page.getByRole("row").nth(1)).toContainText("•••");
    await page.goto(`/users?q=${encodeURIComponent("roles-scan")}`);
    await expect(page.getByRole("row").nth(1)).toContainText("r•••@example.test");
    await page.goto(`/users/${u.id}`);
    await expect(page.getByRole("heading", { name: "R••• S••• E•••", level: 1 })).toBeVisible();
    await expect(page.getByText("s•••@example.test")).toBeVisible();
    await page.goto(`/teams/${team.id}`);
    await expect(page.getByText("r•••@example.test")).toBeVisible();
    // The JSON routes: the table's next pages and the palette's search.
    await page.goto("/users");
    const json = await Promise.all([page.request.get("/api/users?pageSize=100"), page.request.get(`/api/search?q=${encodeURIComponent(u.email)}`)]);
    for (const r of json) {
      expect(r.status()).toBe(200);
      seen.bodies.push({ url: r.url(), text: await r.text() });
    }
    expect(JSON.parse(seen.bodies.at(-1)!.text).users[0]).toMatchObject({ id: u.id, label: "R••• S••• E•••", detail: "r•••@example.test" });
    await seen.settle();

    expect(seen.bodies.length).toBeGreaterThan(10);
    const leaks = seen.bodies.flatMap((b) => emails.filter((e) => b.text.includes(e)).map((e) => `${e} in ${b.url}`));
    expect(leaks).toEqual([]);
    for (const b of seen.bodies) expect(b.text, b.url).not.toContain(u.name);
    await page.context().close();
  });

  test("reveal asks for a reason, is audited, and shows the real values only in its dialog", async ({ browser, emulator }) => {
    const u = await makeUser(emulator, "reveal");
    const page = await pageAs(browser, "viewer");
    await page.goto(`/users/${u.id}`);
    await expect(page.getByText(u.email)).toHaveCount(0);
    await page.getByRole("button", { name: "Reveal personal data…" }).click();
    const dialog = page.getByRole("dialog", { name: "Reveal personal data" });
    await dialog.getByRole("button", { name: "Reveal" }).click();
    await expect(dialog.getByText(/at least 10 characters/).first()).toBeVisible();
    expect(auditRows("revealUserData").filter((a) => a.target_id === u.id)).toHaveLength(0);

    await dialog.getByLabel("Reason").fill("Ticket 4711: the user asked which address we have");
    await dialog.getByRole("button", { name: "Reveal" }).click();
    const shown = page.getByRole("dialog", { name: "Personal data" });
    // As the primary e-mail and as its contact channel.
    await expect(shown.getByText(u.email, { exact: true })).toHaveCount(2);
    await expect(shown.getByText(u.name, { exact: true })).toBeVisible();
    expect(page.url()).not.toContain(u.email.split("@")[0]);

    const rows = auditRows("revealUserData").filter((a) => a.target_id === u.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_email: "viewer@example.com", actor_role: "viewer", status: "success" });
    expect(rows[0]!.changes_json).toContain("Ticket 4711: the user asked which address we have");
    expect(rows[0]!.changes_json).not.toContain(u.email);

    // Closing forgets the values; the page itself never had them.
    await shown.getByRole("button", { name: "Hide again" }).click();
    await expect(page.getByText(u.email)).toHaveCount(0);
    expect(await page.content()).not.toContain(u.email);
    await page.context().close();
  });
});
