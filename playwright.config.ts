import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import bcrypt from "bcryptjs";
import fs from "node:fs";
import path from "node:path";
import { DASHBOARD_URL, LANES, laneOf, NEXTAUTH_SECRET, OIDC_CLIENT, OIDC_DEFAULT_ROLE, OIDC_ROLE_CLAIM, OIDC_ROLE_DOMAINS, MASKED_ROLES, OPERATORS, PROJECT, RESULTS_DIR, RUN_DIR, SEED_USERS, storageStatePath, type Lane } from "./e2e/env";

const lanes: Lane[] = Array.from({ length: LANES }, (_, i) => laneOf(i));

// E2E runs only against a Stack server on loopback: never a real project.
for (const lane of lanes) {
  for (const url of [lane.emulatorUrl, ...lane.releaseEmulators.map((e) => e.url), lane.oidcIssuer]) {
    if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(url)) throw new Error(`Refusing to run E2E against ${url}: not loopback.`);
  }
}

// Config is evaluated again in every worker: prepare the run directory once, in the main process.
if (!process.env.STACK_ADMIN_E2E_PREPARED) {
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
  // Cost 12, as operator:add writes: e2e/sign-in.spec.ts compares sign-in timings against the dummy hash.
  const operators = Object.values(OPERATORS).map((o) => ({ email: o.email, role: o.role, passwordHash: bcrypt.hashSync(o.password, 12) }));
  for (const lane of lanes) {
    fs.mkdirSync(lane.dir, { recursive: true });
    fs.writeFileSync(path.join(lane.dir, "operators.json"), JSON.stringify({ operators }, null, 2));
    // Several configured projects (the emulators' demo project), so the project switcher is exercised.
    const projects = lane.projects.map((p) => ({ ...p, projectId: PROJECT.id, adminKeyEnv: "STACK_SUPER_SECRET_ADMIN_KEY" }));
    fs.writeFileSync(path.join(lane.dir, "projects.json"), JSON.stringify({ projects }, null, 2));
  }
  process.env.STACK_ADMIN_E2E_PREPARED = "1";
}

/** One lane's servers: the emulator, the two release emulators, the OIDC provider and the dashboard. */
type WebServer = Extract<NonNullable<PlaywrightTestConfig["webServer"]>, unknown[]>[number];
function laneServers(lane: Lane): WebServer[] {
  return [
    {
      command: "node_modules/.bin/tsx emulator/src/main.ts",
      url: `${lane.emulatorUrl}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        STACK_EMULATOR_PORT: String(lane.emulatorPort),
        STACK_EMULATOR_DB: path.join(lane.dir, "emulator.db"),
        STACK_EMULATOR_SEED_USERS: String(SEED_USERS),
      },
    },
    // The same emulator playing older Stack releases, for the smoke subset (e2e/releases.spec.ts).
    ...lane.releaseEmulators.map((e) => ({
      command: "node_modules/.bin/tsx emulator/src/main.ts",
      url: `${e.url}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        STACK_EMULATOR_PORT: String(e.port),
        STACK_EMULATOR_DB: path.join(lane.dir, e.db),
        STACK_EMULATOR_SEED_USERS: "30",
        STACK_EMULATOR_RELEASE: e.release,
      },
    })),
    {
      // A real OpenID Connect provider for the "Continue with single sign-on" path (e2e/oidc.spec.ts).
      command: "node_modules/.bin/tsx e2e/oidc-provider.ts",
      url: `${lane.oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { E2E_OIDC_PORT: String(lane.oidcPort), E2E_DASHBOARD_PORT: String(lane.dashboardPort) },
    },
    {
      // Its output is also kept in dashboard.log, so specs can prove what never reaches the log.
      command: `node_modules/.bin/next start -p ${lane.dashboardPort} 2>&1 | tee -a '${lane.dashboardLog}' 1>&2`,
      url: `${lane.dashboardUrl}/sign-in`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        STACK_PROJECTS_FILE: path.join(lane.dir, "projects.json"),
        STACK_SUPER_SECRET_ADMIN_KEY: PROJECT.superSecretAdminKey,
        NEXTAUTH_SECRET,
        NEXTAUTH_URL: lane.dashboardUrl,
        OPERATORS_FILE: path.join(lane.dir, "operators.json"),
        STACK_ADMIN_DB: path.join(lane.dir, "stack-admin.db"),
        OIDC_ISSUER: lane.oidcIssuer,
        OIDC_CLIENT_ID: OIDC_CLIENT.id,
        OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
        OIDC_DEFAULT_ROLE,
        OIDC_ROLE_CLAIM,
        OIDC_ROLE_DOMAINS: Object.entries(OIDC_ROLE_DOMAINS).map(([d, r]) => `${d}=${r}`).join(","),
        MASK_PERSONAL_DATA_FOR: MASKED_ROLES.join(","),
      },
    },
  ];
}

const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // Whole files per worker, one worker per lane (e2e/env.ts): a spec's tests stay in order.
  fullyParallel: false,
  workers: LANES,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: RESULTS_DIR,
  use: {
    baseURL: DASHBOARD_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      // The machine has no network: keep Chromium from phoning home (and failing) at start.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: /auth\.setup\.ts/, use: { storageState: storageStatePath("admin") } },
  ],
  webServer: lanes.flatMap(laneServers),
});
