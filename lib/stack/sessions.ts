import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import {
  listEnvelopeSchema,
  sessionSchema,
  sessionTokensSchema,
  successSchema,
  type StackSession,
  type StackSessionTokens,
} from "@/lib/stack/schemas";

const sessionListSchema = listEnvelopeSchema(sessionSchema);

/** [NEW] `GET /auth/sessions?user_id=` — newest first, not paginated. */
export async function listSessions(client: StackClient, userId: string): Promise<StackSession[]> {
  const env = await client.request({ path: "/auth/sessions", query: { user_id: userId }, schema: sessionListSchema });
  return env.items;
}

export interface CreateSessionOptions {
  userId: string;
  /** ≤ 367 days; server default 365 days. */
  expiresInMillis?: number;
  /** [NEW] Only sent when given (old servers reject the field). */
  isImpersonation?: boolean;
}

/** `POST /auth/sessions` (impersonation). The tokens are secrets: hand them only to the operator who asked. */
export async function createSession(client: StackClient, opts: CreateSessionOptions): Promise<StackSessionTokens> {
  return client.request({
    method: "POST",
    path: "/auth/sessions",
    body: {
      user_id: opts.userId,
      ...(opts.expiresInMillis !== undefined ? { expires_in_millis: opts.expiresInMillis } : {}),
      ...(opts.isImpersonation !== undefined ? { is_impersonation: opts.isImpersonation } : {}),
    },
    schema: sessionTokensSchema,
  });
}

/**
 * [NEW] `DELETE /auth/sessions/{id}?user_id=<owner>`. A real server requires `user_id` with
 * server/admin access (without it, 400 SCHEMA_ERROR on Stack 2.8), unlike what the SDK sends.
 */
export async function revokeSession(client: StackClient, opts: { sessionId: string; userId: string }): Promise<void> {
  await client.request({
    method: "DELETE",
    path: stackPath`/auth/sessions/${opts.sessionId}`,
    endpoint: "DELETE /auth/sessions/{session_id}",
    query: { user_id: opts.userId },
    schema: successSchema,
  });
}
