import path from "node:path";
import { compileRoute } from "./releases/pipeline";
import { parseReleaseName, type ReleaseName } from "./releases/profiles";

// Defaults are deliberately fixed so tests, CI and users' pipelines can point at the
// emulator without reading its logs. Keys follow Stack's format: prefix + 45 base32 chars.
export const EMULATOR_DEFAULTS = {
  port: 8102,
  dbPath: "data/emulator.db",
  projectId: "6f4f1b9c-3a0e-4c55-9f2e-8d1e2b7a4c10",
  publishableClientKey: "pck_emulatordemopublishableclientkeyabcdefghijklm",
  secretServerKey: "ssk_emulatordemosecretserverkeyabcdefghijklmnopqr",
  superSecretAdminKey: "sak_emulatordemosupersecretadminkeyabcdefghijklmn",
} as const;

export type EmulatorConfig = {
  port: number;
  host: string;
  dbPath: string;
  projectId: string;
  publishableClientKey: string;
  secretServerKey: string;
  superSecretAdminKey: string;
  /** Secret used to sign emulator-issued JWTs (access tokens). */
  jwtSecret: string;
  seedUsers: number;
  /** The Stack release to serve (STACK_EMULATOR_RELEASE, default latest): see releases/profiles.ts. */
  release: ReleaseName;
  /**
   * More routes to answer with the release's plain-text 404, on top of its profile
   * (STACK_EMULATOR_MISSING_ROUTES="GET /auth/sessions,* /oauth-providers*").
   */
  missingRoutes: { method: string; path: RegExp }[];
};

export function parseMissingRoutes(value: string | undefined): EmulatorConfig["missingRoutes"] {
  if (!value) return [];
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      try {
        return compileRoute(entry);
      } catch (err) {
        throw new Error(`STACK_EMULATOR_MISSING_ROUTES: ${(err as Error).message}`);
      }
    });
}

export function readEmulatorConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  const e = (name: string) => (env[name] && env[name]!.trim() !== "" ? env[name]!.trim() : undefined);
  const port = Number(e("STACK_EMULATOR_PORT") ?? EMULATOR_DEFAULTS.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`STACK_EMULATOR_PORT must be a port number, got ${JSON.stringify(env.STACK_EMULATOR_PORT)}`);
  }
  const dbPath = e("STACK_EMULATOR_DB") ?? EMULATOR_DEFAULTS.dbPath;
  return {
    port,
    host: e("STACK_EMULATOR_HOST") ?? "127.0.0.1",
    dbPath: dbPath === ":memory:" ? dbPath : path.resolve(dbPath),
    projectId: e("STACK_EMULATOR_PROJECT_ID") ?? EMULATOR_DEFAULTS.projectId,
    publishableClientKey: e("STACK_EMULATOR_PUBLISHABLE_CLIENT_KEY") ?? EMULATOR_DEFAULTS.publishableClientKey,
    secretServerKey: e("STACK_EMULATOR_SECRET_SERVER_KEY") ?? EMULATOR_DEFAULTS.secretServerKey,
    superSecretAdminKey: e("STACK_EMULATOR_SUPER_SECRET_ADMIN_KEY") ?? EMULATOR_DEFAULTS.superSecretAdminKey,
    jwtSecret: e("STACK_EMULATOR_JWT_SECRET") ?? "stack-emulator-jwt-secret-not-for-production",
    seedUsers: Number(e("STACK_EMULATOR_SEED_USERS") ?? 300),
    release: parseReleaseName(e("STACK_EMULATOR_RELEASE")),
    missingRoutes: parseMissingRoutes(e("STACK_EMULATOR_MISSING_ROUTES")),
  };
}
