import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseMissingRoutes } from "../src/config";
import { startEmulator } from "../src/server";
import { DEMO } from "./helpers";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-emulator-persist-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const admin = { "x-stack-project-id": DEMO.projectId, "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": DEMO.superSecretAdminKey };

/** Runs `npm run emulator`'s entry point until it prints its URL; returns the URL and a stop function. */
function startCli(env: Record<string, string>): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["emulator/src/main.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          output: () => out,
          stop: () => new Promise((r) => {
            child.once("exit", () => r());
            child.kill("SIGTERM");
          }),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
  });
}

describe("file-backed database", () => {
  it("survives a restart: seeded once, later writes kept, keys printed", async () => {
    const env = { STACK_EMULATOR_PORT: "0", STACK_EMULATOR_DB: path.join(tmp, "emu.db"), STACK_EMULATOR_SEED_USERS: "40" };
    const first = await startCli(env);
    expect(first.output()).toContain(`Project id:                ${DEMO.projectId}`);
    expect(first.output()).toContain(DEMO.superSecretAdminKey);
    expect(first.output()).toMatch(/Seeded 40 users/);
    const created = await (await fetch(`${first.url}/api/v1/users`, {
      method: "POST",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({ primary_email: "kept@example.com", display_name: "Kept" }),
    })).json();
    await first.stop();

    const second = await startCli(env);
    expect(second.output()).not.toMatch(/Seeded/);
    const res = await fetch(`${second.url}/api/v1/users/${created.id}`, { headers: admin });
    expect(res.status).toBe(200);
    expect((await res.json()).display_name).toBe("Kept");
    const list = await (await fetch(`${second.url}/api/v1/users?limit=1000&include_anonymous=true`, { headers: admin })).json();
    expect(list.items.length).toBe(41);
    await second.stop();
  });
});

describe("STACK_EMULATOR_MISSING_ROUTES (an older Stack release)", () => {
  it("answers listed routes with the plain-text 404 of an unknown route and leaves the rest alone", async () => {
    const emu = await startEmulator({ port: 0, dbPath: ":memory:", seedUsers: 0, missingRoutes: parseMissingRoutes("GET /auth/sessions, * /oauth-providers*") });
    try {
      const user = await (await fetch(`${emu.url}/api/v1/users`, { method: "POST", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify({ display_name: "Old" }) })).json();
      const missing = await fetch(`${emu.url}/api/v1/auth/sessions?user_id=${user.id}`, { headers: admin });
      expect(missing.status).toBe(404);
      expect(missing.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(missing.headers.get("x-stack-known-error")).toBeNull();
      expect((await fetch(`${emu.url}/api/v1/oauth-providers/${user.id}/x`, { method: "PATCH", headers: admin })).status).toBe(404);
      // Same path, other method: still served (old servers could create sessions).
      const created = await fetch(`${emu.url}/api/v1/auth/sessions`, { method: "POST", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify({ user_id: user.id }) });
      expect(created.status).toBe(200);
    } finally {
      await emu.stop();
    }
  });

  it("refuses a malformed entry with a clear message", () => {
    expect(() => parseMissingRoutes("sessions")).toThrow(/is not "METHOD \/path"/);
  });
});
