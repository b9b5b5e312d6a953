// Sessions are re-checked on every request: against the operators file as it is now, an absolute
// lifetime from sign-in, and "end all sessions" by an owner. The operators file is the e2e
// dashboard's real one; each test adds its own account and puts the file back afterwards.
import { encode } from "next-auth/jwt";
import type { Browser, Page } from "@playwright/test";
import { test, expect, pageAs, OPERATORS } from "./fixtures";
import { DASHBOARD_URL, NEXTAUTH_SECRET } from "./env";
import { putOperator, readOperators, setOperatorRole, writeOperators, type FileOperator } from "./operators-file";

let original: FileOperator[];
test.beforeEach(() => {
  original = readOperators();
});
test.afterEach(() => writeOperators(original));

/** A new operator account in the file, for one test. */
function addTempOperator(role: string) {
  const account = { email: `temp-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`, password: "temp-operator-password", name: "Temp Operator" };
  putOperator({ ...account, role });
  return account;
}

async function signInWithForm(browser: Browser, account: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await page.goto("/sign-in?callbackUrl=%2Fusers");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${DASHBOARD_URL}/users`);
  return page;
}

/** A page whose session cookie is a next-auth JWT minted with the dashboard's secret and these claims. */
async function pageWithToken(browser: Browser, claims: Record<string, unknown>): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const value = await encode({ token: claims, secret: NEXTAUTH_SECRET, maxAge: 12 * 60 * 60 });
  await context.addCookies([{ name: "next-auth.session-token", value, url: DASHBOARD_URL, httpOnly: true, sameSite: "Lax" }]);
  return context.newPage();
}

async function expectRole(page: Page, email: string, role: string) {
  await page.getByRole("button", { name: `Account: ${email}` }).click();
  await expect(page.locator("#operator-menu").getByText(role, { exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
}

test("a demoted operator has the new role at once; a removed one has no session", async ({ browser }) => {
  const account = addTempOperator("admin");
  const page = await signInWithForm(browser, account);
  await expect(page.getByRole("button", { name: "Create user" })).toBeVisible();

  setOperatorRole(account.email, "viewer");
  await page.reload();
  await expect(page.getByRole("note")).toContainText("Read-only: your role is viewer");
  await expect(page.getByRole("button", { name: "Create user" })).toBeDisabled();
  await expectRole(page, account.email, "viewer");
  // The session endpoint says the same (a stale role in the cookie is never used).
  expect(((await (await page.request.get("/api/auth/session")).json()) as { user?: { role?: string } }).user?.role).toBe("viewer");

  setOperatorRole(account.email, null);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await (await page.request.get("/api/users")).status()).toBe(401);
  await page.context().close();
});

test("a session ends SESSION_MAX_AGE_HOURS (12) after sign-in, however fresh its cookie", async ({ browser }) => {
  const claims = { email: OPERATORS.viewer.email, name: null, provider: "credentials" };
  // Both cookies are new and valid for 12 hours; only the sign-in time differs.
  const fresh = await pageWithToken(browser, { ...claims, signedInAt: Date.now() - 11 * 60 * 60 * 1000, role: "owner" });
  await fresh.goto("/users");
  await expect(fresh).toHaveURL(`${DASHBOARD_URL}/users`);
  // A role forged into the token counts for nothing: the operators file says viewer.
  await expectRole(fresh, OPERATORS.viewer.email, "viewer");

  const old = await pageWithToken(browser, { ...claims, signedInAt: Date.now() - 12 * 60 * 60 * 1000 - 60_000 });
  await old.goto("/users");
  await expect(old).toHaveURL(/\/sign-in/);
  // The session endpoint answers no session and clears the cookie instead of re-issuing it.
  const res = await old.request.get("/api/auth/session");
  expect(await res.json()).toEqual({});
  expect((await old.context().cookies()).find((c) => c.name === "next-auth.session-token")).toBeUndefined();

  const noTime = await pageWithToken(browser, { ...claims, role: "viewer" });
  await noTime.goto("/users");
  await expect(noTime).toHaveURL(/\/sign-in/);
  for (const p of [fresh, old, noTime]) await p.context().close();
});

test("an owner ends all sessions of an operator from the Operators page, through the confirmation", async ({ page, browser }) => {
  const account = addTempOperator("admin");
  const victim = await signInWithForm(browser, account);

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Operators" }).click();
  await expect(page).toHaveURL(`${DASHBOARD_URL}/operators`);
  const row = page.getByRole("row").filter({ hasText: account.email });
  await expect(row).toContainText("Temp Operator");
  await expect(row).toContainText("admin");
  await row.getByRole("button", { name: `End all sessions of ${account.email}` }).click();
  const dialog = page.getByRole("dialog", { name: "End all sessions" });
  const confirm = dialog.getByRole("button", { name: "End all sessions" });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("textbox").fill(account.email);
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(row).not.toContainText("—");

  await victim.reload();
  await expect(victim).toHaveURL(/\/sign-in/);
  // Ended means signed in before now: signing in again works, and the owner was not signed out.
  const again = await signInWithForm(browser, account);
  await expect(again.getByRole("button", { name: "Create user" })).toBeVisible();
  await page.goto("/audit");
  const entry = page.getByRole("row").filter({ hasText: "endOperatorSessions" }).first();
  await expect(entry).toContainText(account.email);
  await expect(entry).toContainText("success");
  await victim.context().close();
  await again.context().close();
});

test("the Operators page and its link are for owners only", async ({ browser }) => {
  const viewer = await pageAs(browser, "viewer");
  await viewer.goto("/");
  await expect(viewer.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Users" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Operators" })).toHaveCount(0);
  await viewer.goto("/operators");
  await expect(viewer.getByText("Owners only")).toBeVisible();
  await expect(viewer.getByRole("button", { name: /End all sessions/ })).toHaveCount(0);
  await viewer.context().close();
});
