// Console tests run the emulator as its own process and talk to it over HTTP only, like the
// dashboard does in production: no console code imports emulator/ (eslint.config.mjs enforces it).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** The project the test emulator serves. Passed to it as env vars, so nothing is shared as code. */
export const TEST_PROJECT = {
  projectId: "0c6ad0d5-6d0e-4f3b-9d2a-3f1e5a7b9c21",
  superSecretAdminKey: "sak_consoletestadminkey0123456789abcdefghijklmnopq",
} as const;

export type TestEmulator = {
  url: string;
  /** Admin request below /api/v1 with the test project's key; JSON in, `{ status, body }` out. */
  fetch: (apiPath: string, opts?: { method?: string; body?: unknown }) => Promise<{ status: number; body: any }>;
  stop: () => Promise<void>;
};

/**
 * Starts `emulator/src/main.ts` on a free port with an in-memory database and no seed.
 * `release` plays a Stack release (STACK_EMULATOR_RELEASE); `missingRoutes` adds routes it lacks.
 */
export async function startEmulatorProcess(opts: { missingRoutes?: string; release?: "latest" | "2.8.86" | "2025-02"; port?: number } = {}): Promise<TestEmulator> {
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["emulator/src/main.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      STACK_EMULATOR_PORT: String(opts.port ?? 0),
      STACK_EMULATOR_RELEASE: opts.release ?? "latest",
      STACK_EMULATOR_DB: ":memory:",
      STACK_EMULATOR_SEED_USERS: "0",
      STACK_EMULATOR_PROJECT_ID: TEST_PROJECT.projectId,
      STACK_EMULATOR_SUPER_SECRET_ADMIN_KEY: TEST_PROJECT.superSecretAdminKey,
      STACK_EMULATOR_MISSING_ROUTES: opts.missingRoutes ?? "",
    },
  });
  const url = await listeningUrl(child);
  const headers = {
    "x-stack-project-id": TEST_PROJECT.projectId,
    "x-stack-access-type": "admin",
    "x-stack-super-secret-admin-key": TEST_PROJECT.superSecretAdminKey,
  };
  return {
    url,
    fetch: async (apiPath, { method = "GET", body } = {}) => {
      const res = await fetch(`${url}/api/v1${apiPath}`, {
        method,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (res.headers.get("content-type") ?? "").includes("json") && text ? JSON.parse(text) : text };
    },
    stop: () => stop(child),
  };
}

/** The URL main.ts prints once it listens; fails with its output when it exits first. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(new Error(`the emulator did not start within 30 s:\n${output}`)), 30_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    child.once("exit", (code) => fail(new Error(`the emulator exited (code ${code}) before listening:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
