import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getUserDetailData, listUserPage } from "@/lib/server/users";
import { createStackClient } from "@/lib/stack/client";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";

// Two real emulators: a current server, and one that lacks the [NEW] session and linked-account
// endpoints the way an older self-hosted Stack release does.
let current: TestEmulator;
let legacy: TestEmulator;
beforeAll(async () => {
  [current, legacy] = await Promise.all([
    startEmulatorProcess(),
    startEmulatorProcess({ missingRoutes: "GET /auth/sessions,DELETE /auth/sessions/*,* /oauth-providers*" }),
  ]);
});
afterAll(async () => {
  await Promise.all([current?.stop(), legacy?.stop()]);
});

const projectFor = (emu: TestEmulator, slug: string) => ({ slug, name: slug, projectId: TEST_PROJECT.projectId, apiUrl: emu.url, environment: null });
const clientFor = (emu: TestEmulator, slug: string) => createStackClient({ ...projectFor(emu, slug), adminKey: TEST_PROJECT.superSecretAdminKey });

async function seedUser(emu: TestEmulator) {
  const user = await emu.fetch("/users", { method: "POST", body: { primary_email: "pat@example.com", display_name: "Pat", server_metadata: { tier: 2 } } });
  await emu.fetch("/auth/sessions", { method: "POST", body: { user_id: user.body.id } });
  return user.body.id as string;
}

describe("user reads for the dashboard", () => {
  it("maps a current server's user, sessions and channels to DTOs", async () => {
    const project = projectFor(current, "current");
    const client = clientFor(current, "current");
    const id = await seedUser(current);
    const data = (await getUserDetailData(client, project, id))!;
    expect(data.features).toEqual({ sessions: true, linkedAccounts: true, restriction: true });
    expect(data.user).toMatchObject({ id, displayName: "Pat", primaryEmail: "pat@example.com", serverMetadata: '{\n  "tier": 2\n}' });
    expect(data.sessions).toHaveLength(1);
    expect(data.linkedAccounts).toEqual([]);
    expect(data.contactChannels).toEqual([expect.objectContaining({ value: "pat@example.com", isPrimary: true })]);
    const page = await listUserPage(client, { q: "pat@" });
    expect(page.items.map((u) => u.id)).toEqual([id]);
  });

  it("hides what an older server lacks instead of failing the page", async () => {
    const project = projectFor(legacy, "legacy");
    const client = clientFor(legacy, "legacy");
    const id = await seedUser(legacy);
    const data = (await getUserDetailData(client, project, id))!;
    expect(data.features).toMatchObject({ sessions: false, linkedAccounts: false });
    expect(data.sessions).toBeNull();
    expect(data.linkedAccounts).toBeNull();
    expect(data.user.id).toBe(id);
  });

  it("answers null for a user Stack does not have", async () => {
    const project = projectFor(current, "current");
    expect(await getUserDetailData(clientFor(current, "current"), project, "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70")).toBeNull();
  });
});
