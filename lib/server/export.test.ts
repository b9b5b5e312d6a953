import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseExportColumns, USER_EXPORT_COLUMNS } from "@/lib/schemas/export";
import { isoTime, neutraliseCell, openUserCsv, openUserWalk, userCsvRecord } from "@/lib/server/export";
import { httpTransport, type Transport } from "@/lib/stack/transport";
import { createStackClient } from "@/lib/stack/client";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";
import { usersUrl } from "@/lib/url-state/users";

// The users export walks every page of the real emulator's GET /users, filter and sort applied.
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulatorProcess({ release: "latest" });
});
afterAll(async () => {
  await emu?.stop();
});

const client = (transport?: Transport) =>
  createStackClient({ slug: "export", projectId: TEST_PROJECT.projectId, apiUrl: emu.url, adminKey: TEST_PROJECT.superSecretAdminKey }, { transport });

/** A client that counts its GET /users requests (the pages a walk asked for). */
function countingClient() {
  const seen = { pages: 0 };
  const counted: Transport = (url, req) => {
    if (url.includes("/api/v1/users?")) seen.pages++;
    return httpTransport(url, req);
  };
  return { client: client(counted), seen };
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new TextDecoder().decode(await new Response(stream).arrayBuffer());
}

const settle = () => new Promise((r) => setTimeout(r, 400));

