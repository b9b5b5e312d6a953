import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMissingRoutes } from "../src/config";
import { RELEASE_NAMES, RELEASES, type ReleaseName } from "../src/releases/profiles";
import { startEmulator } from "../src/server";
import { DEMO, TestEmulator } from "./helpers";

// One emulator per release, each with a user and a team, probed over HTTP.
const emus = {} as Record<ReleaseName, TestEmulator>;
const ids = {} as Record<ReleaseName, { user: string; team: string }>;

beforeAll(async () => {
  for (const name of RELEASE_NAMES) {
    const emu = new TestEmulator(await startEmulator({ port: 0, dbPath: ":memory:", seedUsers: 0, release: name, missingRoutes: [] }));
    emus[name] = emu;
    const user = await emu.fetch("/users", { method: "POST", body: { primary_email: "ada@example.com", display_name: "Ada" } });
    const team = await emu.fetch("/teams", { method: "POST", body: { display_name: "Alpha", creator_user_id: user.body.id } });
    expect([user.status, team.status]).toEqual([201, 201]);
    ids[name] = { user: user.body.id, team: team.body.id };
  }
});
afterAll(async () => {
  await Promise.all(Object.values(emus).map((e) => e.stop()));
});

type Check = {
  /** The profile table key this proves. */
  route: string;
  path: (id: { user: string; team: string }) => string;
  method?: string;
  body?: unknown;
  /** SCHEMA_ERROR lines per release that refuses it; every other release answers 2xx. */
  refusedBy: Partial<Record<ReleaseName, string[]>>;
};

const CHECKS: Check[] = [
  {
    route: "GET /users",
    path: () => "/users?limit=1&order_by=last_active_at",
    refusedBy: {
      "2.8.86": ["query.order_by must be one of the following values: signed_up_at"],
      "2025-02": ["query.order_by must be one of the following values: signed_up_at"],
    },
  },
  {
    route: "GET /users",
    path: () => "/users?limit=1&excluded_email_domains=example.com",
    refusedBy: {
      "2.8.86": ["query contains unknown properties: excluded_email_domains"],
      "2025-02": ["query contains unknown properties: excluded_email_domains"],
    },
  },
  { route: "GET /users", path: () => "/users?limit=1&include_restricted=true", refusedBy: { "2025-02": ["query contains unknown properties: include_restricted"] } },
  {
    route: "GET /teams",
    path: () => "/teams?order_by=created_at&desc=true",
    refusedBy: { "2.8.86": ["query contains unknown properties: order_by, desc"], "2025-02": ["query contains unknown properties: order_by, desc"] },
  },
  {
    route: "GET /team-permission-definitions",
    path: () => "/team-permission-definitions?limit=5",
    refusedBy: { "2.8.86": ["query contains unknown properties: limit"], "2025-02": ["query contains unknown properties: limit"] },
  },
  {
    route: "GET /team-invitations",
    path: (id) => `/team-invitations?user_id=${id.user}`,
    refusedBy: { "2025-02": ["query.team_id must be defined", "query contains unknown properties: user_id"] },
  },
  {
    route: "POST /users",
    method: "POST",
    path: () => "/users",
    body: { primary_email: "restricted@example.com", restricted_by_admin: true, restricted_by_admin_reason: "spam" },
    refusedBy: { "2025-02": ["body contains unknown properties: restricted_by_admin, restricted_by_admin_reason"] },
  },
  {
    route: "PATCH /users/:user_id",
    method: "PATCH",
    path: (id) => `/users/${id.user}`,
    body: { country_code: "DE" },
    refusedBy: { "2025-02": ["body contains unknown properties: country_code"] },
  },
];

