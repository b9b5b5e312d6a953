/**
 * Capability probes against the emulator playing each Stack release over HTTP, and against a crafted
 * local HTTP server (node:http, port 0) for a server that cannot answer.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";

import { forgetCapabilities, getCapabilities, refusedQueryParams, resetCapabilitiesCacheForTests } from "@/lib/stack/capabilities";
import { createStackClient } from "@/lib/stack/client";
import { StackKnownError } from "@/lib/stack/errors";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";

let server: http.Server;
let downUrl: string;
let hits = 0;
const emus: Record<"2025-02" | "2.8.86" | "latest", TestEmulator> = {} as never;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(500, { "content-type": "text/plain" });
    res.end("boom");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  downUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const release of ["2025-02", "2.8.86", "latest"] as const) {
    emus[release] = await startEmulatorProcess({ release });
  }
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await Promise.all(Object.values(emus).map((e) => e?.stop()));
});
beforeEach(() => {
  resetCapabilitiesCacheForTests();
  hits = 0;
});

const client = (apiUrl: string) =>
  createStackClient({ slug: "t", projectId: TEST_PROJECT.projectId, adminKey: TEST_PROJECT.superSecretAdminKey, apiUrl }, { maxAttempts: 1 });

/** Counts the emulator's /api requests (its own stats route). */
const apiRequests = async (emu: TestEmulator) => ((await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { api_requests: number }).api_requests;

describe("getCapabilities", () => {
  it("detects the newest release and caches the result", async () => {
    const emu = emus.latest;
    const before = await apiRequests(emu);
    const caps = await getCapabilities(client(emu.url), "t");
    expect(caps).toMatchObject({
      sessionListing: true,
      linkedOAuthAccounts: true,
      adminRestriction: true,
      projectPermissions: true,
      userApiKeys: true,
      userList: { lastActiveSort: true, includeRestricted: true, anonymousFilter: true, excludedEmailDomains: true },
      teamsPaginated: true,
      userCounts: true,
      complete: true,
    });
    const probes = (await apiRequests(emu)) - before;
    expect(probes).toBe(7);
    await getCapabilities(client(emu.url), "t");
    expect(await apiRequests(emu)).toBe(before + probes);
  });

  it("2.8.86: no last-activity sort, unpaginated teams, no user counts; everything else present", async () => {
    const caps = await getCapabilities(client(emus["2.8.86"].url), "t");
    expect(caps).toMatchObject({
      sessionListing: true,
      linkedOAuthAccounts: true,
      adminRestriction: true,
      userList: { lastActiveSort: false, includeRestricted: true, anonymousFilter: true, excludedEmailDomains: false },
      teamsPaginated: false,
      userCounts: false,
      complete: true,
    });
  });

  it("2025-02: none of the optional list parameters and none of the newer routes", async () => {
    const caps = await getCapabilities(client(emus["2025-02"].url), "t");
    expect(caps).toMatchObject({
      sessionListing: false,
      linkedOAuthAccounts: false,
      adminRestriction: false,
      projectPermissions: false,
      userApiKeys: false,
      userList: { lastActiveSort: false, includeRestricted: false, anonymousFilter: false, excludedEmailDomains: false },
      teamsPaginated: false,
      userCounts: false,
      complete: true,
    });
  });

  it("forgetCapabilities makes the next call probe again", async () => {
    const emu = emus["2.8.86"];
    await getCapabilities(client(emu.url), "t");
    const before = await apiRequests(emu);
    forgetCapabilities(client(emu.url), "t");
    await getCapabilities(client(emu.url), "t");
    expect(await apiRequests(emu)).toBeGreaterThan(before);
  });

  it("does not cache undecided probes", async () => {
    const caps = await getCapabilities(client(downUrl), "t");
    expect(caps.complete).toBe(false);
    expect(caps.sessionListing).toBe(false);
    expect(caps.userList.lastActiveSort).toBe(false);
    const first = hits;
    await getCapabilities(client(downUrl), "t");
    expect(hits).toBeGreaterThan(first);
  });
});

describe("refusedQueryParams", () => {
  it("reads every refused parameter of a real SCHEMA_ERROR", async () => {
    const err = await client(emus["2025-02"].url)
      .request({ path: "/users", query: { limit: 1, order_by: "last_active_at", include_restricted: true }, schema: z.unknown() })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StackKnownError);
    expect([...refusedQueryParams(err)].sort()).toEqual(["include_restricted", "order_by"]);
    expect(refusedQueryParams(new Error("x")).size).toBe(0);
  });
});
