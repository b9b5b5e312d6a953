import { expect } from "vitest";
import type { NiceResponse, TestEmulator } from "./helpers";

// Helpers for the team / permission tests. Everything goes through the HTTP API.

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

/** A user with a verified primary e-mail (unique address unless given). */
export async function createVerifiedUser(emu: TestEmulator, email = `user-${Date.now()}-${++counter}@example.com`) {
  const id = await createUser(emu, { primary_email: email, primary_email_verified: true, primary_email_auth_enabled: true });
  return { id, email };
}

/** Issues an access token for the user (POST /auth/sessions) to act as that user with client access. */
export async function accessTokenFor(emu: TestEmulator, userId: string): Promise<string> {
  const res = await emu.fetch("/auth/sessions", { method: "POST", accessType: "server", body: { user_id: userId } });
  expect(res.status, res.text).toBe(200);
  return res.body.access_token as string;
}

/** `emu.fetch` with client access as the given user. */
export function asUser(emu: TestEmulator, token: string) {
  return (path: string, opts: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<NiceResponse> =>
    emu.fetch(path, { ...opts, accessType: "client", headers: { "x-stack-access-token": token, ...opts.headers } });
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
