import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());

describe("transport, authentication and error responses", () => {
  it("answers GET /api/v1 with a plain-text welcome naming the auth", async () => {
    const res = await emu.fetch("/", { accessType: "admin" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(res.text).toContain("Access type: admin");
    expect(res.headers.get("x-stack-request-id")).toMatch(/^[a-z2-7]+$/);
    expect(res.headers.get("x-hexclave-request-id")).toBe(res.headers.get("x-stack-request-id"));
    expect(res.headers.get("cache-control")).toBe("no-store, max-age=0");
  });

  it("rejects query params on the welcome route", async () => {
    const res = await emu.fetch("/?x=1", { accessType: null });
    expect(expectKnownError(res, "SCHEMA_ERROR", 400).error).toContain("query contains unknown properties: x");
  });

  it("runs the authentication checks in the real server's order", async () => {
    // 1: key without access type
    expectKnownError(await emu.fetch("/", { accessType: null, headers: { "x-stack-secret-server-key": DEMO.secretServerKey, "x-stack-project-id": DEMO.projectId } }), "PROJECT_KEY_WITHOUT_ACCESS_TYPE", 400);
    // 3: bad access type
    expectKnownError(await emu.fetch("/", { accessType: null, headers: { "x-stack-access-type": "root", "x-stack-project-id": DEMO.projectId } }), "INVALID_ACCESS_TYPE", 400);
    // 4: access type without project id
    const noProject = expectKnownError(await emu.fetch("/", { accessType: null, headers: { "x-stack-access-type": "server" } }), "ACCESS_TYPE_WITHOUT_PROJECT_ID", 400);
    expect(noProject.details).toEqual({ request_type: "server" });
    // 6: unknown project before keys
    expectKnownError(
      await emu.fetch("/", { accessType: null, headers: { "x-stack-access-type": "admin", "x-stack-project-id": "00000000-0000-4000-8000-000000000000", "x-stack-super-secret-admin-key": "sak_wrong" } }),
      "CURRENT_PROJECT_NOT_FOUND",
      400,
    );
    // 7d/7e: slots only match their own access type
    expectKnownError(await emu.fetch("/", { accessType: "admin", headers: { "x-stack-super-secret-admin-key": "" , "x-stack-secret-server-key": DEMO.secretServerKey } }), "ADMIN_AUTHENTICATION_REQUIRED", 401);
    expectKnownError(await emu.fetch("/", { accessType: "server", headers: { "x-stack-secret-server-key": "", "x-stack-super-secret-admin-key": DEMO.superSecretAdminKey } }), "SERVER_AUTHENTICATION_REQUIRED", 401);
    const bad = expectKnownError(await emu.fetch("/", { accessType: "admin", headers: { "x-stack-super-secret-admin-key": "sak_wrong" } }), "INVALID_SUPER_SECRET_ADMIN_KEY", 401);
    expect(bad.details).toEqual({ project_id: DEMO.projectId });
    expectKnownError(await emu.fetch("/", { accessType: "server", headers: { "x-stack-secret-server-key": "ssk_wrong" } }), "INVALID_SECRET_SERVER_KEY", 401);
    expectKnownError(await emu.fetch("/", { accessType: "client", headers: { "x-stack-publishable-client-key": "pck_wrong" } }), "INVALID_PUBLISHABLE_CLIENT_KEY", 401);
    expectKnownError(await emu.fetch("/", { accessType: "client", headers: { "x-stack-publishable-client-key": "" } }), "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT", 401);
    // 8: unknown branch after keys
    expectKnownError(await emu.fetch("/", { accessType: "admin", headers: { "x-stack-branch-id": "dev" } }), "BRANCH_DOES_NOT_EXIST", 400);
    // 5: unparsable user token
    expectKnownError(await emu.fetch("/", { accessType: "server", headers: { "x-stack-access-token": "garbage" } }), "UNPARSABLE_ACCESS_TOKEN", 401);
  });

  it("accepts the x-hexclave-* spelling of every header", async () => {
    const res = await emu.fetch("/", {
      accessType: null,
      headers: { "x-hexclave-project-id": DEMO.projectId, "x-hexclave-access-type": "server", "x-hexclave-secret-server-key": DEMO.secretServerKey },
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain("Access type: server");
  });

  it("rewrites 4xx to 200 with the actual status when asked to", async () => {
    const res = await emu.fetch("/", { accessType: "admin", headers: { "x-stack-super-secret-admin-key": "sak_wrong", "x-stack-override-error-status": "true" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-stack-actual-status")).toBe("401");
    expect(res.headers.get("x-hexclave-actual-status")).toBe("401");
    expect(res.body.code).toBe("INVALID_SUPER_SECRET_ADMIN_KEY");
  });

  it("answers unknown routes with 404 text and unknown methods with 405 text", async () => {
    const r404 = await emu.fetch("/no-such-route");
    expect(r404.status).toBe(404);
    expect(r404.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(r404.headers.get("x-stack-known-error")).toBeNull();
    const r405 = await emu.fetch("/", { method: "PUT" });
    expect(r405.status).toBe(405);
    expect(r405.headers.get("content-type")).toMatch(/^text\/plain/);
    const trace = await fetch(`${emu.url}/api/v1/`, { method: "PROPFIND" });
    expect(trace.status).toBe(405);
  });

  it("answers CORS preflights and backend-url discovery", async () => {
    const pre = await fetch(`${emu.url}/api/v1/users`, { method: "OPTIONS" });
    expect(pre.status).toBe(200);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-headers")).toContain("x-stack-super-secret-admin-key");
    const urls = await emu.fetch("/internal/backend-urls", { accessType: null });
    expect(urls.body).toEqual({ urls: [emu.url.replace("127.0.0.1", "127.0.0.1")] });
  });
});
