import type { Context, Hono } from "hono";
import crypto from "node:crypto";

/**
 * Fault injection and the request log, for tests of a failing Stack (outside /api/v1).
 * A queued fault answers the next /api request it matches (any request when it names no method
 * or path); `count` repeats it. The request log lets a test prove a write was sent exactly once.
 */
export type Fault = {
  /** Answer with this status (429 and 5xx as plain text, like a real proxy or server) instead of handling. */
  status?: number;
  /** Seconds, sent as Retry-After with `status`. */
  retry_after?: number;
  /** Wait this long first (then apply the rest of the fault, or handle normally). */
  delay_ms?: number;
  /** Handle the request (a write is applied), then answer 200 with a truncated JSON body. */
  malformed_json?: boolean;
  /** Destroy the connection without an answer: "before" handling (default) or "after" (a write is applied). */
  reset?: "before" | "after" | boolean;
  /** Only for this method (e.g. "POST"). */
  method?: string;
  /** Only for paths below /api/v1 starting with this, e.g. "/users". */
  path?: string;
  /** How many matching requests the fault answers (default 1). */
  count?: number;
};

export type LoggedRequest = {
  seq: number;
  at_millis: number;
  method: string;
  /** Path below /api/v1 (or /api/latest), with the query string. */
  path: string;
  /** SHA-256 of the request body, for writes; null without a body. */
  body_sha256: string | null;
  /** The answer's status; "reset" when the connection was destroyed. */
  status: number | "reset" | null;
};

const LOG_LIMIT = 20_000;
/** Larger bodies are left for the route's own 413. */
const MAX_HASHED_BYTES = 8 * 1024 * 1024;
const FAULT_KEYS = new Set(["status", "retry_after", "delay_ms", "malformed_json", "reset", "method", "path", "count"]);

function validFault(f: unknown): f is Fault {
  if (!f || typeof f !== "object" || Array.isArray(f)) return false;
  const o = f as Record<string, unknown>;
  if (Object.keys(o).some((k) => !FAULT_KEYS.has(k))) return false;
  const int = (v: unknown, min: number, max: number) => v === undefined || (Number.isInteger(v) && (v as number) >= min && (v as number) <= max);
  return (
    int(o.status, 100, 599) &&
    int(o.retry_after, 0, 3600) &&
    int(o.delay_ms, 0, 600_000) &&
    int(o.count, 1, 10_000) &&
    (o.malformed_json === undefined || typeof o.malformed_json === "boolean") &&
    (o.reset === undefined || typeof o.reset === "boolean" || o.reset === "before" || o.reset === "after") &&
    (o.method === undefined || typeof o.method === "string") &&
    (o.path === undefined || typeof o.path === "string")
  );
}

/** The Node socket behind a request served by @hono/node-server (absent under app.fetch in tests). */
function socketOf(c: Context): { destroy: () => void } | null {
  const env = c.env as { incoming?: { socket?: { destroy: () => void } } } | undefined;
  return env?.incoming?.socket ?? null;
}

export function createFaultInjector() {
  const queue: Fault[] = [];
  const log: LoggedRequest[] = [];
  let seq = 0;

  function take(method: string, sub: string): Fault | null {
    const i = queue.findIndex((f) => (!f.method || f.method.toUpperCase() === method) && (!f.path || sub.startsWith(f.path)));
    if (i < 0) return null;
    const fault = queue[i]!;
    if ((fault.count ?? 1) <= 1) queue.splice(i, 1);
    else queue[i] = { ...fault, count: (fault.count ?? 1) - 1 };
    return fault;
  }

  /** Logs the request and applies a matching fault; returns the answer, or null to handle it normally. */
  async function apply(c: Context, sub: string, next: () => Promise<void>): Promise<Response | null> {
    const url = new URL(c.req.url);
    let bodyHash: string | null = null;
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && Number(c.req.header("content-length") ?? "0") <= MAX_HASHED_BYTES) {
      // Hono caches the body, so the route handler can still read it.
      const buf = Buffer.from(await c.req.arrayBuffer());
      if (buf.length > 0) bodyHash = crypto.createHash("sha256").update(buf).digest("hex");
    }
    const entry: LoggedRequest = { seq: ++seq, at_millis: Date.now(), method: c.req.method, path: sub + url.search, body_sha256: bodyHash, status: null };
    log.push(entry);
    if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);

    const fault = take(c.req.method, sub);
    if (fault?.delay_ms) await new Promise((r) => setTimeout(r, fault.delay_ms));
    const reset = () => {
      entry.status = "reset";
      socketOf(c)?.destroy();
      return new Response(null, { status: 500 });
    };
    if (fault && (fault.reset === true || fault.reset === "before")) return reset();
    if (fault?.status && fault.status >= 400) {
      const res = c.text(fault.status === 429 ? "Too many requests." : "An internal error occurred.", fault.status as 429);
      if (fault.retry_after !== undefined) res.headers.set("retry-after", String(fault.retry_after));
      entry.status = fault.status;
      return res;
    }
    await next();
    // After next() the answer is c.res (a returned Response would be ignored).
    if (fault?.reset === "after") {
      c.res = reset();
      return null;
    }
    if (fault?.malformed_json) {
      const text = await c.res.text();
      c.res = new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), {
        status: 200,
        headers: { "content-type": "application/json; charset=utf-8" },
      });
    }
    entry.status = c.res.status;
    return null;
  }

  /** `POST /__emulator/faults`, `GET /__emulator/requests?since=<seq>`, `DELETE /__emulator/faults`. */
  function routes(app: Hono) {
    app.post("/__emulator/faults", async (c) => {
      const body = (await c.req.json().catch(() => null)) as { faults?: unknown } | null;
      if (!body || !Array.isArray(body.faults) || !body.faults.every(validFault)) {
        return c.text('Expected {"faults": [{"status": 429, "retry_after": 1, "method": "GET", "path": "/users", "count": 1}]} (or delay_ms, malformed_json, reset).', 400);
      }
      queue.push(...(body.faults as Fault[]));
      return c.json({ pending: queue.length });
    });
    app.delete("/__emulator/faults", (c) => {
      queue.length = 0;
      return c.json({ pending: 0 });
    });
    app.get("/__emulator/requests", (c) => {
      const since = Number(c.req.query("since") ?? "0");
      return c.json({ last_seq: seq, items: log.filter((e) => e.seq > (Number.isFinite(since) ? since : 0)) });
    });
  }

  return { apply, routes };
}
