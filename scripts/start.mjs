// `npm start`: installs what is missing, builds, starts the seeded Stack Auth emulator and the
// dashboard (production mode), and prints the URL and the demo sign-in.
// With STACK_API_URL set, it manages that Stack server instead and starts no emulator.
import path from "node:path";
import { bin, EMULATOR_DEFAULTS, ensureBuild, ensureDependencies, persistentSecret, root, run, startProcess, waitForHttp } from "./lib.mjs";

ensureDependencies();
// Same files `next start` reads (.env, .env.local, .env.production…), so a STACK_API_URL set
// there is honoured here too.
const { default: nextEnv } = await import("@next/env");
const { loadEnvConfig } = nextEnv;
loadEnvConfig(root);

const env = process.env;
const port = env.PORT || "3000";
const useEmulator = !env.STACK_API_URL;
const emulatorPort = env.STACK_EMULATOR_PORT || EMULATOR_DEFAULTS.port;
const demo = { email: env.DEMO_OPERATOR_EMAIL || "admin@example.com", password: env.DEMO_OPERATOR_PASSWORD || "stack-admin-demo" };

const dashboardEnv = {
  PORT: port,
  NODE_ENV: "production",
  NEXTAUTH_URL: env.NEXTAUTH_URL || `http://localhost:${port}`,
  NEXTAUTH_SECRET: env.NEXTAUTH_SECRET || persistentSecret(path.join(root, "data", ".nextauth-secret")),
  OPERATORS_FILE: env.OPERATORS_FILE || path.join(root, "data", "operators.json"),
  ...(useEmulator
    ? {
        STACK_API_URL: `http://127.0.0.1:${emulatorPort}`,
        STACK_PROJECT_ID: env.STACK_EMULATOR_PROJECT_ID || EMULATOR_DEFAULTS.projectId,
        STACK_SUPER_SECRET_ADMIN_KEY: env.STACK_EMULATOR_SUPER_SECRET_ADMIN_KEY || EMULATOR_DEFAULTS.superSecretAdminKey,
        STACK_PROJECT_NAME: env.STACK_PROJECT_NAME || "Emulator demo project",
      }
    : {}),
};

// The demo operator (owner role), written with a bcrypt hash like any other operator.
run(bin("tsx"), ["scripts/operator-add.ts", "--email", demo.email, "--password", demo.password, "--role", "owner", "--name", "Demo operator", "--file", dashboardEnv.OPERATORS_FILE], {
  stdio: ["ignore", "ignore", "inherit"],
});

ensureBuild(dashboardEnv);

const children = [];
const stopAll = () => {
  for (const c of children) c.kill("SIGTERM");
};
// Stop both servers whichever way this process ends (Ctrl+C, SIGTERM/SIGHUP from a supervisor).
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopAll();
    process.exit(0);
  });
}
process.on("exit", stopAll);

if (useEmulator) {
  // STACK_EMULATOR_* variables pass through unchanged; the dashboard uses the same keys.
  const emu = startProcess("emulator", bin("tsx"), ["emulator/src/main.ts"], { STACK_EMULATOR_PORT: emulatorPort });
  children.push(emu);
  emu.on("exit", (code) => {
    console.error(`The emulator exited (code ${code}).`);
    stopAll();
    process.exit(1);
  });
  await waitForHttp(`http://127.0.0.1:${emulatorPort}/health`);
}

const web = startProcess("dashboard", bin("next"), ["start", "-p", port], dashboardEnv);
children.push(web);
web.on("exit", (code) => {
  console.error(`The dashboard exited (code ${code}).`);
  stopAll();
  process.exit(1);
});
await waitForHttp(`http://127.0.0.1:${port}/sign-in`, 120_000);

console.log(
  [
    "",
    "Stack Admin is running.",
    `  Dashboard:   http://localhost:${port}`,
    `  Sign in as:  ${demo.email} / ${demo.password}`,
    useEmulator ? `  Stack API:   emulator at http://127.0.0.1:${emulatorPort}/api/v1 (project ${dashboardEnv.STACK_PROJECT_ID})` : `  Stack API:   ${env.STACK_API_URL}`,
    "Press Ctrl+C to stop.",
    "",
  ].join("\n"),
);
