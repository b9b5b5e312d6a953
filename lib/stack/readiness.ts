import "server-only";

import { z } from "zod";
import { StackHttpError, StackKnownError, StackNetworkError, StackResponseError, StackTimeoutError } from "@/lib/stack/errors";
import { getStackClient, projectKeyInUse } from "@/lib/stack/get-client";

export type StackAccess =
  | { ok: true; key: { position: number; of: number } }
  | { ok: false; code: string; key: { position: number; of: number } };

// Any list answer will do: the check is that the server answers an authenticated admin read.
const anyList = z.object({ items: z.array(z.unknown()) });

/**
 * Can the console reach this project's Stack API with a configured key? One cheap authenticated
 * read (`GET /users?limit=1`, served by every supported release) through the project's client,
 * so a key rotation's fallback applies. The answer names the failure by code, never a key or URL.
 */
export async function checkStackAccess(slug: string): Promise<StackAccess> {
  try {
    await getStackClient(slug).request({ path: "/users", query: { limit: 1 }, schema: anyList, endpoint: "GET /users (readiness)" });
    return { ok: true, key: projectKeyInUse(slug) };
  } catch (err) {
    return { ok: false, code: failureCode(err), key: projectKeyInUse(slug) };
  }
}

function failureCode(err: unknown): string {
  if (err instanceof StackKnownError) return err.code;
  if (err instanceof StackTimeoutError) return "STACK_TIMEOUT";
  if (err instanceof StackNetworkError) return "STACK_UNREACHABLE";
  if (err instanceof StackHttpError) return `STACK_HTTP_${err.status}`;
  if (err instanceof StackResponseError) return "STACK_BAD_RESPONSE";
  return "STACK_ERROR";
}