describe("query and body rules", () => {
  for (const check of CHECKS) {
    for (const name of RELEASE_NAMES) {
      const refused = check.refusedBy[name];
      it(`${name}: ${check.method ?? "GET"} ${check.path({ user: ":user", team: ":team" })} ${refused ? "is refused" : "is served"}`, async () => {
        const path = check.path(ids[name]);
        const res = await emus[name].fetch(path, { method: check.method, body: check.body });
        if (!refused) {
          expect(res.status, res.text).toBeLessThan(300);
          return;
        }
        expect(res.status).toBe(400);
        expect(res.headers.get("x-stack-known-error")).toBe("SCHEMA_ERROR");
        const pathname = `/api/v1${path.split("?")[0]}`;
        expect(res.body.error).toBe(`Request validation failed on ${check.method ?? "GET"} ${pathname}:\n${refused.map((l) => `  - ${l}`).join("\n")}`);
      });
    }
  }

  it("every query and body rule of every profile is proven above", () => {
    for (const name of RELEASE_NAMES) {
      const keys = [...Object.keys(RELEASES[name].query), ...Object.keys(RELEASES[name].body)];
      for (const key of keys) expect(CHECKS.some((c) => c.route === key && c.refusedBy[name]), `${name} ${key}`).toBe(true);
    }
  });
});

