import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteTeam, getTeamDetail, listTeamMemberPage, listTeamPage, updateTeamProfile } from "@/lib/server/teams";
import { resetCapabilitiesCacheForTests } from "@/lib/stack/capabilities";
import { createStackClient } from "@/lib/stack/client";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";
import { recorder } from "@/lib/testing/recorder";
import { teamsUrl } from "@/lib/url-state/teams";
import { teamMembersUrl } from "@/lib/url-state/teams-members";

// Real emulators over HTTP: `latest` pages teams itself, 2.8.86 lists them all and the console pages.
const RELEASES = ["latest", "2.8.86"] as const;
const emus: Partial<Record<(typeof RELEASES)[number], TestEmulator>> = {};
beforeAll(async () => {
  resetCapabilitiesCacheForTests();
  const started = await Promise.all(RELEASES.map((release) => startEmulatorProcess({ release })));
  RELEASES.forEach((r, i) => (emus[r] = started[i]));
}, 60_000);
afterAll(async () => {
  await Promise.all(Object.values(emus).map((e) => e?.stop()));
});

const clientFor = (release: (typeof RELEASES)[number]) =>
  createStackClient({ slug: `teams-${release}`, projectId: TEST_PROJECT.projectId, apiUrl: emus[release]!.url, adminKey: TEST_PROJECT.superSecretAdminKey });
const post = async (release: (typeof RELEASES)[number], path: string, body: unknown) => (await emus[release]!.fetch(path, { method: "POST", body })).body;

describe.each(RELEASES)("listTeamPage on %s", (release) => {
  it("pages and searches newest first, with the same URL cursor convention", async () => {
    const tag = `pg${release.replace(/\W/g, "")}${Date.now().toString(36)}`;
    const created: { id: string; display_name: string }[] = [];
    // A few ms apart: "newest first" is then the creation order reversed (ties would sort by id).
    for (let i = 0; i < 12; i++) {
      created.push(await post(release, "/teams", { display_name: `Paging ${tag} ${i}` }));
      await new Promise((r) => setTimeout(r, 3));
    }
    await post(release, "/teams", { display_name: "Someone else" });
    const client = clientFor(release);
    const newestFirst = created.map((t) => t.id).reverse();

    // Search is case-insensitive; pages of 10 walk the twelve matches through the cursor in the URL.
    const first = await listTeamPage(client, teamsUrl.parse({ q: tag.toUpperCase(), pageSize: "10" }).params);
    expect(first.consolePaged === null).toBe(release === "latest");
    expect(first.items.map((t) => t.id)).toEqual(newestFirst.slice(0, 10));
    expect(first.nextCursor).not.toBeNull();
    const second = await listTeamPage(client, teamsUrl.parse({ q: tag, pageSize: "10", cursor: first.nextCursor! }).params);
    expect(second.items.map((t) => t.id)).toEqual(newestFirst.slice(10));
    expect(second.nextCursor).toBeNull();

    const none = await listTeamPage(client, teamsUrl.params({ q: `${tag}-nothing` }));
    expect(none).toMatchObject({ items: [], nextCursor: null });
  });
});

describe("team page reads and writes (latest)", () => {
  it("reads the team with its member count, pages members, renames and deletes only with the fresh name", async () => {
    const client = clientFor("latest");
    const users = [];
    for (let i = 0; i < 11; i++) users.push(await post("latest", "/users", { primary_email: `member${i}.${Date.now()}@example.com` }));
    const team = await post("latest", "/teams", { display_name: "Detail Team", creator_user_id: users[0].id, server_metadata: { plan: "pro" } });
    for (const u of users.slice(1)) await post("latest", `/team-memberships/${team.id}/${u.id}`, {});

    const detail = await getTeamDetail(client, team.id);
    expect(detail).toMatchObject({ id: team.id, displayName: "Detail Team", memberCount: 11, clientMetadata: "", serverMetadata: JSON.stringify({ plan: "pro" }, null, 2) });
    expect(await getTeamDetail(client, "00000000-0000-4000-8000-000000000000")).toBeNull();

    const p1 = await listTeamMemberPage(client, team.id, teamMembersUrl.parse({ pageSize: "10" }).params);
    expect(p1.items).toHaveLength(10);
    const p2 = await listTeamMemberPage(client, team.id, teamMembersUrl.parse({ pageSize: "10", cursor: p1.nextCursor! }).params);
    expect(p2).toMatchObject({ nextCursor: null });
    expect([...p1.items, ...p2.items].map((m) => m.id).sort()).toEqual(users.map((u) => u.id).sort());

    const rec = recorder();
    expect(await updateTeamProfile(client, { teamId: team.id, displayName: "Renamed Team", profileImageUrl: null }, rec)).toEqual({ changed: true });
    expect(rec.audits).toEqual([{ target: { type: "team", id: team.id, label: "Renamed Team" }, changes: { display_name: { before: "Detail Team", after: "Renamed Team" } } }]);
    expect(await updateTeamProfile(client, { teamId: team.id, displayName: "Renamed Team", profileImageUrl: null }, recorder())).toEqual({ changed: false });

    // The old name no longer confirms: the check runs against the team as read now, before the write.
    const wrong = recorder("Detail Team");
    await expect(deleteTeam(client, { teamId: team.id, confirmation: "Detail Team" }, wrong)).rejects.toThrow("CONFIRMATION_MISMATCH");
    expect((await emus.latest!.fetch(`/teams/${team.id}`)).status).toBe(200);

    const right = recorder("renamed team");
    expect(await deleteTeam(client, { teamId: team.id, confirmation: "renamed team" }, right)).toEqual({ deleted: team.id });
    expect((await emus.latest!.fetch(`/teams/${team.id}`)).status).toBe(404);
  });
});
