/**
 * Client tests against a real local HTTP server (node:http on port 0) that returns crafted answers.
 * It stands in for failure modes no real Stack server can be made to produce on demand (429 with
 * Retry-After, 503s, hangs, malformed 2xx bodies, refused connections); the success and known-error
 * bodies used here are captures of a real Stack 2.8.86 server (fixtures/real-samples.ts).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";

import { createStackClient, parseRetryAfter, stackPath, type StackClientOptions } from "@/lib/stack/client";
import {
  isKnownError,
  isRouteMissing,
  StackHttpError,
  StackKnownError,
  StackNetworkError,
  StackPathError,
  StackResponseError,
  StackTimeoutError,
} from "@/lib/stack/errors";
import { describeFailure } from "@/lib/server/failure";
import { realSamples } from "@/lib/stack/fixtures/real-samples";
import { getAdminProject, resetProjectPathCacheForTests } from "@/lib/stack/project";
import { getUser, listUsers } from "@/lib/stack/users";
import { revokeSession } from "@/lib/stack/sessions";
import { successSchema } from "@/lib/stack/schemas";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

let server: http.Server;
let baseUrl: string;
let seen: Seen[] = [];
let handler: Handler = (_req, res) => res.end();

const ADMIN_KEY = "sak_test_only_key_0000000000000000000000000000000";
const PROJECT = { slug: "test", projectId: "be92a516-3bf5-44fa-86a0-4bcf4f45ad6d", adminKey: ADMIN_KEY };

function client(opts: StackClientOptions = {}) {
  return createStackClient({ ...PROJECT, apiUrl: baseUrl }, { baseBackoffMs: 10, ...opts });
}

/** Awaits a rejection and asserts its class; returns the typed error. */
async function rejected<C extends abstract new (...args: never[]) => Error>(p: Promise<unknown>, cls: C): Promise<InstanceType<C>> {
  const err = await p.then(
    () => {
      throw new Error("expected the request to fail");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(cls);
  return err as InstanceType<C>;
}

function json(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(body);
}
function text(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(body);
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body, at: Date.now() });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

beforeEach(() => {
  seen = [];
  resetProjectPathCacheForTests();
});

describe("request shape", () => {
  it("sends the x-stack-* admin headers, no override header, no content-type without a body", async () => {
    handler = (_req, res) => json(res, 200, realSamples.usersList.body);
    const page = await listUsers(client(), { limit: 2, desc: true, includeRestricted: false });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeNull();

    const [r] = seen;
    expect(r.method).toBe("GET");
    // Only the params that were set; false booleans are not sent; no cache busters.
    expect(r.url).toBe("/api/v1/users?limit=2&desc=true");
    expect(r.headers["x-stack-access-type"]).toBe("admin");
    expect(r.headers["x-stack-project-id"]).toBe(PROJECT.projectId);
    expect(r.headers["x-stack-super-secret-admin-key"]).toBe(ADMIN_KEY);
    expect(r.headers["content-type"]).toBeUndefined();
    expect(Object.keys(r.headers).filter((h) => h.includes("override"))).toEqual([]);
    expect(Object.keys(r.headers).filter((h) => h.startsWith("x-hexclave"))).toEqual([]);
  });

  it("sends content-type only with a body, and user_id on session revocation", async () => {
    handler = (_req, res) => json(res, 200, '{"success":true}');
    await revokeSession(client(), { sessionId: "s 1", userId: "u-1" });
    expect(seen[0].method).toBe("DELETE");
    expect(seen[0].url).toBe("/api/v1/auth/sessions/s%201?user_id=u-1");
    expect(seen[0].headers["content-type"]).toBeUndefined();

    await client().request({ method: "POST", path: "/x", body: { a: 1 }, schema: successSchema });
    expect(seen[1].headers["content-type"]).toBe("application/json");
    expect(seen[1].body).toBe('{"a":1}');
  });

  it("encodes path segments", () => {
    expect(stackPath`/users/${"a/b?c"}`).toBe("/users/a%2Fb%3Fc");
    // Encoded spellings of dots and slashes stay inside their segment: the % itself is encoded.
    expect(stackPath`/auth/sessions/${"%2e%2e"}`).toBe("/auth/sessions/%252e%252e");
    expect(stackPath`/users/${"..%2Fx"}`).toBe("/users/..%252Fx");
    expect(stackPath`/users/${"a\\b#c"}`).toBe("/users/a%5Cb%23c");
    expect(stackPath`/users/${"...."}`).toBe("/users/....");
  });

  it("refuses ids that are empty or a dot segment, which would address another route", () => {
    for (const id of ["", ".", ".."]) {
      expect(() => stackPath`/auth/sessions/${id}`, JSON.stringify(id)).toThrow(StackPathError);
    }
    expect(() => stackPath`/oauth-providers/${"u-1"}/${".."}`).toThrow(StackPathError);
    // What an operator sees if one ever gets past the schemas: a validation error, not a 500.
    expect(describeFailure(new StackPathError(".."))).toMatchObject({ code: "INVALID_INPUT", httpStatus: 400 });
  });

  it("refuses a hand-built path with dot, empty or encoded-dot segments before any request", async () => {
    handler = (_req, res) => json(res, 200, '{"success":true}');
    const bad = ["/users/..", "/users/./x", "/auth/sessions/%2e%2E", "/users/.%2e/x", "/users//x", "/users/", "users", "/users?x=1", "/users#x", "/users\\..\\x"];
    for (const path of bad) {
      await rejected(client().request({ method: "DELETE", path, schema: successSchema }), StackPathError);
    }
    expect(seen, "nothing reached the server").toEqual([]);
    // The guard is not over-eager: a valid encoded id still goes out exactly as built.
    await client().request({ method: "DELETE", path: stackPath`/auth/sessions/${"%2e%2e"}`, query: { user_id: "u" }, schema: successSchema });
    expect(seen.map((r) => r.url)).toEqual(["/api/v1/auth/sessions/%252e%252e?user_id=u"]);
  });
});

describe("errors", () => {
  it("parses a known error (header + body) from the real USER_NOT_FOUND capture", async () => {
    handler = (_req, res) =>
      json(res, 404, realSamples.unknownUser.body, { "x-stack-known-error": "USER_NOT_FOUND", "x-stack-request-id": "req1" });
    const err = await rejected(getUser(client(), "3f2b5c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b"), StackKnownError);
    expect(err.code).toBe("USER_NOT_FOUND");
    expect(err.status).toBe(404);
    expect(err.message).toBe("User not found.");
    expect(err.requestId).toBe("req1");
    expect(err.endpoint).toBe("GET /users/{user_id}");
    expect(isKnownError(err, "USER_NOT_FOUND")).toBe(true);
    expect(isRouteMissing(err)).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it("reads details and accepts the x-hexclave-known-error spelling", async () => {
    handler = (_req, res) =>
      json(res, 401, realSamples.wrongAdminKey.body, { "x-hexclave-known-error": "INVALID_SUPER_SECRET_ADMIN_KEY" });
    const err = await rejected(getAdminProject(client()), StackKnownError);
    expect(err.details).toEqual({ project_id: PROJECT.projectId });
    expect(err.message).not.toContain(ADMIN_KEY);
  });

  it("treats a header/body code mismatch as a plain HTTP error", async () => {
    handler = (_req, res) => json(res, 400, realSamples.unknownUser.body, { "x-stack-known-error": "SCHEMA_ERROR" });
    const err = await rejected(getUser(client(), "x"), StackHttpError);
    expect(isRouteMissing(err)).toBe(false);
  });

  it("plain-text 404 is a route-missing StackHttpError", async () => {
    handler = (_req, res) => text(res, 404, "Not found: /api/v1/auth/sessions");
    const err = await rejected(client().request({ path: "/auth/sessions", schema: z.unknown() }), StackHttpError);
    expect(err.status).toBe(404);
    expect(isRouteMissing(err)).toBe(true);
    expect(seen).toHaveLength(1); // 404 is not retried
  });

  it("caps long upstream bodies in the message", async () => {
    handler = (_req, res) => text(res, 500, "x".repeat(5000));
    const err = await rejected(client({ maxAttempts: 1 }).request({ path: "/boom", schema: z.unknown() }), StackHttpError);
    expect(err.message.length).toBeLessThan(450);
    expect(err.text.startsWith("x".repeat(300))).toBe(true);
  });

  it("malformed 2xx body → StackResponseError naming the endpoint and the first issue path", async () => {
    const broken = JSON.parse(realSamples.usersList.body);
    broken.items[1].id = 123;
    handler = (_req, res) => json(res, 200, JSON.stringify(broken));
    const err = await rejected(listUsers(client()), StackResponseError);
    expect(err.endpoint).toBe("GET /users");
    expect(err.issuePath).toBe("items[1].id");
    expect(err.message).toMatch(/^Unexpected response from Stack for GET \/users: items\[1\]\.id: /);
  });

  it("non-JSON 2xx body → StackResponseError", async () => {
    handler = (_req, res) => text(res, 200, "<html>proxy login</html>");
    const err = await rejected(listUsers(client()), StackResponseError);
    expect(err.issuePath).toBe("(root)");
  });
});

describe("retries", () => {
  it("retries a GET after 429 and honours Retry-After", async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1) return text(res, 429, "slow down", { "retry-after": "1" });
      json(res, 200, realSamples.usersList.body);
    };
    const page = await listUsers(client());
    expect(page.items).toHaveLength(2);
    expect(seen).toHaveLength(2);
    const waited = seen[1].at - seen[0].at;
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(3000);
  });

  it("caps each wait at maxRetryWaitMs and gives up after 3 attempts", async () => {
    handler = (_req, res) => text(res, 503, "unavailable", { "retry-after": "3600" });
    const err = await rejected(client({ maxRetryWaitMs: 50 }).request({ path: "/users", schema: z.unknown() }), StackHttpError);
    expect(err.status).toBe(503);
    expect(seen).toHaveLength(3);
  });

  it("never retries a write (503 on POST)", async () => {
    handler = (_req, res) => text(res, 503, "unavailable");
    const err = await rejected(client().request({ method: "POST", path: "/users", body: {}, schema: z.unknown() }), StackHttpError);
    expect(err.status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it("parses Retry-After seconds and dates", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("garbage")).toBeNull();
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
  });
});

describe("timeouts and network failures", () => {
  it("times out a hanging request", async () => {
    handler = () => {
      /* never answer */
    };
    const started = Date.now();
    const err = await rejected(client({ timeoutMs: 200 }).request({ method: "POST", path: "/hang", body: {}, schema: z.unknown() }), StackTimeoutError);
    expect(err.timeoutMs).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("reports a refused connection as StackNetworkError after bounded GET retries", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));

    let sleeps = 0;
    const c = createStackClient(
      { ...PROJECT, apiUrl: `http://127.0.0.1:${port}` },
      { sleep: async () => void sleeps++ },
    );
    const err = await rejected(c.request({ path: "/users", schema: z.unknown() }), StackNetworkError);
    expect(err.message).toContain("ECONNREFUSED");
    expect(err.message).not.toContain(ADMIN_KEY);
    expect(sleeps).toBe(2); // 3 attempts
  });
});

