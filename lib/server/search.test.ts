import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchDirectory } from "@/lib/server/search";
import { createStackClient } from "@/lib/stack/client";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";

// A real emulator over HTTP: the lookup sends what Stack's GET /users and GET /teams accept.
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulatorProcess();
});
afterAll(async () => {
  await emu?.stop();
});

const post = async (path: string, body: unknown) => (await emu.fetch(path, { method: "POST", body })).body;
const clientFor = (url: string) => createStackClient({ slug: "search", projectId: TEST_PROJECT.projectId, apiUrl: url, adminKey: TEST_PROJECT.superSecretAdminKey });

describe("searchDirectory", () => {
  it("finds users by e-mail fragment, name and id, labelled for display", async () => {
    const ada = await post("/users", { primary_email: "ada.search@example.com", display_name: "Ada Search" });
    const bare = await post("/users", { primary_email: "no-name.search@example.com" });
    const client = clientFor(emu.url);

    const byEmail = await searchDirectory(client, "ada.sea", { teams: false });
    expect(byEmail).toEqual({ users: [{ kind: "user", id: ada.id, label: "Ada Search", detail: "ada.search@example.com" }], teams: [] });
    expect((await searchDirectory(client, "ada sea", { teams: false })).users.map((u) => u.id)).toEqual([ada.id]);
    expect((await searchDirectory(client, bare.id, { teams: false })).users).toEqual([{ kind: "user", id: bare.id, label: "no-name.search@example.com", detail: null }]);
    expect((await searchDirectory(client, "nobody-matches-this", { teams: false })).users).toEqual([]);
  });

  it("finds teams by name and id only when asked", async () => {
    const team = await post("/teams", { display_name: "Searchable Team" });
    const client = clientFor(emu.url);
    expect((await searchDirectory(client, "searchable", { teams: false })).teams).toEqual([]);
    expect((await searchDirectory(client, "searchable", { teams: true })).teams).toEqual([{ kind: "team", id: team.id, label: "Searchable Team", detail: null }]);
    expect((await searchDirectory(client, team.id, { teams: true })).teams.map((t) => t.id)).toEqual([team.id]);
    expect((await searchDirectory(client, "00000000-0000-4000-8000-000000000000", { teams: true })).teams).toEqual([]);
  });
});
