import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./helpers";

// The failing-Stack helpers over real HTTP: filtered faults, malformed JSON, reset connections and the request log.

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

const raw = (path: string, init: RequestInit = {}) => fetch(`${emu.url}${path}`, init);
const inject = (faults: unknown[]) =>
  raw("/__emulator/faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ faults }) });
type Logged = { seq: number; method: string; path: string; body_sha256: string | null; status: number | "reset" | null };
const requestsSince = async (since: number) => (await (await raw(`/__emulator/requests?since=${since}`)).json()) as { last_seq: number; items: Logged[] };
const lastSeq = async () => (await requestsSince(Number.MAX_SAFE_INTEGER)).last_seq;
const createUser = (email: string) =>
  raw("/api/v1/users", { method: "POST", headers: { ...emu.headers("admin"), "content-type": "application/json" }, body: JSON.stringify({ primary_email: email }) });
const countUsers = (email: string) => emu.db.prepare("SELECT COUNT(*) FROM contact_channels WHERE value = ?").pluck().get(email) as number;

describe("fault injection", () => {
  it("a fault with method and path answers only matching requests, `count` times", async () => {
    await inject([{ status: 503, method: "GET", path: "/users/", count: 2 }]);
    expect((await raw("/api/v1/users?limit=1", { headers: emu.headers("admin") })).status).toBe(200);
    const id = crypto.randomUUID();
    expect((await raw(`/api/v1/users/${id}`, { headers: emu.headers("admin") })).status).toBe(503);
    expect((await raw(`/api/v1/users/${id}`, { headers: emu.headers("admin") })).status).toBe(503);
    expect((await raw(`/api/v1/users/${id}`, { headers: emu.headers("admin") })).status).toBe(404);
  });

  it("malformed_json applies the write, then answers 200 with a body that is not JSON", async () => {
    const email = `malformed-${Date.now()}@example.com`;
    await inject([{ malformed_json: true, method: "POST", path: "/users" }]);
    const res = await createUser(email);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(countUsers(email)).toBe(1);
  });

  it("reset destroys the connection before (nothing applied) or after (applied) handling", async () => {
    const before = `reset-before-${Date.now()}@example.com`;
    await inject([{ reset: true, method: "POST" }]);
    await expect(createUser(before)).rejects.toThrow();
    expect(countUsers(before)).toBe(0);

    const after = `reset-after-${Date.now()}@example.com`;
    await inject([{ reset: "after", method: "POST" }]);
    await expect(createUser(after)).rejects.toThrow();
    expect(countUsers(after)).toBe(1);
  });

  it("refuses faults it does not understand; DELETE clears the queue", async () => {
    expect((await inject([{ status: "500" }])).status).toBe(400);
    expect((await inject([{ explode: true }])).status).toBe(400);
    await inject([{ status: 500 }, { status: 500 }]);
    expect(await (await raw("/__emulator/faults", { method: "DELETE" })).json()).toEqual({ pending: 0 });
    expect((await raw("/api/v1/users?limit=1", { headers: emu.headers("admin") })).status).toBe(200);
  });
});

describe("request log", () => {
  it("records method, path with query, the answer's status and a hash of each write's body", async () => {
    const since = await lastSeq();
    const email = `logged-${Date.now()}@example.com`;
    const body = JSON.stringify({ primary_email: email });
    await raw("/api/v1/users?limit=2", { headers: emu.headers("admin") });
    await raw("/api/v1/users", { method: "POST", headers: { ...emu.headers("admin"), "content-type": "application/json" }, body });
    await inject([{ reset: true }]);
    await expect(raw("/api/v1/users?limit=3", { headers: emu.headers("admin") })).rejects.toThrow();

    const { items } = await requestsSince(since);
    expect(items.map((r) => [r.method, r.path, r.status])).toEqual([
      ["GET", "/users?limit=2", 200],
      ["POST", "/users", 201],
      ["GET", "/users?limit=3", "reset"],
    ]);
    expect(items[0]!.body_sha256).toBeNull();
    expect(items[1]!.body_sha256).toBe(crypto.createHash("sha256").update(body).digest("hex"));
    expect(countUsers(email)).toBe(1);
  });
});
