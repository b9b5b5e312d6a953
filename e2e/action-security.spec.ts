// Server actions are public POST endpoints: record a real action POST made by
// the UI, then replay it outside the UI — without cookies, as a viewer, with a wrong confirmation —
// and check the wrapper refuses it before anything reaches Stack.
import type { Page } from "@playwright/test";
import { test, expect, type Emulator } from "./fixtures";
import { storageStatePath } from "./env";
import { recordActionPost, refusedWith, replay, type RecordedAction } from "./action-replay";

async function findUserByEmail(emulator: Emulator, email: string) {
  const r = await emulator.fetch(`/users?query=${encodeURIComponent(email)}&limit=10`);
  expect(r.status).toBe(200);
  return (r.body.items as { id: string; primary_email: string | null }[]).find((u) => u.primary_email === email) ?? null;
}

/** Creates a user through the create-user dialog on /users and returns the recorded createUser POST. */
async function createUserThroughUi(page: Page, emulator: Emulator, email: string): Promise<RecordedAction> {
  await page.goto("/users");
  await page.getByRole("button", { name: "Create user" }).click();
  const dialog = page.getByRole("dialog", { name: "Create user" });
  await dialog.getByLabel("E-mail", { exact: true }).fill(email);
  await dialog.getByLabel("Display name").fill("Action Security");
  const rec = await recordActionPost(page, () => dialog.getByRole("button", { name: "Create user" }).click(), (b) => b.includes(email));
  await expect(dialog).toBeHidden();
  expect(await findUserByEmail(emulator, email), "the UI write itself reached Stack").not.toBeNull();
  // Leave the page: the users table must not poll Stack while upstream calls are counted.
  await page.goto("about:blank");
  return rec;
}

const unique = (what: string) => `${what}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;

test.describe("server actions refuse replayed POSTs", () => {
  test("createUser replayed without a session is refused, with no upstream call", async ({ page, emulator, playwright }) => {
    const original = unique("as-ui");
    const rec = await createUserThroughUi(page, emulator, original);

    const noCookies = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
    const before = await emulator.settledApiRequests();

    // 1. No cookies at all: the optimistic proxy may bounce it to /sign-in; either way it must not run.
    const email1 = unique("as-nocookie");
    const r1 = await replay(noCookies, rec, rec.body.replaceAll(original, email1));
    const bounced = r1.status >= 300 && r1.status < 400 && /\/sign-in/.test(r1.location ?? "");
    expect(bounced || refusedWith(r1, "UNAUTHENTICATED"), `status ${r1.status} ${r1.location ?? ""}\n${r1.text.slice(0, 500)}`).toBe(true);
    expect(r1.text).not.toContain(`"ok":true`);

    // 2. A forged session cookie gets past the proxy's presence check: the action wrapper itself refuses.
    const email2 = unique("as-forged");
    const r2 = await replay(noCookies, rec, rec.body.replaceAll(original, email2), { cookie: "next-auth.session-token=forged.not-a-jwe" });
    expect(refusedWith(r2, "UNAUTHENTICATED"), `status ${r2.status}\n${r2.text.slice(0, 500)}`).toBe(true);

    expect(await emulator.apiRequests(), "no request reached Stack").toBe(before);
    expect(await findUserByEmail(emulator, email1)).toBeNull();
    expect(await findUserByEmail(emulator, email2)).toBeNull();
    await noCookies.dispose();

    // Control: the same replay with the owner's cookies works, so the refusals above are the wrapper's doing.
    const owner = await playwright.request.newContext({ storageState: storageStatePath("admin") });
    const email3 = unique("as-control");
    const r3 = await replay(owner, rec, rec.body.replaceAll(original, email3));
    expect(r3.text, r3.text.slice(0, 500)).toContain(`"ok":true`);
    expect(await findUserByEmail(emulator, email3)).not.toBeNull();
    await owner.dispose();
  });

  test("createUser replayed as a viewer is FORBIDDEN, with no upstream call", async ({ page, emulator, playwright }) => {
    const original = unique("as-ui");
    const rec = await createUserThroughUi(page, emulator, original);

    const viewer = await playwright.request.newContext({ storageState: storageStatePath("viewer") });
    const before = await emulator.settledApiRequests();
    const email = unique("as-viewer");
    const r = await replay(viewer, rec, rec.body.replaceAll(original, email));
    expect(refusedWith(r, "FORBIDDEN"), `status ${r.status}\n${r.text.slice(0, 500)}`).toBe(true);
    expect(await emulator.apiRequests(), "no request reached Stack").toBe(before);
    expect(await findUserByEmail(emulator, email)).toBeNull();
    await viewer.dispose();
  });

  test("deleteUser replayed by the owner with a wrong confirmation is refused and deletes nothing", async ({ page, emulator, playwright }) => {
    // Delete a throwaway user through the UI to record a genuine deleteUser POST.
    const throwaway = await emulator.createUser({ primary_email: unique("as-throwaway"), display_name: `Throwaway ${Date.now()}` });
    const target = await emulator.createUser({ primary_email: unique("as-target"), display_name: `Target ${Date.now()}` });
    await page.goto(`/users?q=${encodeURIComponent(throwaway.primary_email!)}`);
    await page.getByRole("button", { name: `Actions for ${throwaway.display_name}` }).click();
    await page.getByRole("menuitem", { name: /^Delete/ }).click();
    const dialog = page.getByRole("dialog", { name: "Delete user" });
    await dialog.getByRole("textbox").fill(throwaway.primary_email!);
    const rec = await recordActionPost(page, () => dialog.getByRole("button", { name: "Delete user" }).click(), (b) => b.includes(throwaway.id) && b.includes("confirmation"));
    await expect(dialog).toBeHidden();
    expect((await emulator.fetch(`/users/${throwaway.id}`)).status, "the UI delete itself worked").toBe(404);
    await page.goto("about:blank");

    const owner = await playwright.request.newContext({ storageState: storageStatePath("admin") });
    const retarget = (confirmation: string) => rec.body.replaceAll(throwaway.id, target.id).replaceAll(throwaway.primary_email!, confirmation);

    for (const wrong of ["someone-else@example.com", throwaway.primary_email!, target.id.slice(0, 8), ""]) {
      const r = await replay(owner, rec, retarget(wrong));
      expect(refusedWith(r, "CONFIRMATION_MISMATCH"), `confirmation ${JSON.stringify(wrong)}: status ${r.status}\n${r.text.slice(0, 500)}`).toBe(true);
      expect((await emulator.fetch(`/users/${target.id}`)).status, "the target still exists").toBe(200);
    }

    // Control: the right confirmation (the target's e-mail, case-insensitive on the server) deletes it.
    const ok = await replay(owner, rec, retarget(target.primary_email!.toUpperCase()));
    expect(ok.text, ok.text.slice(0, 500)).toContain(`"ok":true`);
    expect((await emulator.fetch(`/users/${target.id}`)).status).toBe(404);
    await owner.dispose();
  });
});
