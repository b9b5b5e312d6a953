import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMissingRoutes } from "@/emulator/src/config";
import { startEmulator, type RunningEmulator } from "@/emulator/src/server";
import { DEMO } from "@/emulator/test/helpers";
import { getUserDetailData, listUserPage } from "@/lib/server/users";
import { createStackClient } from "@/lib/stack/client";
import { usersUrl } from "@/lib/url-state/users";

// Two real emulators: a current server, and one that lacks the [NEW] session and linked-account
// endpoints the way an older self-hosted Stack release does.
let current: RunningEmulator;
let legacy: RunningEmulator;
beforeAll(async () => {
  current = await startEmulator({ port: 0, dbPath: ":memory:", seedUsers: 0 });
  legacy = await startEmulator({ port: 0, dbPath: ":memory:", seedUsers: 0, missingRoutes: parseMissingRoutes("GET /auth/sessions,DELETE /auth/sessions/*,* /oauth-providers*") });
});
afterAll(async () => {
  await current.stop();
  await legacy.stop();
});

const projectFor = (emu: RunningEmulator, slug: string) => ({ slug, name: slug, projectId: DEMO.projectId, apiUrl: emu.url, adminKey: DEMO.superSecretAdminKey });

async function seedUser(emu: RunningEmulator) {
  const headers = { "x-stack-project-id": DEMO.projectId, "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": DEMO.superSecretAdminKey, "content-type": "application/json" };
  const user = await (await fetch(`${emu.url}/api/v1/users`, { method: "POST", headers, body: JSON.stringify({ primary_email: "pat@example.com", display_name: "Pat", server_metadata: { tier: 2 } }) })).json();
  await fetch(`${emu.url}/api/v1/auth/sessions`, { method: "POST", headers, body: JSON.stringify({ user_id: user.id }) });
  return user.id as string;
}

describe("user reads for the dashboard", () => {
  it("maps a current server's user, sessions and channels to DTOs", async () => {
    const project = projectFor(current, "current");
    const client = createStackClient(project);
    const id = await seedUser(current);
    const data = await getUserDetailData(client, project, id);
    expect(data.features).toEqual({ sessions: true, linkedAccounts: true, restriction: true });
    expect(data.user).toMatchObject({ id, displayName: "Pat", primaryEmail: "pat@example.com", serverMetadata: '{\n  "tier": 2\n}' });
    expect(data.sessions).toHaveLength(1);
    expect(data.linkedAccounts).toEqual([]);
    expect(data.contactChannels).toEqual([expect.objectContaining({ value: "pat@example.com", isPrimary: true })]);
    const page = await listUserPage(client, usersUrl.params({ q: "pat@" }));
    expect(page.items.map((u) => u.id)).toEqual([id]);
  });

  it("hides what an older server lacks instead of failing the page", async () => {
    const project = projectFor(legacy, "legacy");
    const client = createStackClient(project);
    const id = await seedUser(legacy);
    const data = await getUserDetailData(client, project, id);
    expect(data.features).toMatchObject({ sessions: false, linkedAccounts: false });
    expect(data.sessions).toBeNull();
    expect(data.linkedAccounts).toBeNull();
    expect(data.user.id).toBe(id);
  });
});
