import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CONSOLE_KEY_CONFIRMATION } from "@/lib/api-keys-dto";
import { useConsoleEnv, type ConsoleEnv } from "@/lib/testing/console-env";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";
import { recorder } from "@/lib/testing/recorder";

// The key functions against real emulators over HTTP, with the console configured (env) for the
// `latest` one, so the console-key check sees the key the console really sends.
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

let emu: TestEmulator;
let old: TestEmulator;
let env: ConsoleEnv;
const read = { action: "test", operator: { email: "admin@example.com", role: "admin" }, project: { slug: "default", projectId: TEST_PROJECT.projectId } };

beforeAll(async () => {
  [emu, old] = await Promise.all([startEmulatorProcess(), startEmulatorProcess({ release: "2025-02" })]);
  env = await useConsoleEnv(emu.url, "keys");
}, 60_000);
afterAll(async () => {
  await Promise.all([emu?.stop(), old?.stop()]);
  await env?.dispose();
});

const server = () => import("@/lib/server/api-keys");
const consoleClient = async () => (await import("@/lib/stack/get-client")).getStackClient("default");
const asServer = (e: TestEmulator, key: string) => ({ "x-stack-project-id": TEST_PROJECT.projectId, "x-stack-access-type": "server", "x-stack-secret-server-key": key });

async function setAllowed(e: TestEmulator, on: boolean) {
  const r = await e.fetch("/internal/projects/current", { method: "PATCH", body: { config: { allow_user_api_keys: on, allow_team_api_keys: on } } });
  expect(r.status).toBe(200);
}

