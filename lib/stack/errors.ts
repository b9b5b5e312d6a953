import "server-only";

/**
 * Errors thrown by the Stack client. Messages are safe to show to an operator: they never contain
 * request headers (keys) and upstream bodies are capped.
 */

export const MAX_UPSTREAM_TEXT = 300;

export function capText(text: string, max = MAX_UPSTREAM_TEXT): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max)}… (${t.length - max} more characters)` : t;
}

interface BaseInit {
  /** e.g. "GET /users/{id}" — method plus path, never the query string or headers. */
  endpoint: string;
  requestId?: string | null;
}

export abstract class StackError extends Error {
  abstract readonly kind: "known" | "http" | "timeout" | "network" | "response";
  readonly endpoint: string;
  readonly requestId: string | null;
  protected constructor(message: string, init: BaseInit, options?: { cause?: unknown }) {
    super(message, options);
    this.endpoint = init.endpoint;
    this.requestId = init.requestId ?? null;
  }
}

/** A Stack known error: `x-stack-known-error` header present and equal to `body.code` (`KnownErrorJson` in @stackframe/stack-shared). */
export class StackKnownError extends StackError {
  readonly kind = "known" as const;
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    init: BaseInit & { code: string; status: number; error: string; details?: Record<string, unknown> },
  ) {
    super(capText(init.error, 1000), init);
    this.name = "StackKnownError";
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
  }
}

/** A non-known error answer (plain text 4xx/5xx, or a malformed known-error answer). */
export class StackHttpError extends StackError {
  readonly kind = "http" as const;
  readonly status: number;
  /** Upstream body, capped to MAX_UPSTREAM_TEXT characters. */
  readonly text: string;
  /** True when the answer carried no known-error header (routeMissing relies on it). */
  readonly hadKnownErrorHeader: boolean;
  /** The answer's Retry-After in milliseconds (429, 503), for callers that retry writes themselves (bulk jobs). */
  readonly retryAfterMs: number | null;
  constructor(init: BaseInit & { status: number; text: string; hadKnownErrorHeader?: boolean; retryAfterMs?: number | null }) {
    const text = capText(init.text);
    super(`Stack answered HTTP ${init.status} for ${init.endpoint}${text ? `: ${text}` : ""}`, init);
    this.name = "StackHttpError";
    this.status = init.status;
    this.text = text;
    this.hadKnownErrorHeader = init.hadKnownErrorHeader ?? false;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

export class StackTimeoutError extends StackError {
  readonly kind = "timeout" as const;
  readonly timeoutMs: number;
  constructor(init: BaseInit & { timeoutMs: number }, options?: { cause?: unknown }) {
    super(`Stack did not answer ${init.endpoint} within ${init.timeoutMs} ms`, init, options);
    this.name = "StackTimeoutError";
    this.timeoutMs = init.timeoutMs;
  }
}

export class StackNetworkError extends StackError {
  readonly kind = "network" as const;
  /** The socket error's code (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET …) or message. */
  readonly reason: string;
  readonly origin: string;
  constructor(init: BaseInit & { origin: string; reason: string }, options?: { cause?: unknown }) {
    super(`Could not reach Stack at ${init.origin} for ${init.endpoint} (${init.reason})`, init, options);
    this.name = "StackNetworkError";
    this.reason = init.reason;
    this.origin = init.origin;
  }
}

/** A 2xx answer whose body is not what the contract promises. */
export class StackResponseError extends StackError {
  readonly kind = "response" as const;
  readonly status: number;
  /** Dotted path of the first failing field, e.g. "items[0].id"; "(root)" for the whole body. */
  readonly issuePath: string;
  readonly issue: string;
  constructor(init: BaseInit & { status: number; issuePath: string; issue: string }) {
    super(
      `Unexpected response from Stack for ${init.endpoint}: ${init.issuePath}: ${init.issue}`,
      init,
    );
    this.name = "StackResponseError";
    this.status = init.status;
    this.issuePath = init.issuePath;
    this.issue = init.issue;
  }
}

/**
 * A path the client refuses to send: an id that is empty or a dot segment would address another
 * Stack route once the URL is normalised. Thrown before any request is made.
 */
export class StackPathError extends Error {
  constructor(readonly value: string) {
    super(`Not a valid id for a Stack path: ${JSON.stringify(capText(value, 40))}.`);
    this.name = "StackPathError";
  }
}

export function isStackError(err: unknown): err is StackError {
  return err instanceof StackError;
}

/** True for a known error with one of the given codes. */
export function isKnownError(err: unknown, ...codes: string[]): err is StackKnownError {
  return err instanceof StackKnownError && (codes.length === 0 || codes.includes(err.code));
}

/**
 * True when the target server does not have this route at all: a plain-text 404 without a
 * known-error header, as Stack answers an unknown route. A 404 known error (USER_NOT_FOUND …) is not.
 */
export function isRouteMissing(err: unknown): boolean {
  return err instanceof StackHttpError && err.status === 404 && !err.hadKnownErrorHeader;
}
