/**
 * Key rotation: the choice of key (pure) and the key-ring client against the emulator over HTTP,
 * with a second admin key created through Stack's own `POST /internal/api-keys`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { StackKnownError } from "@/lib/stack/errors";
import { createKeyRingClient, keyOrder, NEWEST_KEY_RECHECK_MS } from "@/lib/stack/get-client";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";

const WRONG = "sak_keyringtestwrongkey0123456789abcdefghijklmnopq";
const list = z.object({ items: z.array(z.unknown()) });
let emu: TestEmulator;
let newKey = "";

beforeAll(async () => {
  emu = await startEmulatorProcess();
  const created = await emu.fetch("/internal/api-keys", {
    method: "POST",
    body: { description: "new", expires_at_millis: Date.now() + 3_600_000, has_publishable_client_key: false, has_secret_server_key: false, has_super_secret_admin_key: true },
  });
  newKey = created.body.super_secret_admin_key;
});
afterAll(() => emu?.stop());

const project = () => ({ slug: "ring", projectId: TEST_PROJECT.projectId, apiUrl: emu.url });
const read = (client: ReturnType<typeof createKeyRingClient>) => client.request({ path: "/users", query: { limit: 1 }, schema: list });
/** Admin-key header values the emulator saw since `since` cannot be read back; count requests instead. */
const requests = async () => ((await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { api_requests: number }).api_requests;

describe("keyOrder", () => {
  it("tries the newest first while it works, the remembered one after a fallback, the newest again after a while", () => {
    expect(keyOrder(1, { current: 0, since: 0 }, 10)).toEqual([0]);
    expect(keyOrder(3, { current: 0, since: 0 }, 10)).toEqual([0, 1, 2]);
    expect(keyOrder(3, { current: 2, since: 1_000 }, 1_000 + NEWEST_KEY_RECHECK_MS - 1)).toEqual([2, 0, 1]);
    expect(keyOrder(3, { current: 2, since: 1_000 }, 1_000 + NEWEST_KEY_RECHECK_MS)).toEqual([0, 1, 2]);
  });
});

describe("createKeyRingClient", () => {
  it("uses the newest key when it works", async () => {
    const client = createKeyRingClient(project(), [newKey, TEST_PROJECT.superSecretAdminKey]);
    const before = await requests();
    await read(client);
    expect(await requests()).toBe(before + 1);
    expect(client.keyInUse()).toEqual({ position: 1, of: 2 });
  });

  it("falls back on INVALID_SUPER_SECRET_ADMIN_KEY, remembers the working key, and retries the newest later", async () => {
    let now = 1_000_000;
    const client = createKeyRingClient(project(), [WRONG, TEST_PROJECT.superSecretAdminKey], {}, () => now);
    let before = await requests();
    await read(client);
    expect(await requests(), "the refused key, then the old one").toBe(before + 2);
    expect(client.keyInUse()).toEqual({ position: 2, of: 2 });

    before = await requests();
    await read(client);
    expect(await requests(), "straight to the key that worked").toBe(before + 1);

    now += NEWEST_KEY_RECHECK_MS;
    before = await requests();
    await read(client);
    expect(await requests(), "the newest is tried again, still refused").toBe(before + 2);
    expect(client.keyInUse()).toEqual({ position: 2, of: 2 });
    now += 1;
    before = await requests();
    await read(client);
    expect(await requests(), "and remembered as refused for another while").toBe(before + 1);
  });

  it("a write refused for its key goes once more with the next key, and is applied once", async () => {
    const client = createKeyRingClient(project(), [WRONG, TEST_PROJECT.superSecretAdminKey]);
    const email = `ring-${Date.now()}@example.test`;
    await client.request({ method: "POST", path: "/users", body: { primary_email: email }, schema: z.object({ id: z.string() }) });
    const found = await emu.fetch(`/users?query=${encodeURIComponent(email)}`);
    expect(found.body.items).toHaveLength(1);
  });

  it("when every key is refused, the last refusal is thrown", async () => {
    const client = createKeyRingClient(project(), [WRONG, "sak_keyringtestotherwrongkey0123456789abcdefghijk"]);
    const err = await read(client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StackKnownError);
    expect((err as StackKnownError).code).toBe("INVALID_SUPER_SECRET_ADMIN_KEY");
  });

  it("other errors are not retried with another key", async () => {
    const client = createKeyRingClient(project(), [TEST_PROJECT.superSecretAdminKey, WRONG]);
    const before = await requests();
    const err = await client.request({ path: "/users/not-a-uuid", schema: list }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(await requests()).toBe(before + 1);
  });
});