async function collect<T>(it: AsyncIterable<T>) {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("user export", () => {
  it("walks every page past the first, only the users the search matches, in the table's order", async () => {
    const tag = `exp${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await emu.fetch("/users", { method: "POST", body: { primary_email: `${tag}-${i}@example.com`, display_name: `Export ${i}` } });
      ids.push(r.body.id);
    }
    await emu.fetch("/users", { method: "POST", body: { primary_email: `other-${tag.slice(3)}@example.org` } });

    const params = usersUrl.params({ q: tag, asc: true });
    const rows = await collect(await openUserWalk(client(), params, 2));
    expect(rows.map((r) => r.id)).toEqual(ids);
    const desc = await collect(await openUserWalk(client(), usersUrl.params({ q: tag }), 3));
    expect(desc.map((r) => r.id)).toEqual([...ids].reverse());
    const everyone = await collect(await openUserWalk(client(), usersUrl.params(), 4));
    expect(everyone.length).toBe(8);
  });

  it("a failing server fails before the first row, not in the middle of a file", async () => {
    const bad = createStackClient({ slug: "bad", projectId: TEST_PROJECT.projectId, apiUrl: emu.url, adminKey: "wrong-key" });
    await expect(openUserWalk(bad, usersUrl.params())).rejects.toThrow();
  });

  it("writes the chosen columns in file order", async () => {
    const r = await emu.fetch("/users", { method: "POST", body: { primary_email: "cols@example.com", primary_email_verified: true, display_name: "Cols, \"Quoted\"" } });
    const [row] = await collect(await openUserWalk(client(), usersUrl.params({ q: "cols@example.com" })));
    expect(userCsvRecord(row!, ["id", "display_name", "primary_email_verified"])).toEqual([r.body.id, 'Cols, "Quoted"', "true"]);
    const all = userCsvRecord(row!, USER_EXPORT_COLUMNS);
    expect(all[USER_EXPORT_COLUMNS.indexOf("signed_up_at")]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(all[USER_EXPORT_COLUMNS.indexOf("is_restricted")]).toBe("false");
  });

  it("neutralises cells a spreadsheet would run as a formula", async () => {
    const names = ["=HYPERLINK(\"http://evil.example\")", "+1+2", "-2+3", "@SUM(A1)", "\tTab", "Plain - name"];
    const ids: string[] = [];
    for (const display_name of names) ids.push((await emu.fetch("/users", { method: "POST", body: { primary_email: `formula-${ids.length}@formula.test`, display_name } })).body.id);
    const rows = await collect(await openUserWalk(client(), usersUrl.params({ q: "@formula.test", asc: true })));
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows.map((r) => userCsvRecord(r, ["display_name"])[0])).toEqual(["'=HYPERLINK(\"http://evil.example\")", "'+1+2", "'-2+3", "'@SUM(A1)", "'\tTab", "Plain - name"]);
    expect(neutraliseCell("\r=1")).toBe("'\r=1");
    expect(neutraliseCell("")).toBe("");
  });

  it("walks a console-filtered list to its end: only verified e-mails, across scan pages", async () => {
    const tag = `ver${Date.now().toString(36)}`;
    const verified: string[] = [];
    for (let i = 0; i < 9; i++) {
      const r = await emu.fetch("/users", { method: "POST", body: { primary_email: `${tag}-${i}@example.com`, primary_email_verified: i % 2 === 0 } });
      if (i % 2 === 0) verified.push(r.body.id);
    }
    const rows = await collect(await openUserWalk(client(), usersUrl.params({ q: tag, verified: "yes", asc: true }), 2));
    expect(rows.map((r) => r.id)).toEqual(verified);
  });

  it("streams one stringify of every record, header first, however the pages fall", async () => {
    const tag = `csv${Date.now().toString(36)}`;
    const names = ["Plain", "Comma, name", 'Quote "q"', "Line\nbreak", "=1+2", "Ünïcødé"];
    for (const [i, display_name] of names.entries()) await emu.fetch("/users", { method: "POST", body: { primary_email: `${tag}-${i}@example.com`, display_name } });
    const params = usersUrl.params({ q: tag, asc: true });
    const columns = ["id", "display_name", "signed_up_at", "auth_methods"] as const;
    const rows = await collect(await openUserWalk(client(), params));
    expect(rows).toHaveLength(names.length);
    const whole = stringify(rows.map((r) => userCsvRecord(r, columns)), { header: true, columns: [...columns] });
    const progress = { rows: 0, done: false };
    const file = await readAll(await openUserCsv(client(), params, columns, { rows: (n) => (progress.rows += n), done: () => (progress.done = true), failed: () => {} }, 4));
    expect(file).toBe(whole);
    expect(progress).toEqual({ rows: names.length, done: true });
    // Pages of one, and a console-filtered walk whose pages can be empty: the same bytes.
    expect(await readAll(await openUserCsv(client(), params, columns, undefined, 1))).toBe(whole);
    const verified = usersUrl.params({ q: tag, asc: true, verified: "no" });
    expect(await readAll(await openUserCsv(client(), verified, columns, undefined, 1))).toBe(whole);
    // Nobody matches: the header alone.
    const none = await readAll(await openUserCsv(client(), usersUrl.params({ q: `${tag}-nobody` }), columns));
    expect(none).toBe("id,display_name,signed_up_at,auth_methods\n");
  });

  it("reads a page only when the reader took the one before, and a cancelled download stops the walk", async () => {
    const tag = `bp${Date.now().toString(36)}`;
    for (let i = 0; i < 10; i++) await emu.fetch("/users", { method: "POST", body: { primary_email: `${tag}-${i}@example.com` } });
    const { client: counting, seen } = countingClient();
    const stream = await openUserCsv(counting, usersUrl.params({ q: tag }), ["id"], undefined, 2);
    await settle();
    // Five pages; nobody read yet: the first page (its chunk queued) and the one requested after it.
    expect(seen.pages).toBe(2);
    const reader = stream.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).split("\n")[0]).toBe("id");
    await settle();
    expect(seen.pages).toBe(3);
    await reader.cancel();
    await settle();
    expect(seen.pages).toBe(3);
  });

  it("writes times as toISOString does, and none as an empty cell", () => {
    const times = [1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000, 1_764_633_600_123, 253_402_300_799_999, 253_402_300_800_000, 8.64e15];
    for (let i = 0; i < 2000; i++) times.push(Math.floor(Math.random() * 4e12), Math.floor(Math.random() * 8.64e15));
    for (const t of times) expect(isoTime(t)).toBe(new Date(t).toISOString());
    expect(isoTime(1.5)).toBe(new Date(1.5).toISOString());
    expect([isoTime(0), isoTime(-5), isoTime(Number.NaN)]).toEqual(["", "", ""]);
  });

  it("parses the requested columns: none means all, order is the file's, unknown names are refused", () => {
    expect(parseExportColumns([])).toEqual({ ok: true, columns: [...USER_EXPORT_COLUMNS] });
    expect(parseExportColumns(["display_name", "id"])).toEqual({ ok: true, columns: ["id", "display_name"] });
    expect(parseExportColumns(["id", "password_hash"])).toEqual({ ok: false, unknown: ["password_hash"] });
  });
});