describe("transport", () => {
  const payload = { items: [{ id: "a", display_name: "Zoë Ünal 日本" }] };

  it("decodes gzip, brotli and deflate answers, and multi-byte text split across chunks", async () => {
    const zlib = await import("node:zlib");
    const raw = Buffer.from(JSON.stringify(payload));
    for (const [encoding, encode] of [["gzip", zlib.gzipSync], ["br", zlib.brotliCompressSync], ["deflate", zlib.deflateSync]] as const) {
      handler = (req, res) => {
        expect(req.headers["accept-encoding"]).toContain("gzip");
        res.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
        res.end(encode(raw));
      };
      expect(await client().request({ path: "/users", schema: z.unknown() })).toEqual(payload);
    }
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      // Cut inside the three bytes of 日: the text must still decode whole.
      const cut = raw.indexOf(Buffer.from("日")) + 1;
      res.write(raw.subarray(0, cut));
      setTimeout(() => res.end(raw.subarray(cut)), 20);
    };
    expect(await client().request({ path: "/users", schema: z.unknown() })).toEqual(payload);
  });

  it("reports a connection reset in the middle of the body as a network error, and never resends a write", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"items": [');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const err = await rejected(client().request({ method: "POST", path: "/users", body: {}, schema: z.unknown() }), StackNetworkError);
    expect(err.message).toContain("ECONNRESET");
    expect(seen.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("counts the deadline over the whole answer, a slow body included", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
    };
    await rejected(client({ timeoutMs: 200 }).request({ path: "/users", schema: z.unknown(), signal: undefined }), StackTimeoutError);
  });

  it("stops at once when the caller aborts, with the caller's reason", async () => {
    handler = () => {
      /* never answer */
    };
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new Error("client went away")), 50);
    const err = await client().request({ path: "/users", schema: z.unknown(), signal: ctl.signal }).catch((e: unknown) => e);
    expect((err as Error).message).toBe("client went away");
  });

  it("does not follow a redirect: the answer is an HTTP error", async () => {
    handler = (_req, res) => {
      res.writeHead(302, { location: "https://elsewhere.example/" });
      res.end();
    };
    const err = await rejected(client({ maxAttempts: 1 }).request({ path: "/users", schema: z.unknown() }), StackHttpError);
    expect(err.status).toBe(302);
    expect(seen).toHaveLength(1);
  });

  it("reuses one kept-alive connection for consecutive calls", async () => {
    handler = (_req, res) => json(res, 200, "{}");
    const ports = new Set<number>();
    server.on("connection", (socket) => ports.add(socket.remotePort ?? 0));
    for (let i = 0; i < 5; i++) await client().request({ path: "/users", schema: z.unknown() });
    server.removeAllListeners("connection");
    expect(ports.size).toBeLessThanOrEqual(1);
  });
});

describe("project path fallback", () => {
  it("falls back to /projects/current when /internal/projects/current is missing", async () => {
    handler = (req, res) => {
      if (req.url === "/api/v1/internal/projects/current") return text(res, 404, "Not found");
      json(res, 200, realSamples.adminProject.body);
    };
    const project = await getAdminProject(client());
    expect(project.display_name).toBe("Conformance project");
    expect(seen.map((s) => s.url)).toEqual(["/api/v1/internal/projects/current", "/api/v1/projects/current"]);
    await getAdminProject(client());
    expect(seen.map((s) => s.url).at(-1)).toBe("/api/v1/projects/current");
    expect(seen).toHaveLength(3);
  });
});
