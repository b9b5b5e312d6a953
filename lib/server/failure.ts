import "server-only";

import { safeAudit } from "@/lib/server/audit";
import { StackError, StackHttpError, StackKnownError, StackNetworkError, StackPathError, StackResponseError, StackTimeoutError } from "@/lib/stack/errors";

/** Thrown by server code for expected, user-facing refusals (e.g. "user has no e-mail"). */
export class ActionRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Failure = { code: string; message: string; httpStatus: number };

// The request may have reached Stack and been applied although no answer came back.
const MAYBE_APPLIED = " The change may have been applied: reload to check before trying again.";
const isWrite = (err: StackError) => !err.endpoint.startsWith("GET ");

function networkFailure(err: StackNetworkError): Failure {
  const reason = err.reason.toUpperCase();
  if (reason.includes("ECONNREFUSED")) {
    return { code: "UPSTREAM_REFUSED", message: `Stack refused the connection at ${err.origin}: the server is down or the project's API URL is wrong.`, httpStatus: 502 };
  }
  if (reason.includes("ENOTFOUND") || reason.includes("EAI_AGAIN")) {
    return { code: "UPSTREAM_UNREACHABLE", message: `The Stack host of ${err.origin} could not be found. Check the project's API URL.`, httpStatus: 502 };
  }
  if (reason.includes("ECONNRESET") || reason.includes("UND_ERR_SOCKET") || reason.includes("SOCKET") || reason.includes("CLOSED")) {
    return { code: "UPSTREAM_CONNECTION_RESET", message: `The connection to Stack was cut before it answered.${isWrite(err) ? MAYBE_APPLIED : " Try again."}`, httpStatus: 502 };
  }
  return { code: "UPSTREAM_UNREACHABLE", message: `Stack could not be reached at ${err.origin} (${err.reason.slice(0, 80)}).`, httpStatus: 502 };
}

/**
 * The one mapping from a thrown error to what an operator sees (actions, route handlers, pages):
 * Stack's code and a readable message for expected failures; anything else is logged with a
 * request id and masked. Never a stack trace, never a whole upstream body.
 */
export function describeFailure(err: unknown, requestId: string = crypto.randomUUID()): Failure {
  if (err instanceof ActionRefusal) return { code: err.code, message: err.message, httpStatus: 400 };
  if (err instanceof StackPathError) return { code: "INVALID_INPUT", message: err.message, httpStatus: 400 };
  if (err instanceof StackKnownError) return { code: err.code, message: err.message, httpStatus: err.status >= 500 ? 502 : err.status };
  if (err instanceof StackHttpError) {
    if (err.status === 429) return { code: "UPSTREAM_RATE_LIMITED", message: "Stack is rate-limiting requests (HTTP 429). Wait a little and try again.", httpStatus: 503 };
    if (err.status >= 500) return { code: `HTTP_${err.status}`, message: `Stack failed with HTTP ${err.status}. Try again.`, httpStatus: 502 };
    return { code: `HTTP_${err.status}`, message: err.text || `Stack refused the request (HTTP ${err.status}).`, httpStatus: 502 };
  }
  if (err instanceof StackTimeoutError) {
    const secs = Math.round(err.timeoutMs / 100) / 10;
    return { code: "UPSTREAM_TIMEOUT", message: `Stack did not answer within ${secs} s.${isWrite(err) ? MAYBE_APPLIED : " Try again."}`, httpStatus: 504 };
  }
  if (err instanceof StackNetworkError) return networkFailure(err);
  if (err instanceof StackResponseError) return { code: "UPSTREAM_INVALID_RESPONSE", message: err.message + (isWrite(err) ? MAYBE_APPLIED : ""), httpStatus: 502 };
  if (err instanceof StackError) return { code: "UPSTREAM_ERROR", message: err.message, httpStatus: 502 };
  console.error(`[stack-admin] unexpected error (request ${requestId})`, err);
  return { code: "INTERNAL", message: `Something went wrong. The error was logged (request ${requestId}).`, httpStatus: 500 };
}

export type ReadContext = { action: string; operator: { email: string; role: string }; project: { slug: string; projectId: string } };

/** For pages and route handlers that read: maps the failure and records it in the audit log (actions audit their own). */
export function describeReadFailure(err: unknown, ctx: ReadContext): Failure {
  const requestId = crypto.randomUUID();
  const failure = describeFailure(err, requestId);
  // Not awaited: a read changes nothing, and the page should not wait on the log (safeAudit never throws).
  void safeAudit({
    actor: { email: ctx.operator.email, role: ctx.operator.role },
    action: ctx.action,
    project: { slug: ctx.project.slug, projectId: ctx.project.projectId },
    status: "failure",
    errorCode: failure.code,
    message: failure.message,
    requestId,
  });
  return failure;
}