describe("user and team keys", () => {
  it("show a note while the project has them off, and an older release has none", async () => {
    const { listOwnedApiKeys } = await server();
    const user = (await emu.fetch("/users", { method: "POST", body: { display_name: "Off" } })).body;
    await setAllowed(emu, false);
    expect(await listOwnedApiKeys(await consoleClient(), { type: "user", id: user.id }, read)).toEqual({ status: "disabled", message: "User API keys are not enabled for this project." });
    const { createStackClient } = await import("@/lib/stack/client");
    const oldClient = createStackClient({ slug: "old", projectId: TEST_PROJECT.projectId, apiUrl: old.url, adminKey: TEST_PROJECT.superSecretAdminKey });
    expect(await listOwnedApiKeys(oldClient, { type: "team", id: user.id }, read)).toEqual({ status: "unsupported" });
  });

  it("create answers the secret once and audits no secret; the list is masked; revoke checks the description and stops the key", async () => {
    const { createUserApiKey, createTeamApiKey, listOwnedApiKeys, revokeUserApiKey, revokeTeamApiKey } = await server();
    await setAllowed(emu, true);
    const client = await consoleClient();
    const user = (await emu.fetch("/users", { method: "POST", body: { display_name: "Keys" } })).body;
    const team = (await emu.fetch("/teams", { method: "POST", body: { display_name: "Keys team" } })).body;

    const rec = recorder();
    const before = Date.now();
    const made = await createUserApiKey(client, { userId: user.id, description: "CI", expiry: "7d" }, rec);
    expect(made.secrets).toEqual([{ kind: "secret", value: expect.stringMatching(/^sk_/) }]);
    expect(made.expiresAt! - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    const secret = made.secrets[0]!.value;
    expect(JSON.stringify(rec.audits)).not.toContain(secret);
    expect(rec.audits[0]!.target).toEqual({ type: "user-api-key", id: made.id, label: "CI" });

    const view = await listOwnedApiKeys(client, { type: "user", id: user.id }, read);
    expect(view).toMatchObject({ status: "ok", keys: [{ id: made.id, description: "CI", revokedAt: null, secrets: [{ kind: "secret", lastFour: secret.slice(-4) }] }] });
    expect(JSON.stringify(view)).not.toContain(secret);

    const check = () => emu.fetch("/user-api-keys/check", { method: "POST", body: { api_key: secret } });
    expect((await check()).status).toBe(200);
    await expect(revokeUserApiKey(client, { userId: user.id, apiKeyId: made.id, confirmation: "C" }, recorder("C"))).rejects.toThrow("CONFIRMATION_MISMATCH");
    expect((await check()).status, "a wrong confirmation writes nothing").toBe(200);
    await revokeUserApiKey(client, { userId: user.id, apiKeyId: made.id, confirmation: "ci" }, recorder("ci"));
    expect((await check()).body.code).toBe("API_KEY_REVOKED");

    const teamKey = await createTeamApiKey(client, { teamId: team.id, description: "Team CI", expiry: "never" }, recorder());
    expect(teamKey.expiresAt).toBeNull();
    await revokeTeamApiKey(client, { teamId: team.id, apiKeyId: teamKey.id, confirmation: "Team CI" }, recorder("Team CI"));
    const teamView = await listOwnedApiKeys(client, { type: "team", id: team.id }, read);
    expect(teamView).toMatchObject({ status: "ok", keys: [{ id: teamKey.id, expiresAt: null, revokedAt: expect.any(Number) }] });
    expect((await emu.fetch("/team-api-keys/check", { method: "POST", body: { api_key: teamKey.secrets[0]!.value } })).body.code).toBe("API_KEY_REVOKED");
  });
});

describe("project key sets", () => {
  it("flag only the set holding the console's key; another client's view flags none", async () => {
    const { listProjectApiKeys } = await server();
    const view = await listProjectApiKeys(await consoleClient(), read);
    if (view.status !== "ok") throw new Error(view.status);
    const flagged = view.keys.filter((k) => k.isConsoleKey);
    expect(flagged.map((k) => k.secrets.find((s) => s.kind === "super_secret_admin_key")?.lastFour)).toEqual([TEST_PROJECT.superSecretAdminKey.slice(-4)]);
    expect(JSON.stringify(view)).not.toContain(TEST_PROJECT.superSecretAdminKey);
    const { createStackClient } = await import("@/lib/stack/client");
    const stranger = createStackClient({ slug: "not-configured", projectId: TEST_PROJECT.projectId, apiUrl: emu.url, adminKey: TEST_PROJECT.superSecretAdminKey });
    const other = await listProjectApiKeys(stranger, read);
    expect(other.status === "ok" && other.keys.some((k) => k.isConsoleKey)).toBe(false);
  });

  it("create all three kinds; revoke by description refuses the console's set, which needs the consequence", async () => {
    const { createProjectApiKey, listProjectApiKeys, revokeConsoleApiKey, revokeProjectApiKey } = await server();
    const client = await consoleClient();
    const rec = recorder();
    const made = await createProjectApiKey(client, { description: "Deploys", expiry: "never", publishableClientKey: true, secretServerKey: true, superSecretAdminKey: true }, rec);
    expect(made.secrets.map((s) => s.kind)).toEqual(["publishable_client_key", "secret_server_key", "super_secret_admin_key"]);
    expect(made.expiresAt).toBe(Date.UTC(2100, 0, 1));
    for (const s of made.secrets) expect(JSON.stringify(rec.audits)).not.toContain(s.value);
    const ssk = made.secrets.find((s) => s.kind === "secret_server_key")!.value;
    const ping = async () => (await fetch(`${emu.url}/api/v1/projects/current`, { headers: asServer(emu, ssk) })).status;
    expect(await ping()).toBe(200);

    await expect(revokeConsoleApiKey(client, { apiKeyId: made.id, confirmation: CONSOLE_KEY_CONFIRMATION }, recorder(CONSOLE_KEY_CONFIRMATION))).rejects.toMatchObject({ code: "NOT_CONSOLE_KEY" });
    await expect(revokeProjectApiKey(client, { apiKeyId: made.id, confirmation: "Deploy" }, recorder("Deploy"))).rejects.toThrow("CONFIRMATION_MISMATCH");
    expect(await ping()).toBe(200);
    await revokeProjectApiKey(client, { apiKeyId: made.id, confirmation: "Deploys" }, recorder("Deploys"));
    expect(await ping()).toBe(401);

    const view = await listProjectApiKeys(client, read);
    const mine = view.status === "ok" ? view.keys.find((k) => k.isConsoleKey)! : null;
    await expect(revokeProjectApiKey(client, { apiKeyId: mine!.id, confirmation: mine!.description }, recorder(mine!.description))).rejects.toMatchObject({ code: "CONSOLE_KEY" });
    await expect(revokeConsoleApiKey(client, { apiKeyId: mine!.id, confirmation: mine!.description }, recorder(mine!.description))).rejects.toThrow("CONFIRMATION_MISMATCH");
    expect((await emu.fetch("/internal/api-keys")).status, "the console's key still works").toBe(200);
  });
});
