// The proxy as Next calls it: a NextRequest in, a NextResponse out. The running console is covered
// end to end by e2e/hardening.spec.ts; this pins each refusal and header without a server.
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const ORIGIN = "https://admin.example.com";
const SESSION = { cookie: "next-auth.session-token=x" };

async function load() {
  vi.resetModules();
  return (await import("@/proxy")).proxy;
}

const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(new URL(path, ORIGIN), { method: init.method ?? "GET", headers: init.headers });

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_URL", ORIGIN);
  vi.stubEnv("SERVER_ACTIONS_ALLOWED_ORIGINS", "");
});
afterEach(() => vi.unstubAllEnvs());

describe("proxy", () => {
  it("sets a fresh nonce per request: in the CSP, on the request for Next, never 'unsafe-inline' scripts", async () => {
    const proxy = await load();
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await proxy(request("/users", { headers: { ...SESSION, "x-nonce": "attacker-chosen" } }));
      const csp = res.headers.get("content-security-policy")!;
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
      expect(scriptSrc).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
      // The request Next renders with carries the same nonce, not the client's x-nonce.
      expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
      expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
      expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(5);
  });

  it("adds HSTS and upgrade-insecure-requests only when the public URL is https", async () => {
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    const proxy = await load();
    const res = await proxy(request("/sign-in", { headers: { "x-forwarded-proto": "https" } }));
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect(res.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });

  it("keeps 'unsafe-eval' to development", async () => {
    vi.stubEnv("NODE_ENV", "development");
    const proxy = await load();
    expect((await proxy(request("/sign-in"))).headers.get("content-security-policy")).toContain("'strict-dynamic' 'unsafe-eval'");
  });

  it("gives the sign-in page and next-auth's routes a CSP without asking for a session", async () => {
    const proxy = await load();
    for (const path of ["/sign-in", "/sign-in?callbackUrl=%2Fusers", "/api/auth/session"]) {
      const res = await proxy(request(path));
      expect(res.headers.get("location"), path).toBeNull();
      expect(res.headers.get("content-security-policy"), path).toContain("'strict-dynamic'");
    }
    expect((await proxy(request("/sign-inx"))).headers.get("location")).toBe(`${ORIGIN}/sign-in?callbackUrl=%2Fsign-inx`);
    // Route handlers check the session themselves (and audit the refusal): the proxy lets them through.
    const api = await proxy(request("/api/users"));
    expect(api.status).toBe(200);
    expect(api.headers.get("location")).toBeNull();
  });

  it("lets route handler reads through without a nonce, keeping HSTS; writes and next-auth still get the full treatment", async () => {
    const proxy = await load();
    const read = await proxy(request("/api/users?q=ada", { headers: SESSION }));
    expect(read.status).toBe(200);
    expect(read.headers.get("content-security-policy")).toBeNull();
    expect(read.headers.get("x-middleware-request-x-nonce")).toBeNull();
    expect(read.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect((await proxy(request("/api/auth/signin"))).headers.get("content-security-policy")).toContain("'strict-dynamic'");
    const write = await proxy(request("/api/projects/select", { method: "POST", headers: { ...SESSION, origin: "https://evil.example" } }));
    expect(write.status).toBe(403);
  });

  it("answers an undecodable path with 400 JSON", async () => {
    const proxy = await load();
    for (const path of ["/users/%ZZ", "/api/auth/%ZZ", "/users/%C0%AF", "/%E0%A4%A"]) {
      const res = await proxy(request(path, { headers: SESSION }));
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    }
  });

  it("refuses writes without the console's Origin, whatever Host or X-Forwarded-Host claim", async () => {
    const proxy = await load();
    const post = (headers: Record<string, string>) => proxy(request("/users", { method: "POST", headers: { ...SESSION, "next-action": "abc", ...headers } }));
    const refused: Record<string, string>[] = [
      {},
      { origin: "null" },
      { origin: "https://evil.example" },
      { origin: "https://evil.example", "x-forwarded-host": "evil.example", host: "evil.example" },
      { origin: "http://admin.example.com" },
    ];
    for (const headers of refused) {
      const res = await post(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, code: "FORBIDDEN_ORIGIN" });
    }
    for (const method of ["PUT", "PATCH", "DELETE"]) expect((await proxy(request("/api/projects/select", { method }))).status, method).toBe(403);
    // next-auth's own POSTs too (sign-in, sign-out), session or not.
    expect((await proxy(request("/api/auth/callback/credentials", { method: "POST" }))).status).toBe(403);
    expect((await post({ origin: ORIGIN })).status).toBe(200);
  });

  it("refuses bodies over 2 MB and chunked bodies without a declared length", async () => {
    const proxy = await load();
    const post = (headers: Record<string, string>) => proxy(request("/users", { method: "POST", headers: { ...SESSION, origin: ORIGIN, ...headers } }));
    expect((await post({ "content-length": String(2 * 1024 * 1024) })).status).toBe(200);
    const big = await post({ "content-length": String(2 * 1024 * 1024 + 1) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect((await post({ "transfer-encoding": "chunked" })).status).toBe(411);
  });

  it("refuses a server-action body that is not JSON or nests deeper than any form does", async () => {
    const proxy = await load();
    const action = (body: string, contentType = "text/plain;charset=UTF-8") =>
      proxy(new NextRequest(new URL("/users", ORIGIN), { method: "POST", body, headers: { ...SESSION, origin: ORIGIN, "next-action": "7f00", "content-type": contentType } }));
    for (const body of ["not json", '[{"userId":"a', "", "[".repeat(65) + "]".repeat(65), '[{"a":"\\"}]]']) {
      const res = await action(body);
      expect(res.status, body.slice(0, 20)).toBe(400);
      expect(await res.json()).toMatchObject({ code: "BAD_REQUEST" });
    }
    // Brackets and quotes inside strings do not count; 64 levels are fine; other types pass to Next.
    for (const body of ['[{"displayName":"[[[{{\\"]]"}]', "[".repeat(64) + "]".repeat(64), '["$undefined",null,1]']) {
      expect((await action(body)).status, body.slice(0, 20)).toBe(200);
    }
    expect((await action("a=b", "application/x-www-form-urlencoded")).status).toBe(200);
  });
});