describe("routes", () => {
  const ROUTES: {
    method?: string;
    path: (id: { user: string; team: string }) => string;
    missing: Partial<Record<ReleaseName, 404 | 405>>;
    /** Releases where the emulator does not model this route. */
    skip?: ReleaseName[];
  }[] = [
    { path: () => "/internal/metrics/user-counts", missing: { "2.8.86": 404, "2025-02": 404 } },
    { path: (id) => `/oauth-providers?user_id=${id.user}`, missing: { "2025-02": 404 } },
    { path: (id) => `/auth/sessions?user_id=${id.user}`, missing: { "2025-02": 405 } },
    { path: () => "/internal/config", missing: { "2025-02": 404 } },
    { path: () => "/project-permission-definitions", missing: { "2025-02": 404 } },
    { path: (id) => `/team-memberships/${id.team}/${id.user}`, missing: { latest: 405, "2.8.86": 405, "2025-02": 405 } },
    // February 2025 wrote the admin project here (the projects CRUD); later releases write through /internal/projects/current.
    { method: "PATCH", path: () => "/projects/current", missing: { latest: 405, "2.8.86": 405 } },
  ];
  for (const r of ROUTES) {
    for (const name of RELEASE_NAMES.filter((n) => !r.skip?.includes(n))) {
      const status = r.missing[name];
      it(`${name}: ${r.method ?? "GET"} ${r.path({ user: ":user", team: ":team" })} → ${status ?? 200}`, async () => {
        const res = await emus[name].fetch(r.path(ids[name]), { method: r.method, body: r.method ? { display_name: "x" } : undefined });
        if (!status) return expect(res.status, res.text).toBe(200);
        expect(res.status).toBe(status);
        expect(res.headers.get("x-stack-known-error")).toBeNull();
        // Next.js answers a method a route file does not export with an empty 405; the emulator's own 405 says which.
        if (status === 405) return expect(res.text).toBe(name === "latest" ? `Method ${r.method ?? "GET"} is not allowed for /api/v1${r.path(ids[name])}.` : "");
        expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
        expect(res.text).toMatch(/^404 — this page does not exist in Stack Auth's API\.\n/);
        if (name !== "latest") expect(res.text).toContain(`URL: ${emus[name].url}/api/v1${r.path(ids[name])}`);
      });
    }
  }

  it("STACK_EMULATOR_MISSING_ROUTES removes routes on top of a profile", async () => {
    const emu = new TestEmulator(await startEmulator({ port: 0, dbPath: ":memory:", seedUsers: 0, release: "2.8.86", missingRoutes: parseMissingRoutes("GET /auth/sessions") }));
    try {
      const user = await emu.fetch("/users", { method: "POST", body: {} });
      expect((await emu.fetch(`/auth/sessions?user_id=${user.body.id}`)).status).toBe(404);
      expect((await emu.fetch("/internal/metrics/user-counts")).status).toBe(404);
      expect((await emu.fetch("/users?limit=1")).status).toBe(200);
    } finally {
      await emu.stop();
    }
  });
});

describe("response shapes", () => {
  it("GET /projects/current answers an admin with the admin project on 2025-02 only", async () => {
    for (const name of RELEASE_NAMES) {
      const res = await emus[name].fetch("/projects/current");
      expect(res.status).toBe(200);
      expect("email_config" in res.body.config, name).toBe(name === "2025-02");
    }
  });

  it("GET /teams is paginated on latest only", async () => {
    for (const name of RELEASE_NAMES) {
      const res = await emus[name].fetch("/teams");
      expect(res.status).toBe(200);
      expect(res.body.items.map((t: { id: string }) => t.id)).toEqual([ids[name].team]);
      if (name === "latest") {
        expect(res.body).toMatchObject({ is_paginated: true, pagination: { next_cursor: null } });
      } else {
        expect(res.body.is_paginated).toBe(false);
        expect(res.body).not.toHaveProperty("pagination");
      }
    }
  });

  it("2025-02 sends the 19 user fields of its read schema; newer releases add restriction and risk fields", async () => {
    const feb = await emus["2025-02"].fetch(`/users/${ids["2025-02"].user}`);
    expect(Object.keys(feb.body).sort()).toEqual([...RELEASES["2025-02"].response["GET /users/:user_id"]!.userFields!].sort());
    const list = await emus["2025-02"].fetch("/users?limit=5");
    expect(list.body.items[0]).not.toHaveProperty("is_restricted");
    for (const name of ["2.8.86", "latest"] as const) {
      const res = await emus[name].fetch(`/users/${ids[name].user}`);
      expect(res.body).toHaveProperty("restricted_by_admin", false);
      expect(res.body).toHaveProperty("risk_scores");
    }
  });
});

describe("implied parameters", () => {
  it("2025-02 has no restriction model: restricted users are listed unasked; newer releases hide them by default", async () => {
    for (const name of RELEASE_NAMES) {
      const emu = emus[name];
      const user = await emu.fetch("/users", { method: "POST", body: { display_name: "Soon restricted" } });
      emu.db.prepare("UPDATE users SET restricted_by_admin = 1 WHERE id = ?").run(user.body.id);
      const listed = (await emu.fetch("/users?limit=100")).body.items.some((u: { id: string }) => u.id === user.body.id);
      expect(listed, name).toBe(name === "2025-02");
    }
  });
});

describe("cursor conventions", () => {
  it("old releases hand out the first row of the next page and start at it; latest the last row of this page", async () => {
    for (const name of RELEASE_NAMES) {
      const emu = emus[name];
      for (let i = 0; i < 4; i++) await emu.fetch("/users", { method: "POST", body: { display_name: `Pager ${i}` } });
      const all = (await emu.fetch("/users?limit=100")).body.items.map((u: { id: string }) => u.id) as string[];
      expect(all.length).toBeGreaterThanOrEqual(5);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { id: string }[]; pagination: { next_cursor: string | null } } } = await emu.fetch(`/users?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        const page = res.body.items.map((u) => u.id);
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...page);
        cursor = res.body.pagination.next_cursor;
        if (cursor) expect(cursor).toBe(all[name === "latest" ? seen.length - 1 : seen.length]);
      } while (cursor);
      expect(seen, name).toEqual(all);
    }
  });
});

describe("header spellings", () => {
  const hexclave = {
    "x-hexclave-project-id": DEMO.projectId,
    "x-hexclave-access-type": "admin",
    "x-hexclave-super-secret-admin-key": DEMO.superSecretAdminKey,
  };
  // Only servers after the Hexclave rename know the new spelling; 2.8.86 answers ACCESS_TYPE_REQUIRED.
  const reads: Record<ReleaseName, boolean> = { "2025-02": false, "2.8.86": false, latest: true };
  for (const name of RELEASE_NAMES) {
    it(`${name}: ${reads[name] ? "reads and sends" : "ignores and never sends"} x-hexclave-*`, async () => {
      const res = await emus[name].fetch("/users?limit=1", { accessType: null, headers: hexclave });
      const known = await emus[name].fetch("/users/not-a-user");
      if (reads[name]) {
        expect(res.status).toBe(200);
        expect(res.headers.get("x-hexclave-request-id")).toBe(res.headers.get("x-stack-request-id"));
        expect(known.headers.get("x-hexclave-known-error")).toBe(known.headers.get("x-stack-known-error"));
      } else {
        expect(res.status).toBe(400);
        expect(res.headers.get("x-stack-known-error")).toBe("ACCESS_TYPE_REQUIRED");
        expect([...res.headers.keys(), ...known.headers.keys()].filter((h) => h.startsWith("x-hexclave-"))).toEqual([]);
        expect(known.headers.get("x-stack-known-error")).toBeTruthy();
        expect(res.headers.get("access-control-allow-headers")).not.toMatch(/hexclave/);
      }
    });
  }
});
