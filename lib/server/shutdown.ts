import "server-only";

import crypto from "node:crypto";
import http from "node:http";
import { closeDb } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { runWithRequestContext, type RequestLogContext } from "@/lib/request-context";

// The process side of a deployment, installed once by instrumentation.ts before Next serves:
// - every HTTP request runs in a request context (its id, the Stack statuses it got) and ends
//   with one JSON log line;
// - SIGTERM (docker stop, Kubernetes, systemd) stops accepting connections, lets the requests in
//   flight finish, runs the onShutdown hooks, closes the console's database and exits 0.
// scripts/serve.mjs sets NEXT_MANUAL_SIG_HANDLE so that Next's own handler, which exits as soon
// as the server has closed, stays out of the way
// (https://nextjs.org/docs/app/guides/self-hosting#manual-graceful-shutdowns).

type Hook = { name: string; run: () => Promise<void> | void };
type State = { installed: boolean; servers: Set<http.Server>; inFlight: number; hooks: Hook[]; stopping: boolean };

// One per process, shared by the instrumentation bundle and the route bundles.
const KEY = Symbol.for("stack-admin.shutdown");
const holder = globalThis as { [KEY]?: State };
const state = (holder[KEY] ??= { installed: false, servers: new Set(), inFlight: 0, hooks: [], stopping: false });

/**
 * Registers work to finish before the process exits, after the last request: e.g. a bulk-job
 * runner finishes its current item and marks the job to resume on the next start. Hooks run in
 * registration order, each bounded by the stop deadline; returns an unregister function.
 */
export function onShutdown(name: string, run: Hook["run"]): () => void {
  const hook = { name, run };
  state.hooks.push(hook);
  return () => {
    state.hooks = state.hooks.filter((h) => h !== hook);
  };
}

/** True once SIGTERM has arrived: long-running work should stop taking new items. */
export function isShuttingDown(): boolean {
  return state.stopping;
}

// A proxy may send its own id (nginx: `proxy_set_header X-Request-Id $request_id`); anything
// else, or anything that is not a plain token, gets a fresh one.
const REQUEST_ID_RE = /^[A-Za-z0-9_-]{8,64}$/;

type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

export function installProcessHooks(): void {
  if (state.installed) return;
  state.installed = true;
  const proto = http.Server.prototype as unknown as { emit: Emit };
  const emit = proto.emit;
  proto.emit = function (event, ...args) {
    if (event !== "request") return emit.call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    state.servers.add(this);
    const sent = req.headers["x-request-id"];
    const ctx: RequestLogContext = {
      requestId: typeof sent === "string" && REQUEST_ID_RE.test(sent) ? sent : crypto.randomUUID(),
      upstreamStatus: null,
      upstreamCalls: 0,
    };
    const started = performance.now();
    state.inFlight++;
    // During a stop, answers close their connection so keep-alive clients reconnect elsewhere.
    if (state.stopping) res.setHeader("connection", "close");
    res.once("close", () => {
      state.inFlight--;
      // The path only: a query string can hold search terms (e-mails, names).
      const path = (req.url ?? "").split("?")[0];
      // Static assets at debug: one page load fetches a dozen of them.
      const level = res.statusCode >= 500 ? "error" : /\/_next\/(static|image)\//.test(path) ? "debug" : "info";
      log(level, "request", {
        requestId: ctx.requestId,
        method: req.method,
        path,
        status: res.statusCode,
        upstreamStatus: ctx.upstreamStatus,
        upstreamCalls: ctx.upstreamCalls,
        durationMs: Math.round(performance.now() - started),
      });
    });
    return runWithRequestContext(ctx, () => emit.call(this, event, ...args));
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

async function stop(signal: string): Promise<void> {
  state.stopping = true;
  const deadline = Date.now() + stopTimeoutMs();
  log("info", "shutdown", { signal, inFlight: state.inFlight });
  for (const server of state.servers) {
    server.close();
    // Idle keep-alive sockets would hold the server open; busy ones close after their answer.
    server.closeIdleConnections();
  }
  while (state.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const hook of state.hooks) {
    try {
      await withDeadline(Promise.resolve(hook.run()), deadline);
    } catch (err) {
      log("error", "shutdown hook failed", { hook: hook.name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  try {
    await withDeadline(closeDb(), deadline);
  } catch (err) {
    log("error", "database close failed", { error: err instanceof Error ? err.message : String(err) });
  }
  log("info", "stopped", { signal, unfinished: state.inFlight });
  process.exit(state.inFlight > 0 ? 1 : 0);
}

/** SHUTDOWN_TIMEOUT_MS (default 25 s: under Docker's and Kubernetes' 30 s before SIGKILL). */
function stopTimeoutMs(): number {
  const n = Number(process.env.SHUTDOWN_TIMEOUT_MS);
  return Number.isFinite(n) && n >= 0 ? n : 25_000;
}

function withDeadline<T>(p: Promise<T>, deadline: number): Promise<T | void> {
  return Promise.race([p, new Promise<void>((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref())]);
}
