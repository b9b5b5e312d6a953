import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./helpers";

// GET /users?query=: the plan depends on how many users the trigram index matches (few: read and
// sort them; many: walk the sort index). Both must give what a scan of search_text gives, page by
// page, in every order and filter.

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

describe("GET /users?query= on both search plans", () => {
  const project = crypto.randomUUID();
  const sak = "sak_searchtestsearchtestsearchtestsearchtestsear";
  const list = (qs: string) =>
    emu.fetch(`/users${qs}`, { accessType: null, headers: { "x-stack-project-id": project, "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": sak } });
  let someId = "";

  beforeAll(() => {
    emu.db.prepare("INSERT INTO projects (id, display_name, created_at_millis, config_json) VALUES (?, 'search', 0, '{}')").run(project);
    emu.db
      .prepare("INSERT INTO api_key_sets (id, project_id, description, created_at_millis, expires_at_millis, super_secret_admin_key) VALUES (?, ?, 'x', 0, ?, ?)")
      .run(crypto.randomUUID(), project, Date.now() + 1e10, sak);
    const ins = emu.db.prepare(
      "INSERT INTO users (id, project_id, display_name, signed_up_at_millis, last_active_at_millis, is_anonymous, restricted_by_admin, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    // 3,000 users: "common" in 1,500 of them (more matches than the read-and-sort plan takes),
    // "rare" in 30; repeated times exercise the id tie-breaker.
    emu.db.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        const id = crypto.randomUUID();
        if (i === 1234) someId = id;
        const tag = i % 2 === 0 ? "common" : i % 100 === 1 ? "rare" : "other";
        const name = `User ${i} ${tag}`;
        ins.run(id, project, name, 1000 + (i % 700), 9000 - (i % 450), i % 50 === 0 ? 1 : 0, i % 40 === 3 ? 1 : 0, `${name}\nu${i}@${tag}.example`.toLowerCase());
      }
    })();
  });

  /** What a scan of search_text answers (the definition of the search). */
  function expected(q: string, opts: { order: "signed_up_at_millis" | "last_active_at_millis"; desc: boolean; filter: string }) {
    const dir = opts.desc ? "DESC" : "ASC";
    return emu.db
      .prepare(`SELECT id FROM users WHERE project_id = ? AND ${opts.filter} AND (instr(search_text, ?) > 0 OR id = ?) ORDER BY ${opts.order} ${dir}, id ${dir}`)
      .pluck()
      .all(project, q.toLowerCase(), q.toLowerCase()) as string[];
  }

  async function walk(qs: string, limit: number) {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(`?limit=${limit}${qs}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status, res.text).toBe(200);
      cursor = res.body.pagination.next_cursor;
      seen.push(...res.body.items.map((u: { id: string }) => u.id));
    } while (cursor && seen.length < 5000);
    return seen;
  }

  const variants = [
    { qs: "", order: "signed_up_at_millis", desc: false, filter: "is_anonymous = 0 AND restricted_by_admin = 0" },
    { qs: "&desc=true", order: "signed_up_at_millis", desc: true, filter: "is_anonymous = 0 AND restricted_by_admin = 0" },
    { qs: "&order_by=last_active_at&include_restricted=true", order: "last_active_at_millis", desc: false, filter: "is_anonymous = 0" },
    { qs: "&order_by=last_active_at&desc=true&include_anonymous=true", order: "last_active_at_millis", desc: true, filter: "1 = 1" },
  ] as const;

  it.each(["common", "COMMON.example", "rare", "ser 12", "u2999@", "nothing-matches"])("pages through %s like a scan", async (q) => {
    for (const v of variants) {
      const want = expected(q, v);
      expect(await walk(`&query=${encodeURIComponent(q)}${v.qs}`, 97)).toEqual(want);
    }
    if (q === "common") expect(expected(q, variants[3]).length).toBeGreaterThan(1000);
  });

  it("finds a user by id on either plan", async () => {
    expect((await list(`?query=${someId}`)).body.items.map((u: { id: string }) => u.id)).toEqual([someId]);
    expect((await list(`?query=${someId.toUpperCase()}&include_anonymous=true`)).body.items.map((u: { id: string }) => u.id)).toEqual([someId]);
  });
});
