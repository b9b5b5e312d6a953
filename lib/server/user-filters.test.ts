import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanPages } from "@/lib/server/user-scan";
import { listUserPage, toUserRow } from "@/lib/server/users";
import { createStackClient, type StackClient } from "@/lib/stack/client";
import { listUsers } from "@/lib/stack/users";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";
import { matchesConsoleFilter, usersUrl, type UserListParams } from "@/lib/url-state/users";
import type { UserRow } from "@/lib/users-dto";

// The users filter against real emulators: what Stack filters, what the console filters over the
// pages it reads, and that paging through a console-filtered list loses and repeats nothing.
let latest: TestEmulator;
let r2886: TestEmulator;
let feb: TestEmulator;
beforeAll(async () => {
  [latest, r2886, feb] = await Promise.all([startEmulatorProcess({ release: "latest" }), startEmulatorProcess({ release: "2.8.86" }), startEmulatorProcess({ release: "2025-02" })]);
});
afterAll(async () => {
  await Promise.all([latest?.stop(), r2886?.stop(), feb?.stop()]);
});

const clientFor = (emu: TestEmulator, slug: string) => createStackClient({ slug, projectId: TEST_PROJECT.projectId, apiUrl: emu.url, adminKey: TEST_PROJECT.superSecretAdminKey });

type Seeded = { id: string; email: string | null; verified: boolean; restricted: boolean; anonymous: boolean };

/** 36 users tagged `tag` (in e-mail or name): every third verified, every fifth restricted (where the release has it), two anonymous. */
async function seed(emu: TestEmulator, tag: string, opts: { restrictions: boolean }): Promise<Seeded[]> {
  const out: Seeded[] = [];
  for (let i = 0; i < 36; i++) {
    const email = `${tag}-${i}@${i % 2 ? "acme.test" : "other.test"}`;
    const verified = i % 3 === 0;
    const restricted = opts.restrictions && i % 5 === 0;
    const r = await emu.fetch("/users", {
      method: "POST",
      body: { primary_email: email, primary_email_verified: verified, display_name: tag, ...(restricted ? { restricted_by_admin: true } : {}) },
    });
    expect(r.status).toBe(201);
    out.push({ id: r.body.id, email, verified, restricted, anonymous: false });
  }
  if (opts.restrictions) {
    for (let i = 0; i < 2; i++) {
      const r = await emu.fetch("/users", { method: "POST", body: { is_anonymous: true, display_name: tag } });
      out.push({ id: r.body.id, email: null, verified: false, restricted: true, anonymous: true });
    }
  }
  return out;
}

/** Every row of the list, page after page as the table reads them (newest first). */
async function allPages(client: StackClient, params: UserListParams, limit: number = params.pageSize) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 50; n++) {
    const page = await listUserPage(client, { ...params, cursor }, limit);
    ids.push(...page.items.map((u) => u.id));
    sizes.push(page.items.length);
    if (!page.nextCursor) return { ids, sizes };
    cursor = page.nextCursor;
  }
  throw new Error("the list did not end");
}

const newestFirst = (users: Seeded[]) => [...users].reverse().map((u) => u.id);

