import "server-only";

import { StackHttpError, StackKnownError, isStackError } from "@/lib/stack/errors";

/** A Stack failure as the page shows it: code + readable message, never the upstream body or a trace. */
export function stackErrorInfo(err: unknown): { code: string; message: string } | null {
  if (err instanceof StackKnownError) return { code: err.code, message: err.message };
  if (err instanceof StackHttpError) return { code: `HTTP_${err.status}`, message: `Stack answered HTTP ${err.status} for ${err.endpoint}.` };
  if (isStackError(err)) return { code: `UPSTREAM_${err.kind.toUpperCase()}`, message: err.message };
  return null;
}
