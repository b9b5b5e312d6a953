import { StackServerApp } from "@stackframe/js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, startTestEmulator, type TestEmulator } from "./helpers";

// Contract test: the official server SDK (@stackframe/js 2.8.108), unchanged, against the emulator.

let emu: TestEmulator;
let app: StackServerApp<true, string>;
beforeAll(async () => {
  emu = await startTestEmulator();
  app = new StackServerApp({
    projectId: DEMO.projectId,
    baseUrl: emu.url,
    publishableClientKey: DEMO.publishableClientKey,
    secretServerKey: DEMO.secretServerKey,
    tokenStore: "memory",
  });
});
afterAll(() => emu.stop());

describe("official server SDK against the emulator", () => {
  it("createUser / getUser / user.update / user.delete", async () => {
    const user = await app.createUser({ primaryEmail: "sdk-user@example.com", password: "correct horse battery", displayName: "SDK User", primaryEmailAuthEnabled: true });
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.primaryEmail).toBe("sdk-user@example.com");
    expect(user.displayName).toBe("SDK User");
    expect(user.hasPassword).toBe(true);

    const fetched = await app.getUser(user.id);
    expect(fetched?.primaryEmail).toBe("sdk-user@example.com");

    await user.update({ displayName: "Renamed", serverMetadata: { plan: "pro" } });
    const updated = await app.getUser(user.id);
    expect(updated?.displayName).toBe("Renamed");
    expect(updated?.serverMetadata).toEqual({ plan: "pro" });

    await user.delete();
    expect(await app.getUser(user.id)).toBeNull();
  });

  it("listUsers pages with cursors without overlap", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await app.createUser({ primaryEmail: `page-${i}@example.com`, displayName: `Page ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = await app.listUsers({ limit: 2, cursor });
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((u) => u.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of created) expect(seen).toContain(id);
  });

  it("createTeam / team.addUser / team.listUsers / grantPermission / listPermissions", async () => {
    const user = await app.createUser({ primaryEmail: "member@example.com", displayName: "Member" });
    const team = await app.createTeam({ displayName: "SDK Team" });
    expect(team.displayName).toBe("SDK Team");
    await team.addUser(user.id);
    const members = await team.listUsers();
    expect(members.map((m) => m.id)).toContain(user.id);

    const before = await user.listPermissions(team, { recursive: false });
    expect(before.map((p) => p.id)).toContain("team_member");
    await user.grantPermission(team, "team_admin");
    const direct = await user.listPermissions(team, { recursive: false });
    expect(direct.map((p) => p.id)).toEqual(expect.arrayContaining(["team_admin", "team_member"]));
    const all = await user.listPermissions(team);
    expect(all.map((p) => p.id)).toContain("$manage_api_keys");
    expect(await user.hasPermission(team, "$delete_team")).toBe(true);
  });

  it("user.createSession returns working tokens", async () => {
    const user = await app.createUser({ primaryEmail: "session@example.com" });
    const session = await user.createSession({ expiresInMillis: 3_600_000 });
    const tokens = await session.getTokens();
    expect(typeof tokens.accessToken).toBe("string");
    expect(typeof tokens.refreshToken).toBe("string");
    const me = await emu.fetch("/users/me", { accessType: "server", headers: { "x-stack-access-token": tokens.accessToken! } });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
  });

  it("user.listContactChannels / createContactChannel", async () => {
    const user = await app.createUser({ primaryEmail: "cc@example.com" });
    const initial = await user.listContactChannels();
    expect(initial.map((c) => c.value)).toEqual(["cc@example.com"]);
    expect(initial[0]!.isPrimary).toBe(true);
    const added = await user.createContactChannel({ type: "email", value: "cc-second@example.com", usedForAuth: false });
    expect(added.value).toBe("cc-second@example.com");
    expect(added.isPrimary).toBe(false);
    const after = await user.listContactChannels();
    expect(after.map((c) => c.value).sort()).toEqual(["cc-second@example.com", "cc@example.com"]);
  });

  it("user API keys through the SDK once the project enables them", async () => {
    await emu.fetch("/internal/projects/current", { method: "PATCH", body: { config: { allow_user_api_keys: true } } });
    const user = await app.createUser({ primaryEmail: "keys@example.com" });
    const key = await user.createApiKey({ description: "sdk key", expiresAt: null });
    expect(key.value).toMatch(/^sk_/);
    const listed = await user.listApiKeys();
    expect(listed.map((k) => k.id)).toContain(key.id);
    const owner = await app.getUser({ apiKey: key.value });
    expect(owner?.id).toBe(user.id);
  });
});
