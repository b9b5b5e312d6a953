import "server-only";

import { StackError, StackKnownError } from "@/lib/stack/errors";

/** A page-level failure as the ErrorBanner shows it: Stack code + readable message, never a trace. */
export function describePageError(err: unknown): { code: string | null; message: string } {
  if (err instanceof StackKnownError) return { code: err.code, message: err.message };
  if (err instanceof StackError) return { code: null, message: err.message };
  console.error("[page] unexpected error", err);
  return { code: null, message: "Something went wrong while loading this page. The error was logged." };
}
