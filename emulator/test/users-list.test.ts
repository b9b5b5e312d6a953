import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";

// GET /users on a project of its own: paging, order, filters, search and limits.

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

describe("GET /users (list)", () => {
  const project = crypto.randomUUID();
  let ids: string[] = [];
  // A dedicated project so other tests' users don't interfere; keys are inserted directly.
  const sak = "sak_listtestlisttestlisttestlisttestlisttestlistt";
  const list = (qs: string) =>
    emu.fetch(`/users${qs}`, { accessType: null, headers: { "x-stack-project-id": project, "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": sak } });

  beforeAll(() => {
    emu.db.prepare("INSERT INTO projects (id, display_name, created_at_millis, config_json) VALUES (?, 'list', 0, ?)").run(project, JSON.stringify({ onboarding: { requireEmailVerification: false } }));
    emu.db
      .prepare("INSERT INTO api_key_sets (id, project_id, description, created_at_millis, expires_at_millis, super_secret_admin_key) VALUES (?, ?, 'x', 0, ?, ?)")
      .run(crypto.randomUUID(), project, Date.now() + 1e10, sak);
    // 37 users, many sharing signed_up/last_active times to exercise the id tie-breaker.
    const ins = emu.db.prepare(
      "INSERT INTO users (id, project_id, display_name, signed_up_at_millis, last_active_at_millis, is_anonymous, restricted_by_admin, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const ch = emu.db.prepare("INSERT INTO contact_channels (id, project_id, user_id, value, value_lower, is_primary, is_verified, created_at_millis) VALUES (?, ?, ?, ?, ?, 1, ?, 0)");
    ids = [];
    for (let i = 0; i < 37; i++) {
      const id = crypto.randomUUID();
      ids.push(id);
      const anon = i % 10 === 9 ? 1 : 0;
      const restricted = i % 10 === 8 ? 1 : 0;
      const name = i === 5 ? "Zoë Ünicode" : `Person ${i}`;
      const email = `person${i}@${i % 2 ? "odd.example" : "even.example"}`;
      ins.run(id, project, name, 1000 + Math.floor(i / 3), 5000 - Math.floor(i / 4), anon, restricted, `${name}\n${email}`.toLowerCase());
      ch.run(crypto.randomUUID(), project, id, email, email, i % 3 === 0 ? 1 : 0);
    }
  });

  async function walk(qs: string, limit: number) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`?limit=${limit}${qs}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status, res.text).toBe(200);
      expect(res.body.is_paginated).toBe(true);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      cursor = res.body.pagination.next_cursor;
      if (cursor) expect(cursor).toBe(res.body.items[res.body.items.length - 1].id); // new-server convention
      seen.push(...res.body.items.map((u: any) => u.id));
      pages++;
    } while (cursor && pages < 100);
    return seen;
  }

  it("walks every page exactly once in both directions and both orders", async () => {
    const all = await list("?include_anonymous=true");
    const expectedIds = all.body.items.map((u: any) => u.id);
    expect(expectedIds).toHaveLength(37);
    expect(all.body.pagination).toEqual({ next_cursor: null });
    for (const order of ["signed_up_at", "last_active_at"]) {
      for (const desc of [false, true]) {
        const qs = `&include_anonymous=true&order_by=${order}&desc=${desc}`;
        const full = (await list(`?${qs.slice(1)}`)).body.items as any[];
        const key = order === "signed_up_at" ? "signed_up_at_millis" : "last_active_at_millis";
        // sorted by the key, then by id, both in the requested direction
        const sorted = [...full].sort((a, b) => (a[key] - b[key] || (a.id < b.id ? -1 : 1)) * (desc ? -1 : 1));
        expect(full.map((u) => u.id)).toEqual(sorted.map((u) => u.id));
        for (const limit of [1, 4, 7]) {
          const seen = await walk(qs, limit);
          expect(seen).toEqual(sorted.map((u) => u.id));
          expect(new Set(seen).size).toBe(37);
        }
      }
    }
  });

  it("filters anonymous and restricted users by default", async () => {
    const normal = (await list("")).body.items;
    expect(normal.every((u: any) => !u.is_anonymous && !u.restricted_by_admin)).toBe(true);
    expect(normal).toHaveLength(31);
    const withRestricted = (await list("?include_restricted=true")).body.items;
    expect(withRestricted).toHaveLength(34);
    expect(withRestricted.some((u: any) => u.restricted_by_admin)).toBe(true);
    expect(withRestricted.some((u: any) => u.is_anonymous)).toBe(false);
    const onlyAnon = (await list("?include_anonymous=true&only_anonymous=true")).body.items;
    expect(onlyAnon).toHaveLength(3);
    expect(onlyAnon.every((u: any) => u.is_anonymous)).toBe(true);
    const bad = await list("?only_anonymous=true");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/^text\/plain/);
    // requireEmailVerification also hides unverified users
    emu.db.prepare("UPDATE projects SET config_json = ? WHERE id = ?").run(JSON.stringify({ onboarding: { requireEmailVerification: true } }), project);
    try {
      const verifiedOnly = (await list("")).body.items;
      expect(verifiedOnly.length).toBeGreaterThan(0);
      expect(verifiedOnly.every((u: any) => u.primary_email_verified && !u.is_restricted)).toBe(true);
      const inc = (await list("?include_restricted=true")).body.items;
      expect(inc.some((u: any) => u.restricted_reason?.type === "email_not_verified")).toBe(true);
    } finally {
      emu.db.prepare("UPDATE projects SET config_json = ? WHERE id = ?").run(JSON.stringify({ onboarding: { requireEmailVerification: false } }), project);
    }
  });

  it("searches: exact id, substring of name or any contact channel, case-insensitive, short queries", async () => {
    const byId = (await list(`?include_anonymous=true&query=${ids[9]}`)).body.items;
    expect(byId.map((u: any) => u.id)).toEqual([ids[9]]);
    const byIdUpper = (await list(`?include_anonymous=true&query=${ids[9]!.toUpperCase()}`)).body.items;
    expect(byIdUpper.map((u: any) => u.id)).toEqual([ids[9]]);
    const byEmail = (await list("?query=PERSON12%40EVEN")).body.items;
    expect(byEmail.map((u: any) => u.primary_email)).toEqual(["person12@even.example"]);
    const byName = (await list("?query=zo%C3%AB%20%C3%BCni")).body.items;
    expect(byName.map((u: any) => u.id)).toEqual([ids[5]]);
    const domain = (await list("?include_anonymous=true&query=odd.example&limit=1000")).body.items;
    expect(domain).toHaveLength(18);
    const short = (await list("?include_anonymous=true&query=3")).body.items;
    expect(short.map((u: any) => u.display_name).sort()).toEqual(["Person 13", "Person 23", "Person 3", "Person 30", "Person 31", "Person 32", "Person 33", "Person 34", "Person 35", "Person 36"].sort());
    const quote = await list('?query=%22%25_');
    expect(quote.status).toBe(200);
    expect(quote.body.items).toEqual([]);
    // search + pagination
    const seen = await walk("&include_anonymous=true&query=even.example", 5);
    expect(seen).toHaveLength(19);
  });

  it("excluded_email_domains and team_id filters", async () => {
    const r = (await list("?include_anonymous=true&excluded_email_domains=odd.example")).body.items;
    expect(r).toHaveLength(19);
    const teamId = crypto.randomUUID();
    emu.db.prepare("INSERT INTO teams (id, project_id, display_name, created_at_millis) VALUES (?, ?, 'T', 0)").run(teamId, project);
    for (const i of [1, 2, 9]) {
      emu.db.prepare("INSERT INTO team_members (project_id, team_id, user_id, created_at_millis) VALUES (?, ?, ?, 0)").run(project, teamId, ids[i]);
    }
    const members = (await list(`?team_id=${teamId}&include_anonymous=true&desc=true`)).body.items.map((u: any) => u.id);
    const expected = (await list("?include_anonymous=true&desc=true")).body.items.map((u: any) => u.id).filter((id: string) => [ids[1], ids[2], ids[9]].includes(id));
    expect(members).toEqual(expected);
    const page = await list(`?team_id=${teamId}&include_anonymous=true&limit=2`);
    expect(page.body.items).toHaveLength(2);
    const page2 = await list(`?team_id=${teamId}&include_anonymous=true&limit=2&cursor=${page.body.pagination.next_cursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.pagination.next_cursor).toBeNull();
    expect((await list(`?team_id=${crypto.randomUUID()}`)).body.items).toEqual([]);
  });

  it("validates list params", async () => {
    expect(expectKnownError(await list("?limit=1001"), "SCHEMA_ERROR", 400).error).toContain("query.limit must be less than or equal to 1000");
    expect(expectKnownError(await list("?limit=0"), "SCHEMA_ERROR", 400).error).toContain("query.limit must be greater than or equal to 1");
    expectKnownError(await list("?limit=abc"), "SCHEMA_ERROR", 400);
    expectKnownError(await list("?order_by=created_at"), "SCHEMA_ERROR", 400);
    expectKnownError(await list("?desc=1"), "SCHEMA_ERROR", 400);
    expectKnownError(await list("?include_anonymous=yes"), "SCHEMA_ERROR", 400);
    expectKnownError(await list("?team_id=nope"), "SCHEMA_ERROR", 400);
    expect(expectKnownError(await list("?nonce=1"), "SCHEMA_ERROR", 400).error).toContain("query contains unknown properties: nonce");
    const badCursor = await list(`?limit=2&cursor=${crypto.randomUUID()}`);
    expect(badCursor.status).toBe(400);
    expectKnownError(await emu.fetch("/users", { accessType: "client" }), "INSUFFICIENT_ACCESS_TYPE", 401);
    expectKnownError(await emu.fetch("/users", { accessType: null }), "ACCESS_TYPE_REQUIRED", 400);
  });

  it("without a limit: everything up to 1000; more than 1000 matching users → 400 text asking for a limit", async () => {
    const ok = await list("");
    expect(ok.status).toBe(200);
    expect(ok.body.pagination.next_cursor).toBeNull();
    const ins = emu.db.prepare("INSERT INTO users (id, project_id, signed_up_at_millis, last_active_at_millis) VALUES (?, ?, ?, ?)");
    emu.db.transaction(() => {
      for (let i = 0; i < 1000; i++) ins.run(crypto.randomUUID(), project, 9000 + i, 9000 + i);
    })();
    const tooMany = await list("");
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(tooMany.text).toMatch(/limit/);
    const limited = await list("?limit=1000");
    expect(limited.body.items).toHaveLength(1000);
    expect(limited.body.pagination.next_cursor).toBe(limited.body.items[999].id);
  });
});
