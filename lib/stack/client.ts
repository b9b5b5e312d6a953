import "server-only";

import type { z } from "zod";

import type { ProjectCredentials } from "@/lib/stack/projects";
import {
  StackHttpError,
  StackKnownError,
  StackNetworkError,
  StackPathError,
  StackResponseError,
  StackTimeoutError,
} from "@/lib/stack/errors";
import { httpTransport, type Transport, type TransportResponse } from "@/lib/stack/transport";

/**
 * The one Stack client. Talks to `${apiUrl}/api/v1` with the project's super secret admin key
 * (https://docs.stack-auth.com/docs/rest-api/overview) using the legacy `x-stack-*` header spelling,
 * which old self-hosted servers require. It never sends the override-error-status header (so
 * statuses are real) and never adds cache-busting query params (unknown params are SCHEMA_ERRORs).
 */

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
export type QueryValue = string | number | boolean | null | undefined;

export interface StackRequest<S extends z.ZodType> {
  method?: HttpMethod;
  /** Path below /api/v1, starting with "/". Build it with `stackPath` so ids are encoded. */
  path: string;
  /** undefined/null values are dropped; booleans become "true"/"false". */
  query?: Record<string, QueryValue>;
  /** JSON body. When present, `content-type: application/json` is sent. */
  body?: unknown;
  schema: S;
  /** Label used in errors, e.g. "GET /users/{user_id}". Defaults to method + path. */
  endpoint?: string;
  signal?: AbortSignal;
}

export interface StackClient {
  readonly projectSlug: string;
  readonly projectId: string;
  readonly apiUrl: string;
  request<S extends z.ZodType>(req: StackRequest<S>): Promise<z.output<S>>;
}

export interface StackClientOptions {
  /** Per-attempt timeout. Default 10 000 ms. */
  timeoutMs?: number;
  /** Attempts for idempotent GETs. Default 3. Writes are always attempted once. */
  maxAttempts?: number;
  /** Upper bound for any single wait between attempts. Default 5 000 ms. */
  maxRetryWaitMs?: number;
  /** First back-off step when no Retry-After is given. Default 300 ms (then ×2). */
  baseBackoffMs?: number;
  /** Told every HTTP status Stack answers (the request's log line reports it). */
  onResponse?: (status: number) => void;
  /** Injectable for tests. */
  transport?: Transport;
  sleep?: (ms: number) => Promise<void>;
}

type ClientProject = Pick<ProjectCredentials, "slug" | "projectId" | "apiUrl" | "adminKey">;

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/**
 * Tagged template that URI-encodes every interpolated segment: stackPath`/users/${id}`.
 * Encoding alone leaves `.` and `..` as they are, and the URL parser resolves those (and an
 * empty segment changes the route too), so such values are refused before any request.
 */
export function stackPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce((acc, s, i) => acc + s + (i < values.length ? pathSegment(values[i]!) : ""), "");
}

function pathSegment(value: string | number): string {
  const text = String(value);
  if (text === "" || text === "." || text === "..") throw new StackPathError(text);
  return encodeURIComponent(text);
}

// A dot segment as the URL parser sees it: `.`, `..` and their percent-encoded spellings.
const DOT_SEGMENT_RE = /^(\.|%2e){1,2}$/i;

/** The last check on any path, however it was built: no dot or empty segments, no query or fragment. */
export function assertStackPath(path: string): void {
  if (!path.startsWith("/") || /[?#\\]/.test(path)) throw new StackPathError(path);
  for (const segment of path.slice(1).split("/")) {
    if (segment === "" || DOT_SEGMENT_RE.test(segment)) throw new StackPathError(path);
  }
}

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    params.append(k, typeof v === "boolean" ? (v ? "true" : "false") : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Retry-After in seconds (or an HTTP date) → milliseconds; null when absent or unparsable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const secs = Number(value.trim());
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function defaultSleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

function firstIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { path: "(root)", message: "invalid" };
  const path = issue.path.length
    ? issue.path
        .map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? String(seg) : `.${String(seg)}`))
        .join("")
    : "(root)";
  return { path, message: issue.message };
}

function networkReason(err: unknown): string {
  const direct = (err as { code?: unknown })?.code;
  if (typeof direct === "string") return direct;
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return err instanceof Error ? err.message : "network error";
}

function isAbortLike(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === "TimeoutError" || name === "AbortError";
}

