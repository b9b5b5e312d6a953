// Fixed e2e environment: its own emulator (fresh database each run) and dashboard ports, so a
// running `npm start` is never touched.
import path from "node:path";

// E2E_DIR / E2E_*_PORT let two runs share a checkout (with NEXT_DIST_DIR for separate builds).
const E2E_ROOT = path.resolve(import.meta.dirname, "..", process.env.E2E_DIR ?? ".e2e");

/**
 * Playwright runs E2E_LANES workers (default 2: the machine has two cores and one worker leaves
 * one idle), each against servers of its own: lane i has every port + 50·i and its own directory
 * (databases, operators and projects files, logs), so no spec sees another's writes. A worker's
 * lane is its TEST_PARALLEL_INDEX (https://playwright.dev/docs/test-parallel#worker-index-and-parallel-index);
 * the main process, which starts every lane's servers, is lane 0.
 */
export const LANES = Math.max(1, Number(process.env.E2E_LANES ?? 2));
export const LANE = Number(process.env.TEST_PARALLEL_INDEX ?? 0) % LANES;

export function laneOf(lane: number) {
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback) + 50 * lane;
  const emulatorPort = port("E2E_EMULATOR_PORT", 8188);
  const dashboardPort = port("E2E_DASHBOARD_PORT", 3188);
  const legacyPort = port("E2E_LEGACY_EMULATOR_PORT", 8187);
  const legacy2Port = port("E2E_LEGACY2_EMULATOR_PORT", 8186);
  const oidcPort = port("E2E_OIDC_PORT", 8199);
  // A loopback port nothing listens on (E2E_DOWN_PORT, else next to the emulator's, skipping every
  // port the lane uses; fetch refuses the low "bad ports").
  let downPort = emulatorPort + 3;
  if (process.env.E2E_DOWN_PORT) downPort = port("E2E_DOWN_PORT", 0);
  else while ([oidcPort, dashboardPort, legacyPort, legacy2Port, emulatorPort].includes(downPort)) downPort++;
  const dir = lane === 0 ? E2E_ROOT : path.join(E2E_ROOT, `lane-${lane}`);
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const legacyUrl = `http://127.0.0.1:${legacyPort}`;
  const legacy2Url = `http://127.0.0.1:${legacy2Port}`;
  const downApiUrl = `http://127.0.0.1:${downPort}`;
  return {
    lane,
    dir,
    emulatorPort,
    emulatorUrl,
    dashboardPort,
    dashboardUrl: `http://localhost:${dashboardPort}`,
    dashboardLog: path.join(dir, "dashboard.log"),
    oidcPort,
    oidcIssuer: `http://127.0.0.1:${oidcPort}`,
    standalonePort: port("E2E_STANDALONE_PORT", Number(process.env.E2E_DASHBOARD_PORT ?? 3188) + 2),
    downApiUrl,
    /** Project slug → the release its emulator plays. */
    releaseEmulators: [
      { slug: "legacy", release: "2.8.86", url: legacyUrl, port: legacyPort, db: "legacy-emulator.db" },
      { slug: "legacy2", release: "2025-02", url: legacy2Url, port: legacy2Port, db: "legacy2-emulator.db" },
    ] as const,
    /** The dashboard's configured projects; the first is the default selection. */
    projects: [
      { slug: "e2e", name: "E2E project", apiUrl: emulatorUrl },
      { slug: "mirror", name: "E2E mirror", apiUrl: emulatorUrl },
      { slug: "legacy", name: "E2E Stack 2.8.86", apiUrl: legacyUrl },
      { slug: "legacy2", name: "E2E Stack 2025-02", apiUrl: legacy2Url },
      // Every connection is refused (e2e/faults.spec.ts).
      { slug: "down", name: "E2E server down", apiUrl: downApiUrl },
    ] as const,
  };
}
export type Lane = ReturnType<typeof laneOf>;
const L = laneOf(LANE);

