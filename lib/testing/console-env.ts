import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TEST_PROJECT } from "@/lib/testing/emulator";

// The environment the console's server modules read, for tests that run them in-process against
// an emulator: the emulator as the one default project, an operators file and (unless the test
// picks its own engine) a fresh SQLite console database, all in a temp directory of its own.

export type ConsoleEnv = {
  /** The temp directory: operators.json and console.db live here. */
  tmp: string;
  /** Closes the console database, puts the environment back, removes the directory. */
  dispose(): Promise<void>;
};

export async function useConsoleEnv(apiUrl: string, name: string, opts: { consoleDb?: "sqlite" | "caller" } = {}): Promise<ConsoleEnv> {
  const saved = { ...process.env };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `stack-admin-${name}-`));
  Object.assign(process.env, {
    STACK_API_URL: apiUrl,
    STACK_PROJECT_ID: TEST_PROJECT.projectId,
    STACK_SUPER_SECRET_ADMIN_KEY: TEST_PROJECT.superSecretAdminKey,
    NEXTAUTH_SECRET: "x".repeat(40),
    OPERATORS_FILE: path.join(tmp, "operators.json"),
  });
  delete process.env.STACK_PROJECTS_FILE;
  // "caller": the test chooses the engine itself (engineNames() / freshTarget in lib/testing/db.ts).
  if ((opts.consoleDb ?? "sqlite") === "sqlite") {
    process.env.STACK_ADMIN_DB = path.join(tmp, "console.db");
    delete process.env.DATABASE_URL;
  }
  const { resetEnvForTests } = await import("@/lib/env");
  resetEnvForTests();
  return {
    tmp,
    async dispose() {
      await (await import("@/lib/server/db")).closeDb();
      process.env = saved;
      resetEnvForTests();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
