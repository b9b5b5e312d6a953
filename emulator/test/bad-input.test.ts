import crypto from "node:crypto";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modules } from "../src/resources";
import { DEMO, expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const adminHeaders = () => emu.headers("admin");
const raw = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(`${emu.url}/api/v1${path}`, { ...init, headers: { ...adminHeaders(), ...(init.headers ?? {}) } });

async function expectText(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  expect(res.headers.get("x-stack-known-error")).toBeNull();
  return res.text();
}

describe("malformed bodies", () => {
  it("malformed JSON → BODY_PARSING_ERROR (real sample)", async () => {
    const res = await emu.fetch("/users", { method: "POST", accessType: "server", rawBody: '{"display_name": "trunc', headers: { "content-type": "application/json" } });
    expectKnownError(res, "BODY_PARSING_ERROR", 400);
    expect(res.body).toEqual({ code: "BODY_PARSING_ERROR", error: "Invalid JSON in request body" });
    expect(emu.db.prepare("SELECT COUNT(*) FROM users WHERE display_name = 'trunc'").pluck().get()).toBe(0);
  });

  it("malformed JSON on other write endpoints too", async () => {
    for (const [method, path] of [["POST", "/teams"], ["PATCH", `/users/${crypto.randomUUID()}`], ["POST", "/contact-channels"], ["POST", "/auth/sessions"]] as const) {
      const res = await emu.fetch(path, { method, rawBody: "{not json", headers: { "content-type": "application/json" } });
      expectKnownError(res, "BODY_PARSING_ERROR", 400);
    }
  });

  it("unsupported content type → BODY_PARSING_ERROR; missing content type → body absent", async () => {
    expectKnownError(await emu.fetch("/users", { method: "POST", rawBody: "<x/>", headers: { "content-type": "application/xml" } }), "BODY_PARSING_ERROR", 400);
    const absent = await emu.fetch("/users", { method: "POST", rawBody: '{"display_name":"x"}', headers: { "content-type": "" } });
    expect(expectKnownError(absent, "SCHEMA_ERROR", 400).error).toContain("body must be defined");
    const text = await emu.fetch("/users", { method: "POST", rawBody: "hello", headers: { "content-type": "text/plain" } });
    expectKnownError(text, "SCHEMA_ERROR", 400);
  });

  it("JSON that is not an object → SCHEMA_ERROR", async () => {
    for (const body of ["null", "[]", '"str"', "42", "true"]) {
      const res = await emu.fetch("/users", { method: "POST", rawBody: body, headers: { "content-type": "application/json" } });
      expectKnownError(res, "SCHEMA_ERROR", 400);
    }
  });

  it("wrong types → SCHEMA_ERROR listing every failure", async () => {
    const res = await emu.fetch("/users", {
      method: "POST",
      body: { display_name: 5, primary_email_verified: "true", password: ["x"], oauth_providers: "github", risk_scores: { sign_up: { bot: 1.5, free_trial_abuse: "0" } } },
    });
    const err = expectKnownError(res, "SCHEMA_ERROR", 400);
    for (const f of ["body.display_name", "body.primary_email_verified", "body.password", "body.oauth_providers", "body.risk_scores.sign_up.bot", "body.risk_scores.sign_up.free_trial_abuse"]) {
      expect(err.error).toContain(f);
    }
    expect(err.error.split("\n")[0]).toBe("Request validation failed on POST /api/v1/users:");
    expect(err.error.split("\n").slice(1).every((l) => l.startsWith("  - "))).toBe(true);
  });

  it("unknown properties in body, query and params → SCHEMA_ERROR", async () => {
    const body = await emu.fetch("/users", { method: "POST", accessType: "server", body: { display_name: "x", no_such_property: 1 } });
    expect(expectKnownError(body, "SCHEMA_ERROR", 400).error).toContain("body contains unknown properties: no_such_property");
    const nested = await emu.fetch("/users", { method: "POST", body: { risk_scores: { sign_up: { bot: 1, free_trial_abuse: 1, extra: 1 } } } });
    expect(expectKnownError(nested, "SCHEMA_ERROR", 400).error).toContain("body.risk_scores.sign_up contains unknown properties: extra");
    const query = await emu.fetch("/users?limit=1&cache_buster=1");
    expect(expectKnownError(query, "SCHEMA_ERROR", 400).error).toContain("query contains unknown properties: cache_buster");
    const params = await emu.fetch("/users/12345");
    expect(expectKnownError(params, "SCHEMA_ERROR", 400).error).toContain("params.user_id must be a valid UUID");
    const teamParams = await emu.fetch("/teams/not-a-team-id");
    expectKnownError(teamParams, "SCHEMA_ERROR", 400);
  });
});

describe("body size and encodings", () => {
  it("body over 8 MiB → 413 text; nothing written", async () => {
    const big = JSON.stringify({ display_name: "big", server_metadata: { blob: "x".repeat(8 * 1024 * 1024) } });
    const res = await raw("/users", { method: "POST", body: big, headers: { "content-type": "application/json" } });
    await expectText(res, 413);
    expect(emu.db.prepare("SELECT COUNT(*) FROM users WHERE display_name = 'big'").pluck().get()).toBe(0);
  });

  it("a body just under 8 MiB is accepted", async () => {
    const body = JSON.stringify({ display_name: "almost big", server_metadata: { blob: "x".repeat(8 * 1024 * 1024 - 200) } });
    const res = await raw("/users", { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(201);
  });

  it("gzip and deflate bodies are accepted", async () => {
    const gz = zlib.gzipSync(Buffer.from(JSON.stringify({ display_name: "Gzipped" })));
    const res = await raw("/users", { method: "POST", body: gz, headers: { "content-type": "application/json", "content-encoding": "gzip" } });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { display_name: string }).display_name).toBe("Gzipped");
    const df = zlib.deflateSync(Buffer.from(JSON.stringify({ display_name: "Deflated" })));
    const res2 = await raw("/users", { method: "POST", body: df, headers: { "content-type": "application/json", "content-encoding": "deflate" } });
    expect(res2.status).toBe(201);
  });

  it("a gzip bomb decoding past 8 MiB → 413 text; corrupt gzip → BODY_PARSING_ERROR", async () => {
    const bomb = zlib.gzipSync(Buffer.from(JSON.stringify({ display_name: "bomb", server_metadata: "a".repeat(9 * 1024 * 1024) })));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectText(await raw("/users", { method: "POST", body: bomb, headers: { "content-type": "application/json", "content-encoding": "gzip" } }), 413);
    const corrupt = await emu.fetch("/users", { method: "POST", rawBody: Buffer.from("definitely not gzip"), headers: { "content-type": "application/json", "content-encoding": "gzip" } });
    expectKnownError(corrupt, "BODY_PARSING_ERROR", 400);
  });
});

describe("routing", () => {
  it("unknown routes → 404 text, also below known prefixes", async () => {
    for (const p of ["/nope", "/users/x/y/z", "/internal/nope"]) await expectText(await raw(p), 404);
    await expectText(await fetch(`${emu.url}/not-api`), 404);
  });

  it("unknown or unsupported methods → 405 text", async () => {
    await expectText(await raw("/users", { method: "PUT", body: "{}", headers: { "content-type": "application/json" } }), 405);
    await expectText(await raw(`/users/${crypto.randomUUID()}`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } }), 405);
    await expectText(await raw("/users", { method: "PROPFIND" }), 405);
  });

  it("OPTIONS preflight answers an empty 200 with CORS headers", async () => {
    const res = await fetch(`${emu.url}/api/v1/users`, { method: "OPTIONS" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("concurrency", () => {
  it("50 parallel creates with one sign-in e-mail (mixed letter case): one user, 49 × 409, nothing half-written", async () => {
    const email = `parallel-${crypto.randomUUID()}@example.com`;
    const usersBefore = emu.db.prepare("SELECT COUNT(*) FROM users").pluck().get() as number;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        emu.fetch("/users", {
          method: "POST",
          accessType: i % 2 ? "server" : "admin",
          body: { primary_email: i % 3 ? email : email.toUpperCase(), primary_email_auth_enabled: true, display_name: `P${i}`, password: "pw" },
        }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const conflicts = results.filter((r) => r.status === 409);
    expect(conflicts).toHaveLength(49);
    for (const c of conflicts) {
      expect(expectKnownError(c, "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE", 409).details).toMatchObject({ type: "email", contact_channel_value: email });
    }
    expect(emu.db.prepare("SELECT COUNT(*) FROM users").pluck().get()).toBe(usersBefore + 1);
    expect(emu.db.prepare("SELECT COUNT(*) FROM contact_channels WHERE value_lower = ?").pluck().get(email)).toBe(1);
    const listed = await emu.fetch(`/users?query=${encodeURIComponent(email)}`);
    expect(listed.body.items.map((u: any) => u.id)).toEqual([created[0]!.body.id]);
  });
});

describe("no 500 anywhere", () => {
  // Every registered route, every access type, with hostile params and bodies.
  // Deleting the project itself goes last so every other route runs against a live project.
  const deletesProject = (r: { method: string; path: string }) => r.method === "DELETE" && /projects\/current$/.test(r.path);
  const routes = modules
    .flatMap((m) => m.routes.map((r) => ({ module: m.name, method: r.method, path: r.path })))
    .sort((a, b) => Number(deletesProject(a)) - Number(deletesProject(b)));
  const paramValues = [() => crypto.randomUUID(), () => "me", () => "%20", () => "' OR 1=1 --", () => "x".repeat(300)];
  const bodies: (string | undefined)[] = [
    undefined,
    "{}",
    "null",
    "[]",
    '"str"',
    "1e309",
    JSON.stringify({ a: { b: { c: [1, 2, { d: null }] } } }),
    JSON.stringify({ user_id: "me", team_id: "nope", display_name: 123, value: null, type: "email", permission_id: "$x", limit: -1 }),
    JSON.stringify({ __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } }),
    "{bad json",
  ];
  const queries = ["", "?limit=-1&cursor=%00&desc=maybe", "?user_id=me&team_id=%27", "?" + "a=1&".repeat(50)];

  it(`covers ${routes.length} routes`, async () => {
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const r of routes) {
      for (const accessType of ["admin", "server", "client"] as const) {
        for (const [i, mk] of paramValues.entries()) {
          const path = r.path.replace(/:[a-z_]+/g, () => encodeURIComponent(mk()));
          const body = bodies[(i + accessType.length) % bodies.length];
          const query = queries[i % queries.length];
          for (const b of [body, bodies[(i * 3 + 1) % bodies.length]]) {
            const res = await fetch(`${emu.url}/api/v1${path}${query}`, {
              method: r.method,
              headers: { ...emu.headers(accessType), ...(b === undefined ? {} : { "content-type": "application/json" }) },
              body: r.method === "GET" ? undefined : b,
            });
            const text = await res.text();
            if (res.headers.get("x-stack-known-error") === "CURRENT_PROJECT_NOT_FOUND" && !deletesProject(r)) {
              failures.push(`${r.method} ${path}: the demo project disappeared before the project-deleting routes ran`);
            }
            if (res.status >= 500) failures.push(`${r.method} ${path}${query} [${accessType}] body=${b} → ${res.status} ${text.slice(0, 120)}`);
            else if (text.includes("    at ")) failures.push(`${r.method} ${path} leaked a stack trace`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("a 500 never carries a stack trace (internal errors are text)", async () => {
    // Corrupt a stored JSON column: reading it throws inside the handler.
    const fresh = await startTestEmulator();
    const id = crypto.randomUUID();
    fresh.db.prepare("INSERT INTO users (id, project_id, signed_up_at_millis, last_active_at_millis, client_metadata) VALUES (?, ?, 0, 0, '{broken')").run(id, DEMO.projectId);
    try {
      const res = await fetch(`${fresh.url}/api/v1/users/${id}`, { headers: fresh.headers("admin") });
      const text = await expectText(res, 500);
      expect(text).not.toMatch(/\bat\b.*\.ts/);
      expect(text).not.toContain("SyntaxError");
    } finally {
      await fresh.stop();
    }
  });
});
