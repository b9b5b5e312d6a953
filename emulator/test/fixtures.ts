import crypto from "node:crypto";
import { expect } from "vitest";
import type { AccessType, NiceResponse, TestEmulator } from "./helpers";

// Shared test fixtures. Everything goes through the HTTP API.

let counter = 0;

/** Creates a user through POST /users (server access) and returns its id. */
export async function createUser(
  emu: TestEmulator,
  body: { primary_email?: string; primary_email_verified?: boolean; display_name?: string; [k: string]: unknown } = {},
): Promise<string> {
  const res = await emu.fetch("/users", { method: "POST", accessType: "server", body });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

export type FixtureUser = { id: string; primaryEmail: string | null };

/**
 * Creates a user from camel-case options (random unique e-mail unless `primaryEmail` is given or
 * null; e-mail unverified and not used for sign-in unless asked) and returns its id and e-mail.
 */
export async function createTestUser(
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
  const id = await createUser(emu, body);
  return { id, primaryEmail };
}

/** A user with a verified primary e-mail (unique address unless given). */
export async function createVerifiedUser(emu: TestEmulator, email = `user-${Date.now()}-${++counter}@example.com`) {
  const id = await createUser(emu, { primary_email: email, primary_email_verified: true, primary_email_auth_enabled: true });
  return { id, email };
}

/** Signs a user in through `POST /auth/sessions` and returns the tokens. */
export async function signIn(emu: TestEmulator, userId: string, opts: { isImpersonation?: boolean; accessType?: AccessType } = {}) {
  const res = await emu.fetch("/auth/sessions", {
    method: "POST",
    accessType: opts.accessType ?? "server",
    body: { user_id: userId, ...(opts.isImpersonation ? { is_impersonation: true } : {}) },
  });
  expect(res.status, res.text).toBe(200);
  return { accessToken: res.body.access_token as string, refreshToken: res.body.refresh_token as string };
}

/** Issues an access token for the user (POST /auth/sessions) to act as that user with client access. */
export async function accessTokenFor(emu: TestEmulator, userId: string): Promise<string> {
  return (await signIn(emu, userId)).accessToken;
}

/** Extra headers for a request made as the signed-in user. */
export const userHeaders = (accessToken: string, extra: Record<string, string> = {}) => ({ "x-stack-access-token": accessToken, ...extra });

/** Reads the search text the user search matches against. */
export const searchText = (emu: TestEmulator, userId: string) =>
  emu.db.prepare("SELECT search_text FROM users WHERE id = ?").pluck().get(userId) as string;

/** `emu.fetch` with client access as the given user. */
export function asUser(emu: TestEmulator, token: string) {
  return (path: string, opts: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<NiceResponse> =>
    emu.fetch(path, { ...opts, accessType: "client", headers: userHeaders(token, opts.headers) });
}

/** Merges config keys (dotted) into the environment override, like the SDK's project.updateConfig. */
export async function updateConfig(emu: TestEmulator, delta: Record<string, unknown>) {
  const res = await emu.fetch("/internal/config/override/environment", {
    method: "PATCH",
    accessType: "admin",
    body: { config_override_string: JSON.stringify(delta) },
  });
  expect(res.status, res.text).toBe(200);
}

/** The rendered project config (GET /internal/config). */
export async function readConfig(emu: TestEmulator): Promise<any> {
  const res = await emu.fetch("/internal/config", { accessType: "admin" });
  expect(res.status, res.text).toBe(200);
  return JSON.parse(res.body.config_string);
}

/** Creates a team (admin access), optionally with a creator. */
export async function createTeam(emu: TestEmulator, body: { display_name?: string; creator_user_id?: string; [k: string]: unknown } = {}) {
  const res = await emu.fetch("/teams", { method: "POST", accessType: "admin", body: { display_name: `Team ${++counter}`, ...body } });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; display_name: string; created_at_millis: number };
}

export async function addMember(emu: TestEmulator, teamId: string, userId: string) {
  const res = await emu.fetch(`/team-memberships/${teamId}/${userId}`, { method: "POST", accessType: "server", body: {} });
  expect(res.status, res.text).toBe(201);
}

/** Outbox entries of a kind recorded since `since` (a seq-less filter: compare by id list). */
export async function outbox(emu: TestEmulator, kind: string): Promise<{ id: string; payload: any }[]> {
  const res = await fetch(`${emu.url}/__emulator/outbox?kind=${kind}`);
  return ((await res.json()) as { items: { id: string; payload: any }[] }).items;
}

/** Direct team permission ids of a member (GET /team-permissions). */
export async function teamPermissionIds(emu: TestEmulator, teamId: string, userId: string, recursive = false): Promise<string[]> {
  const res = await emu.fetch(`/team-permissions?team_id=${teamId}&user_id=${userId}&recursive=${recursive}`, { accessType: "server" });
  expect(res.status, res.text).toBe(200);
  return (res.body.items as { id: string }[]).map((p) => p.id);
}
