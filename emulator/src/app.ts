import { Hono } from "hono";
import type { Context } from "hono";
import zlib from "node:zlib";
import crypto from "node:crypto";
import { createAuthenticator, stackHeader, type AccessType } from "./auth";
import type { EmulatorConfig } from "./config";
import { openDatabase, registerMigration, type DB } from "./db";
import { Errors, KnownError, TextError } from "./errors";
import { createFaultInjector } from "./faults";
import { ensureDemoProject } from "./project-bootstrap";
import { releasePipeline } from "./releases/pipeline";
import { RELEASES } from "./releases/profiles";
import { modules } from "./resources";
import { makeUserIdOrMe, type EmulatorServices, type Reply, type RouteDef } from "./router";
import { validateRequest } from "./validation";

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const ALLOWED_METHODS = new Set(["GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS", "HEAD"]);
const REQUEST_HEADER_NAMES = [
  "project-id", "access-type", "publishable-client-key", "secret-server-key", "super-secret-admin-key",
  "admin-access-token", "access-token", "refresh-token", "branch-id", "override-error-status",
  "allow-anonymous-user", "allow-restricted-user", "client-version", "random-nonce",
  "development-override-key", "disable-artificial-development-delay", "development-disable-extended-logging",
];
const CORS_ALLOW_HEADERS = [
  "content-type", "authorization", "ngrok-skip-browser-warning",
  ...REQUEST_HEADER_NAMES.map((h) => `x-stack-${h}`),
  ...REQUEST_HEADER_NAMES.map((h) => `x-hexclave-${h}`),
].join(", ");

export type Emulator = {
  app: Hono;
  db: DB;
  config: EmulatorConfig;
  services: EmulatorServices;
  close: () => void;
};

const requestId = () => {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let s = "";
  for (const b of crypto.randomBytes(20)) s += alphabet[b & 31];
  return s;
};