export function createStackClient(project: ClientProject, options: StackClientOptions = {}): StackClient {
  const base = `${project.apiUrl.replace(/\/+$/, "")}/api/v1`;
  const origin = (() => {
    try {
      return new URL(project.apiUrl).origin;
    } catch {
      return project.apiUrl;
    }
  })();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const maxWait = options.maxRetryWaitMs ?? 5_000;
  const baseBackoff = options.baseBackoffMs ?? 300;
  // Not Next's patched fetch either: its data cache is for pages, and every Stack read must be fresh.
  const transport = options.transport ?? httpTransport;
  const sleep = options.sleep ?? defaultSleep;

  async function request<S extends z.ZodType>(req: StackRequest<S>): Promise<z.output<S>> {
    assertStackPath(req.path);
    const method = req.method ?? "GET";
    const endpoint = req.endpoint ?? `${method} ${req.path}`;
    const url = base + req.path + buildQuery(req.query);
    const hasBody = req.body !== undefined;
    const headers: Record<string, string> = {
      accept: "application/json",
      "x-stack-access-type": "admin",
      "x-stack-project-id": project.projectId,
      "x-stack-super-secret-admin-key": project.adminKey,
    };
    if (hasBody) headers["content-type"] = "application/json";
    const body = hasBody ? JSON.stringify(req.body) : undefined;
    const idempotent = method === "GET";
    const attempts = idempotent ? maxAttempts : 1;

    for (let attempt = 1; ; attempt++) {
      const isLast = attempt >= attempts;
      const backoff = () => Math.min(maxWait, baseBackoff * 2 ** (attempt - 1));

      let res: TransportResponse;
      try {
        res = await transport(url, { method, headers, body, timeoutMs, signal: req.signal });
      } catch (err) {
        if (req.signal?.aborted) throw req.signal.reason ?? err;
        if (isAbortLike(err)) {
          throw new StackTimeoutError({ endpoint, timeoutMs }, { cause: err });
        }
        const netErr = new StackNetworkError({ endpoint, origin, reason: networkReason(err) }, { cause: err });
        if (isLast) throw netErr;
        await sleep(backoff());
        continue;
      }

      const { text } = res;
      const requestId = res.header("x-stack-request-id") ?? res.header("x-hexclave-request-id");
      // We never send the override header, but a proxy or an old server config might still rewrite.
      const actualStatusHeader = res.header("x-hexclave-actual-status") ?? res.header("x-stack-actual-status");
      const status = actualStatusHeader && /^\d{3}$/.test(actualStatusHeader) ? Number(actualStatusHeader) : res.status;
      const knownErrorHeader = res.header("x-hexclave-known-error") ?? res.header("x-stack-known-error");
      options.onResponse?.(status);

      if (status >= 200 && status < 300) {
        let json: unknown;
        try {
          json = text === "" ? undefined : JSON.parse(text);
        } catch {
          throw new StackResponseError({
            endpoint,
            requestId,
            status,
            issuePath: "(root)",
            issue: `body is not JSON (${text.length} characters, content-type ${res.header("content-type") ?? "none"})`,
          });
        }
        const parsed = req.schema.safeParse(json);
        if (!parsed.success) {
          const issue = firstIssue(parsed.error);
          throw new StackResponseError({ endpoint, requestId, status, issuePath: issue.path, issue: issue.message });
        }
        return parsed.data;
      }

      if (knownErrorHeader) {
        const known = parseKnownError(text, knownErrorHeader);
        if (known) {
          throw new StackKnownError({ endpoint, requestId, status, ...known });
        }
      }

      if (!isLast && RETRYABLE_STATUS.has(status)) {
        const retryAfter = parseRetryAfter(res.header("retry-after"));
        await sleep(Math.min(maxWait, retryAfter ?? backoff()));
        continue;
      }

      throw new StackHttpError({ endpoint, requestId, status, text, hadKnownErrorHeader: Boolean(knownErrorHeader), retryAfterMs: parseRetryAfter(res.header("retry-after")) });
    }
  }

  return {
    projectSlug: project.slug,
    projectId: project.projectId,
    apiUrl: project.apiUrl,
    request,
  };
}

function parseKnownError(
  text: string,
  header: string,
): { code: string; error: string; details?: Record<string, unknown> } | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (!body || typeof body !== "object") return null;
  const { code, error, details } = body as { code?: unknown; error?: unknown; details?: unknown };
  // The SDK treats a header/body mismatch as a broken server; so do we (→ StackHttpError).
  if (typeof code !== "string" || code !== header) return null;
  return {
    code,
    error: typeof error === "string" ? error : code,
    details: details && typeof details === "object" && !Array.isArray(details) ? (details as Record<string, unknown>) : undefined,
  };
}