describe("the users filter on the newest release", () => {
  let users: Seeded[];
  const tag = `flt${Date.now().toString(36)}`;
  beforeAll(async () => {
    users = await seed(latest, tag, { restrictions: true });
  });

  it("verified e-mail at one domain: filtered by the console, full pages, nothing lost or repeated", async () => {
    const client = clientFor(latest, "latest");
    const expected = newestFirst(users.filter((u) => u.verified && u.email?.endsWith("@acme.test") && !u.anonymous));
    const { ids, sizes } = await allPages(client, usersUrl.params({ q: tag, verified: "yes", domain: ["acme.test"] }), 4);
    expect(ids).toEqual(expected);
    expect(sizes).toEqual([4, 2]);
    // Unverified e-mails, 24 of them: every page but the last is full.
    const unverified = newestFirst(users.filter((u) => !u.verified && !u.anonymous));
    const pages = await allPages(client, usersUrl.params({ q: tag, verified: "no", pageSize: 10 }));
    expect(pages.ids).toEqual(unverified);
    expect(pages.sizes.slice(0, -1).every((s) => s === 10)).toBe(true);
  });

  it("restricted only, without restricted, anonymous only and everyone", async () => {
    const client = clientFor(latest, "latest");
    const signedUp = users.filter((u) => !u.anonymous);
    expect((await allPages(client, usersUrl.params({ q: tag, restricted: "only" }))).ids).toEqual(newestFirst(signedUp.filter((u) => u.restricted)));
    expect((await allPages(client, usersUrl.params({ q: tag, restricted: "exclude" }))).ids).toEqual(newestFirst(signedUp.filter((u) => !u.restricted)));
    expect((await allPages(client, usersUrl.params({ q: tag, filter: "anonymous" }))).ids).toEqual(newestFirst(users.filter((u) => u.anonymous)));
    expect((await allPages(client, usersUrl.params({ q: tag, filter: "everyone", pageSize: 10 }))).ids).toEqual(newestFirst(users));
    const everyoneUnrestricted = await allPages(client, usersUrl.params({ q: tag, filter: "everyone", restricted: "exclude", pageSize: 10 }));
    expect(everyoneUnrestricted.ids).toEqual(newestFirst(users.filter((u) => u.anonymous || !u.restricted)));
  });

  it("excluded domains are Stack's; the team is Stack's", async () => {
    const client = clientFor(latest, "latest");
    const { ids } = await allPages(client, usersUrl.params({ q: tag, xdomain: ["other.test"] }));
    expect(ids).toEqual(newestFirst(users.filter((u) => !u.anonymous && u.email?.endsWith("@acme.test"))));
    const team = await latest.fetch("/teams", { method: "POST", body: { display_name: `${tag} team` } });
    const members = [users[3]!, users[7]!];
    for (const m of members) await latest.fetch(`/team-memberships/${team.body.id}/${m.id}`, { method: "POST", body: {} });
    const page = await listUserPage(client, usersUrl.params({ team: team.body.id }));
    expect(page.items.map((u) => u.id).sort()).toEqual(members.map((m) => m.id).sort());
  });

  it("a sparse filter stops after a bounded number of reads and its cursor continues the scan", async () => {
    const client = clientFor(latest, "latest");
    const read = async (cursor: string | undefined) => {
      const page = await listUsers(client, { cursor, limit: 3, query: tag, includeRestricted: true, desc: true });
      return { ...page, items: page.items.map(toUserRow) };
    };
    const filter = { verified: "yes" as const, domains: ["acme.test"] };
    const keep = (u: UserRow) => matchesConsoleFilter(u, filter);
    const collected: string[] = [];
    let cursor: string | undefined;
    let partials = 0;
    for (let n = 0; n < 40; n++) {
      const r = await scanPages(read, keep, cursor, 4, 2);
      if (r.partial) partials++;
      expect(r.scanned).toBeLessThanOrEqual(6);
      collected.push(...r.items.map((u) => u.id));
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    expect(partials).toBeGreaterThan(0);
    expect(collected).toEqual(newestFirst(users.filter((u) => !u.anonymous && u.verified && u.email?.endsWith("@acme.test"))));
  });
});

describe("the users filter on older releases", () => {
  it("2.8.86 has no excluded_email_domains: the console leaves those domains out instead", async () => {
    const tag = `old${Date.now().toString(36)}`;
    const users = await seed(r2886, tag, { restrictions: true });
    const client = clientFor(r2886, "r2886");
    const { ids } = await allPages(client, usersUrl.params({ q: tag, xdomain: ["other.test"], pageSize: 10 }));
    expect(ids).toEqual(newestFirst(users.filter((u) => !u.anonymous && u.email?.endsWith("@acme.test"))));
  });

  it("2025-02: verified and domains still work; the anonymous and restricted filters are dropped, never an error", async () => {
    const tag = `feb${Date.now().toString(36)}`;
    const users = await seed(feb, tag, { restrictions: false });
    const client = clientFor(feb, "feb");
    const { ids } = await allPages(client, usersUrl.params({ q: tag, verified: "yes", filter: "anonymous", restricted: "only", pageSize: 10 }));
    expect(ids).toEqual(newestFirst(users.filter((u) => u.verified)));
  });
});
