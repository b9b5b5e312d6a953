import crypto from "node:crypto";
import { expect } from "vitest";
import { DEMO, type AccessType, type TestEmulator } from "./helpers";

export type FixtureUser = { id: string; primaryEmail: string | null };

/**
 * Creates a user in the demo project: through `POST /users` when the users module serves it,
 * otherwise by inserting the rows directly (same columns the users module writes).
 */
export async function createUser(
  emu: TestEmulator,
  opts: { primaryEmail?: string | null; displayName?: string | null; emailVerified?: boolean; emailAuth?: boolean; isAnonymous?: boolean } = {},
): Promise<FixtureUser> {
  const primaryEmail = opts.primaryEmail === undefined ? `user-${crypto.randomUUID().slice(0, 8)}@example.com` : opts.primaryEmail;
  const body: Record<string, unknown> = { display_name: opts.displayName ?? null };
  if (primaryEmail !== null) {
    body.primary_email = primaryEmail;
    body.primary_email_verified = opts.emailVerified ?? false;
    body.primary_email_auth_enabled = opts.emailAuth ?? false;
  }
  if (opts.isAnonymous) body.is_anonymous = true;
  const res = await emu.fetch("/users", { method: "POST", accessType: "server", body });
  if (res.status === 201) return { id: res.body.id, primaryEmail: res.body.primary_email };
  // Users endpoint not available: insert the rows directly.
  expect([404, 405]).toContain(res.status);
  const id = crypto.randomUUID();
  const now = Date.now();
  const db = emu.db;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO users (id, project_id, display_name, signed_up_at_millis, last_active_at_millis, is_anonymous, search_text) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, DEMO.projectId, opts.displayName ?? null, now, now, opts.isAnonymous ? 1 : 0, [opts.displayName ?? "", primaryEmail ?? ""].join("\n").toLowerCase());
    if (primaryEmail !== null) {
      db.prepare(
        `INSERT INTO contact_channels (id, project_id, user_id, type, value, value_lower, is_primary, is_verified, used_for_auth, created_at_millis)
         VALUES (?, ?, ?, 'email', ?, ?, 1, ?, ?, ?)`,
      ).run(crypto.randomUUID(), DEMO.projectId, id, primaryEmail, primaryEmail.toLowerCase(), opts.emailVerified ? 1 : 0, opts.emailAuth ? 1 : 0, now);
    }
  })();
  return { id, primaryEmail };
}

/** Signs a user in through `POST /auth/sessions` and returns the tokens. */
export async function signIn(emu: TestEmulator, userId: string, opts: { isImpersonation?: boolean; accessType?: AccessType } = {}) {
  const res = await emu.fetch("/auth/sessions", {
    method: "POST",
    accessType: opts.accessType ?? "server",
    body: { user_id: userId, ...(opts.isImpersonation ? { is_impersonation: true } : {}) },
  });
  expect(res.status).toBe(200);
  return { accessToken: res.body.access_token as string, refreshToken: res.body.refresh_token as string };
}

/** Extra headers for a request made as the signed-in user. */
export const asUser = (accessToken: string, extra: Record<string, string> = {}) => ({ "x-stack-access-token": accessToken, ...extra });

/** Reads the search text the user search matches against. */
export const searchText = (emu: TestEmulator, userId: string) =>
  emu.db.prepare("SELECT search_text FROM users WHERE id = ?").pluck().get(userId) as string;