/** This lane's directory (the run's E2E_DIR for lane 0). */
export const E2E_DIR = L.dir;
export const EMULATOR_PORT = L.emulatorPort;
export const EMULATOR_URL = L.emulatorUrl;
export const DASHBOARD_PORT = L.dashboardPort;
export const DASHBOARD_URL = L.dashboardUrl;
/** Emulators playing older Stack releases (STACK_EMULATOR_RELEASE): the smoke subset runs against them. */
export const RELEASE_EMULATORS = L.releaseEmulators;
export const LEGACY_EMULATOR_URL = L.releaseEmulators[0].url;
export const LEGACY2_EMULATOR_URL = L.releaseEmulators[1].url;
/** A Stack API URL on a loopback port nothing listens on. */
export const DOWN_API_URL = L.downApiUrl;
/** The standalone production server that e2e/standalone.spec.ts starts from the build (the container's path). */
export const STANDALONE_PORT = L.standalonePort;
/** Everything the dashboard prints (stdout and stderr) during the run. */
export const DASHBOARD_LOG = L.dashboardLog;
export const E2E_PROJECTS = L.projects;
export const SEED_USERS = 120;

export const PROJECT = {
  id: "6f4f1b9c-3a0e-4c55-9f2e-8d1e2b7a4c10",
  superSecretAdminKey: "sak_emulatordemosupersecretadminkeyabcdefghijklmn",
  secretServerKey: "ssk_emulatordemosecretserverkeyabcdefghijklmnopqr",
};


export const NEXTAUTH_SECRET = "e2e-nextauth-secret-0123456789-abcdefghijklmnop";

export const OPERATORS = {
  admin: { email: "admin@example.com", password: "e2e-admin-password", role: "owner" },
  viewer: { email: "viewer@example.com", password: "e2e-viewer-password", role: "viewer" },
  support: { email: "support@example.com", password: "e2e-support-password", role: "support" },
  operator: { email: "operator@example.com", password: "e2e-operator-password", role: "operator" },
} as const;
export type OperatorName = keyof typeof OPERATORS;

// Shared by the lanes: a session cookie is valid on every lane's dashboard (same secret, and cookies ignore the port).
export const storageStatePath = (who: OperatorName) => path.join(E2E_ROOT, `${who}.storage.json`);
/** Where Playwright keeps traces and screenshots: the run's directory. */
export const RESULTS_DIR = path.join(E2E_ROOT, "results");
export const RUN_DIR = E2E_ROOT;

// A real OpenID Connect provider (oidc-provider, e2e/oidc-provider.ts) on loopback for SSO sign-in.
export const OIDC_PORT = L.oidcPort;
export const OIDC_ISSUER = L.oidcIssuer;
export const OIDC_CLIENT = {
  id: "stack-admin-e2e",
  secret: "e2e-oidc-client-secret-0123456789-abcdefghijklmnop",
  redirectUri: `${DASHBOARD_URL}/api/auth/callback/oidc`,
} as const;
/** OIDC_DEFAULT_ROLE of the e2e dashboard: an SSO account without an operator entry signs in as this. */
export const OIDC_DEFAULT_ROLE = "viewer";
/** OIDC_ROLE_CLAIM and OIDC_ROLE_DOMAINS of the e2e dashboard. */
export const OIDC_ROLE_CLAIM = "stack_admin_role";
export const OIDC_ROLE_DOMAINS = { "acme.example": "operator" } as const;
/** MASK_PERSONAL_DATA_FOR of the e2e dashboard (the default). */
export const MASKED_ROLES = ["viewer", "support"] as const;
/** Accounts at the provider; its dev login form takes the login (the `sub`) and any password. */
export const OIDC_ACCOUNTS = {
  // Same e-mail as an operator account: signs in with that operator's role (owner).
  // Upper-case on purpose: e-mails match case-insensitively.
  operator: { sub: "sso-admin", email: OPERATORS.admin.email.toUpperCase(), emailVerified: true, name: "Ada Admin (SSO)" },
  // No operator account: signs in with OIDC_DEFAULT_ROLE.
  unknown: { sub: "sso-user", email: "sso.user@example.com", emailVerified: true, name: "Sam SSO" },
  // Claims the operator's e-mail without having verified it: refused.
  unverified: { sub: "sso-unverified", email: OPERATORS.admin.email, emailVerified: false, name: "Mallory" },
  // No operator account; the provider sends OIDC_ROLE_CLAIM: signs in with that role.
  claimed: { sub: "sso-claimed", email: "cleo.claim@sso.example", emailVerified: true, name: "Cleo Claim", role: "support" },
  // No operator account; an OIDC_ROLE_DOMAINS domain: signs in with that domain's role.
  domain: { sub: "sso-domain", email: "dana@acme.example", emailVerified: true, name: "Dana Domain" },
} as const;
