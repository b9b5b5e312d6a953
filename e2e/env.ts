// Fixed e2e environment: its own emulator (fresh database each run) and dashboard ports, so a
// running `npm start` is never touched.
import path from "node:path";

// E2E_DIR / E2E_*_PORT let two runs share a checkout (with NEXT_DIST_DIR for separate builds).
export const E2E_DIR = path.resolve(import.meta.dirname, "..", process.env.E2E_DIR ?? ".e2e");
export const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 8188);
export const DASHBOARD_PORT = Number(process.env.E2E_DASHBOARD_PORT ?? 3188);
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
/** Emulators playing older Stack releases (STACK_EMULATOR_RELEASE): the smoke subset runs against them. */
export const LEGACY_EMULATOR_PORT = Number(process.env.E2E_LEGACY_EMULATOR_PORT ?? 8187);
export const LEGACY_EMULATOR_URL = `http://127.0.0.1:${LEGACY_EMULATOR_PORT}`;
export const LEGACY2_EMULATOR_PORT = Number(process.env.E2E_LEGACY2_EMULATOR_PORT ?? 8186);
export const LEGACY2_EMULATOR_URL = `http://127.0.0.1:${LEGACY2_EMULATOR_PORT}`;
/** Project slug → the release its emulator plays. */
export const RELEASE_EMULATORS = [
  { slug: "legacy", release: "2.8.86", url: LEGACY_EMULATOR_URL, port: LEGACY_EMULATOR_PORT, db: "legacy-emulator.db" },
  { slug: "legacy2", release: "2025-02", url: LEGACY2_EMULATOR_URL, port: LEGACY2_EMULATOR_PORT, db: "legacy2-emulator.db" },
] as const;
/**
 * A Stack API URL on a loopback port nothing listens on (E2E_DOWN_PORT, else next to this run's
 * emulator port, skipping every port this run uses; fetch refuses the low "bad ports").
 */
const USED_PORTS = ["E2E_OIDC_PORT", "E2E_DASHBOARD_PORT", "E2E_LEGACY_EMULATOR_PORT", "E2E_LEGACY2_EMULATOR_PORT"].map((k) => Number(process.env[k] ?? 0));
function downPort(): number {
  if (process.env.E2E_DOWN_PORT) return Number(process.env.E2E_DOWN_PORT);
  let p = EMULATOR_PORT + 3;
  while (USED_PORTS.includes(p) || p === EMULATOR_PORT) p++;
  return p;
}
export const DOWN_API_URL = `http://127.0.0.1:${downPort()}`;
export const DASHBOARD_URL = `http://localhost:${DASHBOARD_PORT}`;
/** The standalone production server that e2e/standalone.spec.ts starts from the build (the container's path). */
export const STANDALONE_PORT = Number(process.env.E2E_STANDALONE_PORT ?? DASHBOARD_PORT + 2);
export const SEED_USERS = 120;

export const PROJECT = {
  id: "6f4f1b9c-3a0e-4c55-9f2e-8d1e2b7a4c10",
  superSecretAdminKey: "sak_emulatordemosupersecretadminkeyabcdefghijklmn",
  secretServerKey: "ssk_emulatordemosecretserverkeyabcdefghijklmnopqr",
};

/** The dashboard's configured projects; the first is the default selection. */
export const E2E_PROJECTS = [
  { slug: "e2e", name: "E2E project", apiUrl: EMULATOR_URL },
  { slug: "mirror", name: "E2E mirror", apiUrl: EMULATOR_URL },
  { slug: "legacy", name: "E2E Stack 2.8.86", apiUrl: LEGACY_EMULATOR_URL },
  { slug: "legacy2", name: "E2E Stack 2025-02", apiUrl: LEGACY2_EMULATOR_URL },
  // Every connection is refused (e2e/faults.spec.ts).
  { slug: "down", name: "E2E server down", apiUrl: DOWN_API_URL },
] as const;

export const NEXTAUTH_SECRET = "e2e-nextauth-secret-0123456789-abcdefghijklmnop";

export const OPERATORS = {
  admin: { email: "admin@example.com", password: "e2e-admin-password", role: "owner" },
  viewer: { email: "viewer@example.com", password: "e2e-viewer-password", role: "viewer" },
} as const;
export type OperatorName = keyof typeof OPERATORS;

export const storageStatePath = (who: OperatorName) => path.join(E2E_DIR, `${who}.storage.json`);

// A real OpenID Connect provider (oidc-provider, e2e/oidc-provider.ts) on loopback for SSO sign-in.
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 8199);
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
export const OIDC_CLIENT = {
  id: "stack-admin-e2e",
  secret: "e2e-oidc-client-secret-0123456789-abcdefghijklmnop",
  redirectUri: `${DASHBOARD_URL}/api/auth/callback/oidc`,
} as const;
/** OIDC_DEFAULT_ROLE of the e2e dashboard: an SSO account without an operator entry signs in as this. */
export const OIDC_DEFAULT_ROLE = "viewer";
/** Accounts at the provider; its dev login form takes the login (the `sub`) and any password. */
export const OIDC_ACCOUNTS = {
  // Same e-mail as an operator account: signs in with that operator's role (owner).
  // Upper-case on purpose: e-mails match case-insensitively.
  operator: { sub: "sso-admin", email: OPERATORS.admin.email.toUpperCase(), emailVerified: true, name: "Ada Admin (SSO)" },
  // No operator account: signs in with OIDC_DEFAULT_ROLE.
  unknown: { sub: "sso-user", email: "sso.user@example.com", emailVerified: true, name: "Sam SSO" },
  // Claims the operator's e-mail without having verified it: refused.
  unverified: { sub: "sso-unverified", email: OPERATORS.admin.email, emailVerified: false, name: "Mallory" },
} as const;
