import { test, expect, type Page } from "@playwright/test";
import { DASHBOARD_URL, OIDC_ACCOUNTS, OIDC_DEFAULT_ROLE, OIDC_ISSUER, OIDC_ROLE_DOMAINS, OPERATORS } from "./env";
import { putOperator, readOperators, setOperatorRole, writeOperators } from "./operators-file";

// Sign-in through a real OpenID Connect provider on loopback (e2e/oidc-provider.ts): authorization
// code flow with PKCE and state, the provider's own login form, back to the dashboard's callback.
// This dashboard opts in with OIDC_DEFAULT_ROLE=viewer; the default (none: unknown accounts are
// refused) is a unit test (lib/server/oidc.test.ts, lib/env.test.ts): it needs another dashboard.
test.describe("single sign-on (OIDC)", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test.beforeEach(async ({ context }) => {
    // The provider's dev login page @imports a web font: the machine has no network, fail it at once.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
  });

  /** From /sign-in through "Continue with single sign-on" to the provider's login form. */
  async function openProviderLogin(page: Page, callbackUrl = "/users") {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await clickSso(page);
  }

  /** "Continue with single sign-on" on the sign-in page that is open, until the provider's form shows. */
  async function clickSso(page: Page) {
    const sso = page.getByRole("button", { name: "Continue with single sign-on" });
    // Retry the click only while still on the dashboard (a click before hydration does nothing).
    await expect(async () => {
      if (!page.url().startsWith(OIDC_ISSUER)) await sso.click({ timeout: 2_000 });
      await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/interaction/`), { timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
  }

  async function providerLogin(page: Page, login: string) {
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any-password");
    await page.getByRole("button", { name: "Sign-in" }).click();
  }

  /** Signs in at the provider's own (development) login form as `login`; it takes any password. */
  async function signInWithSso(page: Page, login: string) {
    await openProviderLogin(page);
    await providerLogin(page, login);
  }

  async function expectOperatorMenu(page: Page, email: string, role: string) {
    await page.getByRole("button", { name: `Account: ${email}` }).click();
    const menu = page.locator("#operator-menu");
    await expect(menu).toBeVisible();
    await expect(menu.getByText(role, { exact: true })).toBeVisible();
    await page.keyboard.press("Escape");
  }

  test("an account with an operator's e-mail signs in with that operator's role", async ({ page }) => {
    await signInWithSso(page, OIDC_ACCOUNTS.operator.sub);
    await expect(page).toHaveURL(`${DASHBOARD_URL}/users`);
    // The provider sends the e-mail in upper case; the session carries the operator's address.
    await expectOperatorMenu(page, OPERATORS.admin.email, OPERATORS.admin.role);
    await expect(page.getByRole("button", { name: "Create user" })).toBeVisible();
    await expect(page.getByRole("note").filter({ hasText: "your role is" })).toHaveCount(0);
    // next-auth's cookies are plain (not __Secure-) over http://localhost, and http-only.
    const session = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
    expect(session).toMatchObject({ httpOnly: true, secure: false, sameSite: "Lax" });
    // Signed in, /sign-in forwards to its callback, never off-site (`/\host` reads as `//host`).
    await page.goto("/sign-in?callbackUrl=%2F%5Cevil.example%2Fx");
    await expect(page).toHaveURL(new RegExp(`^${DASHBOARD_URL}/`));
  });

  test("an account without an operator entry signs in with OIDC_DEFAULT_ROLE (viewer: read-only)", async ({ page }) => {
    await signInWithSso(page, OIDC_ACCOUNTS.unknown.sub);
    await expect(page).toHaveURL(`${DASHBOARD_URL}/users`);
    await expectOperatorMenu(page, OIDC_ACCOUNTS.unknown.email, OIDC_DEFAULT_ROLE);
    await expect(page.getByRole("note")).toContainText(`Read-only: your role is ${OIDC_DEFAULT_ROLE}; changes need the support role.`);
    await expect(page.getByRole("button", { name: "Create user" })).toBeDisabled();
  });

  test("an account whose ID token carries OIDC_ROLE_CLAIM signs in with that role", async ({ page }) => {
    await signInWithSso(page, OIDC_ACCOUNTS.claimed.sub);
    await expect(page).toHaveURL(`${DASHBOARD_URL}/users`);
    await expectOperatorMenu(page, OIDC_ACCOUNTS.claimed.email, OIDC_ACCOUNTS.claimed.role);
    await expect(page.getByRole("note")).toContainText(`your role is ${OIDC_ACCOUNTS.claimed.role}`);
    // The operators file still wins, on the next request.
    const original = readOperators();
    try {
      putOperator({ email: OIDC_ACCOUNTS.claimed.email, role: "operator" });
      await page.reload();
      await expectOperatorMenu(page, OIDC_ACCOUNTS.claimed.email, "operator");
      writeOperators(original);
      await page.reload();
      await expectOperatorMenu(page, OIDC_ACCOUNTS.claimed.email, OIDC_ACCOUNTS.claimed.role);
    } finally {
      writeOperators(original);
    }
  });

  test("an account of an OIDC_ROLE_DOMAINS domain signs in with that domain's role", async ({ page }) => {
    await signInWithSso(page, OIDC_ACCOUNTS.domain.sub);
    await expect(page).toHaveURL(`${DASHBOARD_URL}/users`);
    await expectOperatorMenu(page, OIDC_ACCOUNTS.domain.email, OIDC_ROLE_DOMAINS["acme.example"]);
    await expect(page.getByRole("button", { name: "Create user" })).toBeEnabled();
  });

  test("a signed-in SSO account's role follows the operators file on every request", async ({ page }) => {
    const original = readOperators();
    try {
      await signInWithSso(page, OIDC_ACCOUNTS.unknown.sub);
      await expect(page).toHaveURL(`${DASHBOARD_URL}/users`);
      await expectOperatorMenu(page, OIDC_ACCOUNTS.unknown.email, OIDC_DEFAULT_ROLE);
      // An operator entry for the same e-mail appears: its role applies at the next request.
      putOperator({ email: OIDC_ACCOUNTS.unknown.email, role: "admin" });
      await page.reload();
      await expectOperatorMenu(page, OIDC_ACCOUNTS.unknown.email, "admin");
      await expect(page.getByRole("button", { name: "Create user" })).toBeEnabled();
      // Back to the mapping's default once the entry is gone.
      setOperatorRole(OIDC_ACCOUNTS.unknown.email, null);
      await page.reload();
      await expectOperatorMenu(page, OIDC_ACCOUNTS.unknown.email, OIDC_DEFAULT_ROLE);
      await expect(page.getByRole("button", { name: "Create user" })).toBeDisabled();
    } finally {
      writeOperators(original);
    }
  });

  test("an unverified e-mail is refused on /sign-in, with no session", async ({ page }) => {
    await signInWithSso(page, OIDC_ACCOUNTS.unverified.sub);
    await expect(page).toHaveURL(/\/sign-in\?error=AccessDenied/);
    await expect(page.getByRole("alert").filter({ hasText: "This account has no access to Stack Admin." })).toBeVisible();
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain("next-auth.session-token");
    await page.goto("/users");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("cancelling at the provider comes back to /sign-in with a message; a retry keeps the callback page", async ({ page }) => {
    await openProviderLogin(page, "/users?q=ada");
    await page.getByRole("link", { name: "[ Cancel ]" }).click();
    // next-auth sends callbackUrl back absolute; the page keeps it because it is this dashboard's.
    await expect(page).toHaveURL(/\/sign-in\?.*error=Callback/);
    await expect(page.getByRole("alert").filter({ hasText: "Single sign-on failed. Try again." })).toBeVisible();
    await clickSso(page);
    await providerLogin(page, OIDC_ACCOUNTS.unknown.sub);
    await expect(page).toHaveURL(`${DASHBOARD_URL}/users?q=ada`);
  });

  test("an unknown error code is never echoed onto the page", async ({ page }) => {
    await page.goto("/sign-in?error=Call%20555-0100%20to%20unlock%20your%20account");
    await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed. Try again." })).toBeVisible();
    await expect(page.getByText("555-0100")).toHaveCount(0);
  });
});
