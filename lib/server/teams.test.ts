import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultInvitationCallback, listTeamInvitationRows, revokeTeamInvitation, sendTeamInvitation } from "@/lib/server/team-invitations";
import {
  addTeamMember,
  countTeamMembers,
  createTeam,
  deleteTeam,
  getTeamDetail,
  listTeamMemberPage,
  listTeamPage,
  listUserTeams,
  removeTeamMember,
  updateTeamMemberProfile,
  updateTeamMetadata,
  updateTeamProfile,
} from "@/lib/server/teams";
import { isKnownError } from "@/lib/stack/errors";
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
  it("reads the team and its member count, pages members, renames and deletes only with the fresh name", async () => {
    const client = clientFor("latest");
    const users = [];
    for (let i = 0; i < 11; i++) users.push(await post("latest", "/users", { primary_email: `member${i}.${Date.now()}@example.com` }));
    const team = await post("latest", "/teams", { display_name: "Detail Team", creator_user_id: users[0].id, server_metadata: { plan: "pro" } });
    for (const u of users.slice(1)) await post("latest", `/team-memberships/${team.id}/${u.id}`, {});

    const detail = await getTeamDetail(client, team.id);
    expect(detail).toMatchObject({ id: team.id, displayName: "Detail Team", clientMetadata: "", serverMetadata: JSON.stringify({ plan: "pro" }, null, 2) });
    expect(await countTeamMembers(client, team.id)).toBe(11);
    // A first page that is the whole team is its count; one with a next page is not trusted.
    expect(await countTeamMembers(client, team.id, { rows: 11, nextCursor: null })).toBe(11);
    expect(await countTeamMembers(client, team.id, { rows: 10, nextCursor: users[10].id })).toBe(11);
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

describe.each(RELEASES)("memberships, member profiles and invitations on %s", (release) => {
  it("creates a team with its first member, adds, searches, edits the team profile, removes, and lists the user's teams", async () => {
    const client = clientFor(release);
    const tag = `m${release.replace(/\W/g, "")}${Date.now().toString(36)}`;
    const [ada, bob] = [await post(release, "/users", { primary_email: `ada.${tag}@example.com`, display_name: `Ada ${tag}` }), await post(release, "/users", { primary_email: `bob.${tag}@example.com` })];

    const rec = recorder();
    const { id } = await createTeam(client, { displayName: `Made ${tag}`, profileImageUrl: null, creatorUserId: ada.id, clientMetadata: { a: 1 }, clientReadOnlyMetadata: null, serverMetadata: null }, rec);
    expect(rec.audits[0]!.target).toEqual({ type: "team", id, label: `Made ${tag}` });
    expect((await getTeamDetail(client, id))?.clientMetadata).toBe(JSON.stringify({ a: 1 }, null, 2));

    await addTeamMember(client, { teamId: id, userId: bob.id }, recorder());
    // Stack's refusal comes back typed, so the UI can show its code.
    const again = await addTeamMember(client, { teamId: id, userId: bob.id }, recorder()).catch((e: unknown) => e);
    expect(isKnownError(again, "TEAM_MEMBERSHIP_ALREADY_EXISTS")).toBe(true);

    const page = await listTeamMemberPage(client, id, teamMembersUrl.parse({ pageSize: "10" }).params);
    expect(page.items.map((m) => m.id).sort()).toEqual([ada.id, bob.id].sort());
    // The creator holds the team-creator defaults, a member the member defaults: both read per member.
    const adaRow = page.items.find((m) => m.id === ada.id)!;
    expect(adaRow.profile).toEqual({ displayName: `Ada ${tag}`, profileImageUrl: null });
    expect(adaRow.permissionIds).toContain("team_admin");
    expect(page.items.find((m) => m.id === bob.id)!.permissionIds).toEqual(["team_member"]);

    const searched = await listTeamMemberPage(client, id, teamMembersUrl.parse({ q: `bob.${tag}` }).params);
    expect(searched.items.map((m) => m.id)).toEqual([bob.id]);

    const profileRec = recorder();
    expect(await updateTeamMemberProfile(client, { teamId: id, userId: bob.id, displayName: "Bobby in the team", profileImageUrl: null }, profileRec)).toEqual({ changed: true });
    expect(profileRec.audits[0]!.changes).toEqual({ "team_profile.display_name": { before: null, after: "Bobby in the team" } });
    const edited = await listTeamMemberPage(client, id, teamMembersUrl.parse({ q: `bob.${tag}` }).params);
    expect(edited.items[0]!.profile?.displayName).toBe("Bobby in the team");

    const metaRec = recorder();
    await updateTeamMetadata(client, { teamId: id, field: "server_metadata", json: { tier: "gold" } }, metaRec);
    expect(metaRec.audits[0]!.changes).toEqual({ server_metadata: { before: null, after: { tier: "gold" } } });

    expect((await listUserTeams(client, bob.id)).map((t) => t.id)).toEqual([id]);
    await removeTeamMember(client, { teamId: id, userId: bob.id }, recorder());
    expect(await listUserTeams(client, bob.id)).toEqual([]);
    const gone = await removeTeamMember(client, { teamId: id, userId: bob.id }, recorder()).catch((e: unknown) => e);
    expect(isKnownError(gone, "TEAM_MEMBERSHIP_NOT_FOUND")).toBe(true);
    expect(await countTeamMembers(client, id)).toBe(1);
  });

  it("invites with a trusted callback, refuses an untrusted one with Stack's code, and revokes", async () => {
    const client = clientFor(release);
    const team = await post(release, "/teams", { display_name: `Invites ${Date.now()}` });
    await sendTeamInvitation(client, { teamId: team.id, email: "new.person@example.com", callbackUrl: "http://localhost:3000/handler/team-invitation" }, recorder());
    const rows = await listTeamInvitationRows(client, team.id);
    expect(rows).toEqual([{ id: expect.any(String), email: "new.person@example.com", expiresAt: expect.any(Number) }]);
    expect(rows[0]!.expiresAt).toBeGreaterThan(Date.now());

    const refused = await sendTeamInvitation(client, { teamId: team.id, email: "x@example.com", callbackUrl: "https://evil.example.org/cb" }, recorder()).catch((e: unknown) => e);
    expect(isKnownError(refused, "REDIRECT_URL_NOT_WHITELISTED")).toBe(true);
    expect(await listTeamInvitationRows(client, team.id)).toHaveLength(1);

    const rec = recorder();
    await revokeTeamInvitation(client, { teamId: team.id, invitationId: rows[0]!.id }, rec);
    expect(rec.audits[0]!.changes).toEqual({ invitation: { revoked: "new.person@example.com" } });
    expect(await listTeamInvitationRows(client, team.id)).toEqual([]);
  });
});

describe("defaultInvitationCallback", () => {
  it("is the first usable trusted domain's handler with the SDK's team-invitation page", () => {
    expect(defaultInvitationCallback([])).toBe("");
    expect(defaultInvitationCallback([{ domain: "https://app.example.com", handler_path: "/handler" }])).toBe("https://app.example.com/handler/team-invitation");
    expect(defaultInvitationCallback([{ domain: "https://app.example.com/ignored", handler_path: "auth/" }])).toBe("https://app.example.com/auth/team-invitation");
    expect(defaultInvitationCallback([{ domain: "https://x.example.com:8443", handler_path: "/" }])).toBe("https://x.example.com:8443/team-invitation");
    expect(defaultInvitationCallback([{ domain: "not a url", handler_path: "/handler" }, { domain: "https://b.example.com", handler_path: "/handler" }])).toBe("https://b.example.com/handler/team-invitation");
  });
});
