/**
 * Capability probes against a crafted local HTTP server (node:http, port 0) that plays an "old" and a
 * "new" Stack server: a real server cannot be switched between versions on demand.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { getCapabilities, resetCapabilitiesCacheForTests } from "@/lib/stack/capabilities";
import { createStackClient } from "@/lib/stack/client";
import { realSamples } from "@/lib/stack/fixtures/real-samples";

let server: http.Server;
let baseUrl: string;
let mode: "new" | "old" | "down" = "new";
let hits = 0;

const NEW_ROUTES = ["/api/v1/auth/sessions", "/api/v1/oauth-providers", "/api/v1/project-permission-definitions", "/api/v1/user-api-keys"];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++;
    const url = new URL(req.url ?? "/", "http://x");
    if (mode === "down") {
      res.writeHead(500, { "content-type": "text/plain" });
      return res.end("boom");
    }
    if (url.pathname === "/api/v1/users") {
      const body = JSON.parse(realSamples.usersList.body);
      if (mode === "old") for (const u of body.items) delete u.restricted_by_admin;
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(body));
    }
    if (mode === "new" && NEW_ROUTES.includes(url.pathname)) {
      if (url.searchParams.has("user_id") && url.pathname !== "/api/v1/auth/sessions") {
        res.writeHead(404, { "content-type": "application/json", "x-stack-known-error": "USER_NOT_FOUND" });
        return res.end(realSamples.unknownUser.body);
      }
      res.writeHead(200, { "content-type": "application/json" });
      return res.end('{"items":[],"is_paginated":false}');
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("Not found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  resetCapabilitiesCacheForTests();
  hits = 0;
});

const client = () =>
  createStackClient({ slug: "t", projectId: "p", adminKey: "sak_x", apiUrl: baseUrl }, { maxAttempts: 1 });

describe("getCapabilities", () => {
  it("detects a new server and caches the result", async () => {
    mode = "new";
    const caps = await getCapabilities(client(), "t");
    expect(caps).toMatchObject({
      sessionListing: true,
      linkedOAuthAccounts: true,
      adminRestriction: true,
      projectPermissions: true,
      userApiKeys: true,
      complete: true,
    });
    expect(hits).toBe(5);
    await getCapabilities(client(), "t");
    expect(hits).toBe(5);
  });

  it("detects an old server (plain-text 404s, no restricted_by_admin)", async () => {
    mode = "old";
    const caps = await getCapabilities(client(), "t");
    expect(caps).toMatchObject({
      sessionListing: false,
      linkedOAuthAccounts: false,
      adminRestriction: false,
      projectPermissions: false,
      userApiKeys: false,
      complete: true,
    });
  });

  it("does not cache undecided probes", async () => {
    mode = "down";
    const caps = await getCapabilities(client(), "t");
    expect(caps.complete).toBe(false);
    expect(caps.sessionListing).toBe(false);
    mode = "new";
    expect((await getCapabilities(client(), "t")).sessionListing).toBe(true);
  });
});
