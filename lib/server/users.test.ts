import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/src/server";
import { DEMO } from "@/emulator/test/helpers";
import { getUserDetailData, getUserListFeatures, listUserPage } from "@/lib/server/users";
import { getCapabilities } from "@/lib/stack/capabilities";
import { createStackClient } from "@/lib/stack/client";
import { usersUrl } from "@/lib/url-state/users";

// Real emulators: the newest release, 2.8.86, and the February 2025 line (no session listing, no
// linked accounts, none of the optional list parameters).
let current: RunningEmulator;
let legacy: RunningEmulator;
let r2886: RunningEmulator;
beforeAll(async () => {
  current = await startEmulator({ port: 0, dbPath: ":memory:", seedUsers: 0, release: "latest", missingRoutes: [] });
  legacy = await startEmulator({ port: 0, dbPath: ":memory:", seedUsers: 0, release: "2025-02", missingRoutes: [] });
  r2886 = await startEmulator({ port: 0, dbPath: ":memory:", seedUsers: 0, release: "2.8.86", missingRoutes: [] });
});
afterAll(async () => {
  await current.stop();
  await legacy.stop();
  await r2886.stop();
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

describe("the users list on older releases", () => {
  it("2.8.86: a last-activity sort the server refuses is not sent; the list comes back sorted by sign-up", async () => {
    const client = createStackClient(projectFor(r2886, "r2886"));
    const first = await seedUser(r2886);
    const second = await seedUser(r2886);
    const page = await listUserPage(client, usersUrl.params({ sort: "last_active_at" }));
    expect(page.items.map((u) => u.id)).toEqual([second, first]);
    expect(await getUserListFeatures(client)).toEqual({ lastActiveSort: false, anonymousFilter: true });
  });

  it("2025-02: no include_* flags are sent, the anonymous filter is ignored", async () => {
    const client = createStackClient(projectFor(legacy, "legacy-list"));
    const page = await listUserPage(client, usersUrl.params({ filter: "anonymous", pageSize: 10 }));
    expect(page.items.length).toBeGreaterThan(0);
    expect(await getUserListFeatures(client)).toEqual({ lastActiveSort: false, anonymousFilter: false });
  });

  it("a SCHEMA_ERROR that shows the cached capabilities are wrong re-learns them and answers without the feature", async () => {
    // A server replaced by an older release at the same address: the cache still says "latest".
    const newer = await startEmulator({ port: 0, dbPath: ":memory:", seedUsers: 0, release: "latest", missingRoutes: [] });
    const port = Number(new URL(newer.url).port);
    const client = createStackClient(projectFor(newer, "swapped"));
    expect((await getCapabilities(client, "swapped")).userList.lastActiveSort).toBe(true);
    await newer.stop();
    // Let the HTTP pool notice its kept-alive sockets to the old server are gone.
    await new Promise((r) => setTimeout(r, 100));
    const older = await startEmulator({ port, dbPath: ":memory:", seedUsers: 0, release: "2.8.86", missingRoutes: [] });
    try {
      const id = await seedUser(older);
      const page = await listUserPage(client, usersUrl.params({ sort: "last_active_at" }));
      expect(page.items.map((u) => u.id)).toEqual([id]);
      expect((await getCapabilities(client, "swapped")).userList.lastActiveSort).toBe(false);
    } finally {
      await older.stop();
    }
  });
});
