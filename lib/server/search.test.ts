import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/src/server";
import { DEMO } from "@/emulator/test/helpers";
import { searchDirectory } from "@/lib/server/search";
import { createStackClient } from "@/lib/stack/client";

// A real emulator over HTTP: the lookup sends what Stack's GET /users and GET /teams accept.
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, dbPath: ":memory:", seedUsers: 0 });
});
afterAll(async () => {
  await emu.stop();
});

const headers = { "x-stack-project-id": DEMO.projectId, "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": DEMO.superSecretAdminKey, "content-type": "application/json" };
const post = async (url: string, path: string, body: unknown) => (await fetch(`${url}/api/v1${path}`, { method: "POST", headers, body: JSON.stringify(body) })).json();
const clientFor = (url: string) => createStackClient({ slug: "search", projectId: DEMO.projectId, apiUrl: url, adminKey: DEMO.superSecretAdminKey });

describe("searchDirectory", () => {
  it("finds users by e-mail fragment, name and id, labelled for display", async () => {
    const ada = await post(emu.url, "/users", { primary_email: "ada.search@example.com", display_name: "Ada Search" });
    const bare = await post(emu.url, "/users", { primary_email: "no-name.search@example.com" });
    const client = clientFor(emu.url);

    const byEmail = await searchDirectory(client, "ada.sea", { teams: false });
    expect(byEmail).toEqual({ users: [{ kind: "user", id: ada.id, label: "Ada Search", detail: "ada.search@example.com" }], teams: [] });
    expect((await searchDirectory(client, "ada sea", { teams: false })).users.map((u) => u.id)).toEqual([ada.id]);
    expect((await searchDirectory(client, bare.id, { teams: false })).users).toEqual([{ kind: "user", id: bare.id, label: "no-name.search@example.com", detail: null }]);
    expect((await searchDirectory(client, "nobody-matches-this", { teams: false })).users).toEqual([]);
  });

  it("finds teams by name and id only when asked", async () => {
    const team = await post(emu.url, "/teams", { display_name: "Searchable Team" });
    const client = clientFor(emu.url);
    expect((await searchDirectory(client, "searchable", { teams: false })).teams).toEqual([]);
    expect((await searchDirectory(client, "searchable", { teams: true })).teams).toEqual([{ kind: "team", id: team.id, label: "Searchable Team", detail: null }]);
    expect((await searchDirectory(client, team.id, { teams: true })).teams.map((t) => t.id)).toEqual([team.id]);
    expect((await searchDirectory(client, "00000000-0000-4000-8000-000000000000", { teams: true })).teams).toEqual([]);
  });
});