/** Builds the emulator (database + HTTP app). `startEmulator` in server.ts listens. */
export function createEmulator(config: EmulatorConfig): Emulator {
  for (const m of modules) for (const mig of m.migrations ?? []) registerMigration(mig);
  const db = openDatabase(config.dbPath);
  ensureDemoProject(db, config);

  const recordStmt = db.prepare(
    "INSERT INTO emulator_outbox (id, project_id, kind, payload_json, created_at_millis) VALUES (?, ?, ?, ?, ?)",
  );
  const services: EmulatorServices = {
    db,
    config,
    now: () => Date.now(),
    record: (projectId, kind, payload) => {
      const id = crypto.randomUUID();
      recordStmt.run(id, projectId, kind, JSON.stringify(payload), Date.now());
      return id;
    },
  };
  const { authenticate } = createAuthenticator(db, config.jwtSecret);
  const faults = createFaultInjector();
  // Counts every /api request, so tests can prove that a refused dashboard action sent nothing upstream.
  let apiRequests = 0;

  const app = new Hono({ strict: false });
  const release = releasePipeline(RELEASES[config.release], config.missingRoutes);
  app.use("*", release.headers);

  // Headers every response carries (request id, cache-control, CORS, security headers), as a
  // real 2.8.86 server sends them.
  app.use("*", async (c, next) => {
    const id = requestId();
    await next();
    c.res.headers.set("x-stack-request-id", id);
    c.res.headers.set("x-hexclave-request-id", id);
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store, max-age=0");
    c.res.headers.set("x-content-type-options", "nosniff");
    c.res.headers.set("x-frame-options", "SAMEORIGIN");
    c.res.headers.set("referrer-policy", "strict-origin-when-cross-origin");
    if (c.req.path.startsWith("/api/")) {
      c.res.headers.set("access-control-allow-origin", "*");
      c.res.headers.set("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      c.res.headers.set("access-control-allow-headers", CORS_ALLOW_HEADERS);
      c.res.headers.set(
        "access-control-expose-headers",
        "content-type, x-stack-actual-status, x-stack-known-error, x-hexclave-actual-status, x-hexclave-known-error",
      );
      c.res.headers.set("access-control-max-age", "86400");
    }
  });

  // x-stack-override-error-status: every 4xx of an /api/ path — known errors and text alike, the
  // 405 of an unknown method and an injected 429 included — becomes 200 with the real status in
  // both actual-status headers; 5xx are never rewritten. An empty header value counts as absent.
  app.use("*", async (c, next) => {
    await next();
    if (!c.req.path.startsWith("/api/") || stackHeader(c.req.raw.headers, "override-error-status") === undefined) return;
    const status = c.res.status;
    if (status >= 400 && status < 500) {
      const res = new Response(c.res.body, { status: 200, headers: c.res.headers });
      res.headers.set("x-stack-actual-status", String(status));
      res.headers.set("x-hexclave-actual-status", String(status));
      c.res = res;
    }
  });

  // Unknown methods → 405 text; OPTIONS preflight → empty 200.
  app.use("*", async (c, next) => {
    if (!ALLOWED_METHODS.has(c.req.method)) return c.text(`Method ${c.req.method} is not allowed.`, 405);
    if (c.req.method === "OPTIONS" && c.req.path.startsWith("/api/")) return c.body(null, 200);
    await next();
  });

  // Counts and logs every /api request; a queued fault (faults.ts) answers instead when one matches.
  app.use("/api/*", async (c, next) => {
    apiRequests++;
    const sub = c.req.path.replace(/^\/api\/(v1|latest)/, "") || "/";
    // Logs the request (GET /__emulator/requests) and answers a queued fault instead, if one matches.
    const injected = await faults.apply(c, sub, next);
    if (injected) return injected;
  });
  // What the configured Stack release serves (routes, parameters, fields): releases/profiles.ts.
  app.use("/api/*", release.requests);

  // Emulator-only debug routes, outside /api/v1: health, the outbox of recorded side effects, faults.
  app.get("/health", (c) => c.text("OK"));
  app.get("/__emulator/stats", (c) => c.json({ api_requests: apiRequests }));
  app.get("/__emulator/outbox", (c) => {
    const kind = c.req.query("kind");
    const projectId = c.req.query("project_id");
    const rows = db
      .prepare(
        `SELECT id, project_id, kind, payload_json, created_at_millis FROM emulator_outbox
         WHERE (@kind IS NULL OR kind = @kind) AND (@project IS NULL OR project_id = @project) ORDER BY seq`,
      )
      .all({ kind: kind ?? null, project: projectId ?? null }) as { id: string; project_id: string; kind: string; payload_json: string; created_at_millis: number }[];
    return c.json({ items: rows.map((r) => ({ ...r, payload_json: undefined, payload: JSON.parse(r.payload_json) })) });
  });
  app.delete("/__emulator/outbox", (c) => {
    db.prepare("DELETE FROM emulator_outbox").run();
    return c.json({ success: true });
  });
  faults.routes(app);

  const PREFIXES = ["/api/v1", "/api/latest"];
  const api = {
    get: (path: string, h: (c: Context) => Response | Promise<Response>) => {
      for (const p of PREFIXES) app.get(p + (path === "/" ? "" : path), h);
    },
    on: (method: string, path: string, h: (c: Context) => Response | Promise<Response>) => {
      for (const p of PREFIXES) app.on(method, p + path, h);
    },
  };

  // GET /api/v1 — welcome text describing the detected authentication, like the real server's.
  api.get("/", (c) => {
    const q = Object.keys(c.req.query());
    if (q.length > 0) {
      throw Errors.schema(`Request validation failed on GET ${c.req.path}:\n  - query contains unknown properties: ${q.join(", ")}`);
    }
    const auth = authenticate(c.req.raw.headers);
    const who = auth
      ? `Access type: ${auth.accessType}\nProject: ${auth.projectId}\nUser: ${auth.userId ?? "None"}`
      : "None";
    return c.text(`Welcome to the Stack API endpoint! Please refer to the documentation at https://docs.stack-auth.com.\n\nAuthentication: ${who}`);
  });
  api.get("/internal/backend-urls", (c) => {
    const url = new URL(c.req.url);
    return c.json({ urls: [url.origin] });
  });

  const patterns: RegExp[] = [/^\/?$/, /^\/internal\/backend-urls\/?$/];
  for (const m of modules) {
    for (const r of m.routes) {
      patterns.push(new RegExp("^" + r.path.replace(/:[a-z_]+/g, "[^/]+") + "/?$"));
      api.on(r.method, r.path, (c) => handle(c, r));
    }
  }

  app.notFound((c) => {
    const m = /^\/api\/(v1|latest)(\/.*)?$/.exec(c.req.path);
    if (m) {
      const sub = m[2] ?? "/";
      if (patterns.some((p) => p.test(sub))) return c.text(`Method ${c.req.method} is not allowed for ${c.req.path}.`, 405);
      return c.text(`404 — this page does not exist in Stack Auth's API.\n\nPath: ${c.req.path}`, 404);
    }
    return c.text(`404 — not found.\n\nPath: ${c.req.path}`, 404);
  });

  async function readBody(c: Context): Promise<unknown> {
    if (c.req.method === "GET" || c.req.method === "HEAD") return undefined;
    const len = Number(c.req.header("content-length") ?? "0");
    if (len > MAX_BODY_BYTES) throw new TextError(413, "Request body too large.");
    let buf = Buffer.from(await c.req.arrayBuffer());
    const enc = c.req.header("content-encoding")?.toLowerCase();
    if (enc === "gzip" || enc === "deflate") {
      try {
        buf = enc === "gzip" ? zlib.gunzipSync(buf, { maxOutputLength: MAX_BODY_BYTES + 1 }) : zlib.inflateSync(buf, { maxOutputLength: MAX_BODY_BYTES + 1 });
      } catch (e) {
        if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new TextError(413, "Request body too large.");
        throw Errors.bodyParsing("Invalid content encoding");
      }
    } else if (enc && enc !== "identity") {
      throw Errors.bodyParsing(`Unsupported content-encoding: ${enc}`);
    }
    if (buf.length > MAX_BODY_BYTES) throw new TextError(413, "Request body too large.");
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type === "") return undefined;
    if (type === "application/json") {
      if (buf.length === 0) return undefined;
      const text = buf.toString("utf8");
      try {
        return JSON.parse(text);
      } catch {
        throw Errors.bodyParsing("Invalid JSON in request body");
      }
    }
    if (type === "text/plain") return buf.toString("utf8");
    if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(buf.toString("utf8")));
    if (type === "application/octet-stream") return buf;
    throw Errors.bodyParsing(`Unsupported content-type: ${type}`);
  }

  async function handle(c: Context, r: RouteDef): Promise<Response> {
    const auth = authenticate(c.req.raw.headers);
    if (!auth) throw Errors.accessTypeRequired();
    if (!r.access.includes(auth.accessType)) throw Errors.insufficientAccessType(auth.accessType, r.access);
    const pick = <T,>(s: T | ((a: AccessType) => T) | undefined) =>
      typeof s === "function" ? (s as (a: AccessType) => T)(auth.accessType) : s;
    const rawBody = await readBody(c);
    const url = new URL(c.req.url);
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key] = value;
    const parsed = validateRequest(c.req.method, url.pathname, {
      params: { schema: pick(r.params), value: c.req.param() as Record<string, string> },
      query: { schema: pick(r.query), value: query },
      body: { schema: pick(r.body), value: rawBody },
    });
    const result = await r.handler({
      auth,
      ...parsed,
      headers: c.req.raw.headers,
      services,
      userIdOrMe: makeUserIdOrMe(auth),
    });
    return toResponse(c, result);
  }

  function toResponse(c: Context, result: unknown): Response {
    const pretty = (c.req.header("accept") ?? "").includes("text/html");
    const r: Reply =
      result && typeof result === "object" && "status" in result && ("json" in result || "text" in result)
        ? (result as Reply)
        : { status: 200, json: result };
    if ("text" in r) return c.text(r.text, r.status as 200);
    return new Response(pretty ? JSON.stringify(r.json, null, 2) : JSON.stringify(r.json), {
      status: r.status,
      headers: { "content-type": "application/json; charset=utf-8" },
    });
  }

  const onError = (err: Error, c: Context) => {
    if (err instanceof KnownError) {
      return new Response(JSON.stringify(err.toJSON(), null, 2), {
        status: err.status,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "x-stack-known-error": err.code,
          "x-hexclave-known-error": err.code,
        },
      });
    }
    if (err instanceof TextError) return c.text(err.message, err.status as 400);
    // Never a stack trace on the wire.
    console.error(`[emulator] internal error on ${c.req.method} ${c.req.path}:`, err);
    return c.text("An internal error occurred. Please check the emulator's logs.", 500);
  };
  app.onError(onError);

  return { app, db, config, services, close: () => db.close() };
}
