import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useConsoleEnv, type ConsoleEnv } from "@/lib/testing/console-env";
import { startEmulatorProcess, type TestEmulator } from "@/lib/testing/emulator";

// The Next request context (next-auth's cookie session, cookies(), revalidatePath's render store) cannot
// run inside vitest, so only those two seams are replaced; Stack calls go to a real emulator over
// HTTP and the audit log is a real SQLite file.
const session = vi.hoisted(() => ({ current: null as null | { email: string; name: string | null; role: string } }));
vi.mock("@/lib/server/session", () => ({ getOperator: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

let emu: TestEmulator;
let env: ConsoleEnv;

async function apiRequests(): Promise<number> {
  return ((await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { api_requests: number }).api_requests;
}

beforeAll(async () => {
  emu = await startEmulatorProcess();
  env = await useConsoleEnv(emu.url, "action");
});
afterAll(async () => {
  await emu?.stop();
  await env?.dispose();
});
beforeEach(() => {
  session.current = null;
});

const users = () => import("@/lib/actions/users");
const audit = () => import("@/lib/server/audit-query");

async function createDemoUser(email: string) {
  const res = await emu.fetch("/users", { method: "POST", body: { primary_email: email, primary_email_auth_enabled: true, display_name: "Target" } });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe("defineAction", () => {
  it("refuses a request without a session and calls nothing upstream", async () => {
    const { deleteUserAction, createUserAction } = await users();
    const before = await apiRequests();
    const r1 = await deleteUserAction({ userId: "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70", confirmation: "x" });
    const r2 = await createUserAction({ primaryEmail: "nobody@example.com", password: "", displayName: "", primaryEmailVerified: false });
    expect(r1).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(r2).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await apiRequests()).toBe(before);
    const { listAudit } = await audit();
    const [create, del] = await listAudit({ limit: 2 });
    expect(del).toMatchObject({ actorEmail: "anonymous", actorRole: "none", action: "deleteUser", status: "refused", errorCode: "UNAUTHENTICATED" });
    expect(create).toMatchObject({ actorEmail: "anonymous", action: "createUser", status: "refused", errorCode: "UNAUTHENTICATED" });
  });

  it("refuses a role that is too low, and an unknown role, before any upstream call", async () => {
    const { deleteUserAction } = await users();
    const { listAudit } = await audit();
    const before = await apiRequests();
    session.current = { email: "viewer@example.com", name: null, role: "viewer" };
    expect(await deleteUserAction({ userId: "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70", confirmation: "x" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    session.current = { email: "root@example.com", name: null, role: "superuser" };
    expect(await deleteUserAction({ userId: "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70", confirmation: "x" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await apiRequests()).toBe(before);
    const [root, viewer] = await listAudit({ limit: 2 });
    expect(viewer).toMatchObject({ actorEmail: "viewer@example.com", action: "deleteUser", status: "refused", errorCode: "FORBIDDEN" });
    expect(root).toMatchObject({ actorEmail: "root@example.com", status: "refused", errorCode: "FORBIDDEN" });
  });

  it("returns field errors for invalid input without calling Stack", async () => {
    const { updateUserMetadataAction } = await users();
    session.current = { email: "admin@example.com", name: null, role: "admin" };
    const before = await apiRequests();
    const r = await updateUserMetadataAction({ userId: "not-a-uuid", field: "server_metadata", json: "{oops" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("INVALID_INPUT");
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(expect.arrayContaining(["userId", "json"]));
    expect(await apiRequests()).toBe(before);
  });

  it("re-checks a dangerous confirmation on the server: a wrong value deletes nothing", async () => {
    const { deleteUserAction } = await users();
    const { listAudit } = await audit();
    session.current = { email: "admin@example.com", name: null, role: "admin" };
    const id = await createDemoUser("keep.me@example.com");
    const r = await deleteUserAction({ userId: id, confirmation: "someone.else@example.com" });
    expect(r).toMatchObject({ ok: false, code: "CONFIRMATION_MISMATCH" });
    expect((await emu.fetch(`/users/${id}`)).status).toBe(200);
    expect((await listAudit({ limit: 1 }))[0]).toMatchObject({ action: "deleteUser", status: "refused", errorCode: "CONFIRMATION_MISMATCH", targetId: id });
  });

  it("deletes with the right confirmation and audits the change", async () => {
    const { deleteUserAction } = await users();
    const { listAudit } = await audit();
    session.current = { email: "admin@example.com", name: null, role: "admin" };
    const id = await createDemoUser("delete.me@example.com");
    expect(await deleteUserAction({ userId: id, confirmation: " Delete.Me@example.com " })).toEqual({ ok: true, data: { deleted: id } });
    const gone = await emu.fetch(`/users/${id}`);
    expect(gone.status).toBe(404);
    expect((await listAudit({ limit: 1 }))[0]).toMatchObject({ action: "deleteUser", status: "success", targetId: id, actorEmail: "admin@example.com" });
  });

  it("turns Stack known errors into a readable result with the code", async () => {
    const { createUserAction } = await users();
    session.current = { email: "admin@example.com", name: null, role: "admin" };
    await createDemoUser("taken@example.com");
    const r = await createUserAction({ primaryEmail: "taken@example.com", password: "", displayName: "", primaryEmailVerified: false });
    expect(r).toMatchObject({ ok: false, code: "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE" });
  });

  it("every dangerous action refuses a wrong confirmation", async () => {
    const mod = await users();
    const { actionRegistry } = await import("@/lib/server/action");
    session.current = { email: "admin@example.com", name: null, role: "admin" };
    const id = await createDemoUser("dangerous@example.com");
    const dangerous = Object.values(mod).filter((a) => typeof a === "function" && "meta" in a && (a as { meta: { dangerous: unknown } }).meta.dangerous);
    expect(dangerous.length).toBe(actionRegistry.filter((m) => m.dangerous && m.name.match(/User/)).length);
    expect(dangerous.length).toBeGreaterThanOrEqual(3);
    for (const action of dangerous) {
      const r = await (action as (i: unknown) => Promise<{ ok: boolean; code?: string }>)({ userId: id, confirmation: "wrong" });
      expect(r).toMatchObject({ ok: false, code: "CONFIRMATION_MISMATCH" });
    }
    expect((await emu.fetch(`/users/${id}`)).status).toBe(200);
  });

  it("sends a password-reset e-mail through Stack with admin keys (recorded by the emulator)", async () => {
    const { sendPasswordResetAction } = await users();
    session.current = { email: "admin@example.com", name: null, role: "admin" };
    const id = await createDemoUser("forgetful@example.com");
    const r = await sendPasswordResetAction({ userId: id });
    expect(r).toEqual({ ok: true, data: { sentTo: "forgetful@example.com" } });
    const outbox = (await (await fetch(`${emu.url}/__emulator/outbox`)).json()) as { items: { payload: Record<string, unknown> }[] };
    const mail = outbox.items.map((i) => i.payload).find((p) => p.type === "password_reset" && JSON.stringify(p.to) === JSON.stringify(["forgetful@example.com"]));
    expect(mail?.link).toMatch(/^http:\/\/localhost:3000\/handler\/password-reset\?code=/);
  });
});
