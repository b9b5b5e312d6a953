import "server-only";

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
    if (err.status >= 500) return { code: `HTTP_${err.status}`, message: `Stack failed with HTTP ${err.status}. Try again.`, httpStatus: 502 };
    return { code: `HTTP_${err.status}`, message: err.text || `Stack refused the request (HTTP ${err.status}).`, httpStatus: 502 };
  }
  if (err instanceof StackTimeoutError) return { code: "UPSTREAM_TIMEOUT", message: "Stack did not answer in time. Try again.", httpStatus: 504 };
  if (err instanceof StackNetworkError) return { code: "UPSTREAM_UNREACHABLE", message: "Stack could not be reached. Check the API URL.", httpStatus: 502 };
  if (err instanceof StackResponseError) return { code: "UPSTREAM_INVALID_RESPONSE", message: err.message, httpStatus: 502 };
  if (err instanceof StackError) return { code: "UPSTREAM_ERROR", message: err.message, httpStatus: 502 };
  console.error(`[stack-admin] unexpected error (request ${requestId})`, err);
  return { code: "INTERNAL", message: `Something went wrong. The error was logged (request ${requestId}).`, httpStatus: 500 };
}
