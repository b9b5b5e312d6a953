// Fixed e2e environment: its own emulator (fresh database each run) and dashboard ports, so a
// running `npm start` is never touched.
import path from "node:path";

// E2E_DIR / E2E_*_PORT let two runs share a checkout (with NEXT_DIST_DIR for separate builds).
export const E2E_DIR = path.resolve(import.meta.dirname, "..", process.env.E2E_DIR ?? ".e2e");
export const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 8188);
export const DASHBOARD_PORT = Number(process.env.E2E_DASHBOARD_PORT ?? 3188);
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
export const DASHBOARD_URL = `http://localhost:${DASHBOARD_PORT}`;
export const SEED_USERS = 120;

export const PROJECT = {
  id: "6f4f1b9c-3a0e-4c55-9f2e-8d1e2b7a4c10",
  superSecretAdminKey: "sak_emulatordemosupersecretadminkeyabcdefghijklmn",
  secretServerKey: "ssk_emulatordemosecretserverkeyabcdefghijklmnopqr",
};

/** The dashboard's configured projects; the first is the default selection. */
export const E2E_PROJECTS = [
  { slug: "e2e", name: "E2E project" },
  { slug: "mirror", name: "E2E mirror" },
] as const;

export const NEXTAUTH_SECRET = "e2e-nextauth-secret-0123456789-abcdefghijklmnop";

export const OPERATORS = {
  admin: { email: "admin@example.com", password: "e2e-admin-password", role: "owner" },
  viewer: { email: "viewer@example.com", password: "e2e-viewer-password", role: "viewer" },
} as const;
export type OperatorName = keyof typeof OPERATORS;

export const storageStatePath = (who: OperatorName) => path.join(E2E_DIR, `${who}.storage.json`);
