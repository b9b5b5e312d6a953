import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteUser, getUserDetailData, getUserListFeatures, listUserPage, updateUserProfile } from "@/lib/server/users";
import { getCapabilities } from "@/lib/stack/capabilities";
import { createStackClient } from "@/lib/stack/client";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";
import { recorder } from "@/lib/testing/recorder";
import { usersUrl } from "@/lib/url-state/users";

// Real emulators: the newest release, 2.8.86, and the February 2025 line (no session listing, no
// linked accounts, none of the optional list parameters).
let current: TestEmulator;
let legacy: TestEmulator;
let r2886: TestEmulator;
beforeAll(async () => {
  [current, legacy, r2886] = await Promise.all([
    startEmulatorProcess({ release: "latest" }),
    startEmulatorProcess({ release: "2025-02" }),
    startEmulatorProcess({ release: "2.8.86" }),
  ]);
});
afterAll(async () => {
  await Promise.all([current?.stop(), legacy?.stop(), r2886?.stop()]);
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
    const page = await listUserPage(client, usersUrl.params({ q: "pat@" }));
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

describe("the users list on older releases", () => {
  it("2.8.86: a last-activity sort the server refuses is not sent; the list comes back sorted by sign-up", async () => {
    const client = clientFor(r2886, "r2886");
    const first = await seedUser(r2886);
    const second = await seedUser(r2886);
    const page = await listUserPage(client, usersUrl.params({ sort: "last_active_at" }));
    expect(page.items.map((u) => u.id)).toEqual([second, first]);
    expect(await getUserListFeatures(client)).toEqual({ lastActiveSort: false, anonymousFilter: true, restrictedFilter: true, excludedDomains: false });
  });

  it("2025-02: no include_* flags are sent, the anonymous filter is ignored", async () => {
    const client = clientFor(legacy, "legacy-list");
    const page = await listUserPage(client, usersUrl.params({ filter: "anonymous", pageSize: 10 }));
    expect(page.items.length).toBeGreaterThan(0);
    expect(await getUserListFeatures(client)).toEqual({ lastActiveSort: false, anonymousFilter: false, restrictedFilter: false, excludedDomains: false });
  });

  it("a SCHEMA_ERROR that shows the cached capabilities are wrong re-learns them and answers without the feature", async () => {
    // A server replaced by an older release at the same address: the cache still says "latest".
    const newer = await startEmulatorProcess({ release: "latest" });
    const port = Number(new URL(newer.url).port);
    const client = clientFor(newer, "swapped");
    expect((await getCapabilities(client, "swapped")).userList.lastActiveSort).toBe(true);
    await newer.stop();
    // Let the HTTP pool notice its kept-alive sockets to the old server are gone.
    await new Promise((r) => setTimeout(r, 100));
    const older = await startEmulatorProcess({ release: "2.8.86", port });
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

// What a bulk job or an import does: call the server functions directly with its own recorder.
describe("user writes outside a server action", () => {

  it("deleteUser re-checks the confirmation against Stack's fresh user before deleting", async () => {
    const client = clientFor(current, "current");
    const created = await current.fetch("/users", { method: "POST", body: { primary_email: "bulk.target@example.com", display_name: "Bulk" } });
    const id = created.body.id as string;

    const wrong = recorder("someone.else@example.com");
    await expect(deleteUser(client, { userId: id, confirmation: "someone.else@example.com" }, wrong)).rejects.toThrow("CONFIRMATION_MISMATCH");
    expect((await current.fetch(`/users/${id}`)).status).toBe(200);

    const right = recorder("bulk.target@example.com");
    expect(await deleteUser(client, { userId: id, confirmation: "bulk.target@example.com" }, right)).toEqual({ deleted: id });
    expect((await current.fetch(`/users/${id}`)).status).toBe(404);
    expect(right.audits).toEqual([{ target: { type: "user", id, label: "Bulk" }, changes: { before: { primary_email: "bulk.target@example.com", display_name: "Bulk" } } }]);
  });

  it("updateUserProfile sends only what changed and records before/after", async () => {
    const client = clientFor(current, "current");
    const created = await current.fetch("/users", { method: "POST", body: { primary_email: "rename.me@example.com", display_name: "Old" } });
    const id = created.body.id as string;
    const input = { userId: id, displayName: "New", primaryEmail: "rename.me@example.com", primaryEmailVerified: false, profileImageUrl: null };
    const rec = recorder("");
    const entries = rec.audits;
    expect(await updateUserProfile(client, input, rec)).toEqual({ changed: true });
    expect((await current.fetch(`/users/${id}`)).body.display_name).toBe("New");
    expect(entries).toEqual([{ target: { type: "user", id, label: "New" }, changes: { display_name: { before: "Old", after: "New" } } }]);
    expect(await updateUserProfile(client, input, rec)).toEqual({ changed: false });
    expect(entries).toHaveLength(1);
  });
});
