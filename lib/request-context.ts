import { AsyncLocalStorage } from "node:async_hooks";

// What one HTTP request carries through its async work: its id (shared by its log lines, the
// audit record and error messages) and the last Stack status it got. Opened per request by
// lib/server/shutdown.ts (instrumentation) around Node's "request" event; read by the action
// wrapper and written by the Stack client. No layer: lib/stack and lib/server both use it.

export type RequestLogContext = { requestId: string; upstreamStatus: number | null; upstreamCalls: number };

// One store per process, shared by the instrumentation bundle (which opens it) and the route bundles.
const STORE = Symbol.for("stack-admin.request-log-context");
const holder = globalThis as { [STORE]?: AsyncLocalStorage<RequestLogContext> };
const storage = (holder[STORE] ??= new AsyncLocalStorage<RequestLogContext>());

export function runWithRequestContext<T>(ctx: RequestLogContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function requestContext(): RequestLogContext | undefined {
  return storage.getStore();
}

/** Called for every Stack answer: the request's log line reports the last status. */
export function noteUpstreamStatus(status: number): void {
  const ctx = storage.getStore();
  if (!ctx) return;
  ctx.upstreamStatus = status;
  ctx.upstreamCalls++;
}
