import { describe, expect, it } from "vitest";
import { isAllowedOrigin, parseAllowedHosts, requestOriginPolicy, serverActionAllowedOrigins } from "@/lib/env-public";

describe("request origin policy", () => {
  it("takes the public origin from NEXTAUTH_URL, never from a path or a default port", () => {
    const p = requestOriginPolicy({ NEXTAUTH_URL: "https://Admin.Example.com/console/" });
    expect(p).toEqual({ publicOrigin: "https://admin.example.com", https: true, allowedHosts: [] });
    expect(requestOriginPolicy({ NEXTAUTH_URL: "https://admin.example.com:443" }).publicOrigin).toBe("https://admin.example.com");
    // Without NEXTAUTH_URL: next-auth's own fallback, over http.
    expect(requestOriginPolicy({ PORT: "4000" })).toMatchObject({ publicOrigin: "http://localhost:4000", https: false });
    expect(requestOriginPolicy({ NEXTAUTH_URL: "not a url" }).publicOrigin).toBe("http://localhost:3000");
  });

  it("parses SERVER_ACTIONS_ALLOWED_ORIGINS into hosts and reports what is not one", () => {
    expect(parseAllowedHosts(" admin.example.com, *.Example.org ,https://proxy.example.net:8443/x,,")).toEqual({
      hosts: ["admin.example.com", "*.example.org", "proxy.example.net:8443"],
      invalid: [],
    });
    expect(parseAllowedHosts("evil.com/path,a b,*,http://").invalid).toEqual(["evil.com/path", "a b", "*", "http://"]);
  });

  it("accepts only the public origin and the allowed hosts, exactly", () => {
    const p = requestOriginPolicy({
      NEXTAUTH_URL: "https://admin.example.com",
      SERVER_ACTIONS_ALLOWED_ORIGINS: "ops.example.net,*.staging.example.org,**.internal.example",
    });
    const allowed = [
      "https://admin.example.com",
      "https://ops.example.net",
      "https://a.staging.example.org",
      "https://a.b.internal.example",
    ];
    const refused = [
      null,
      "",
      "null",
      "http://admin.example.com", // same host, other scheme: not the public origin
      "https://admin.example.com:8443",
      "https://admin.example.com.evil.com",
      "https://evil-admin.example.com",
      "https://staging.example.org", // `*` needs a label
      "https://a.b.staging.example.org", // `*` is one label only
      "https://internal.example",
      "https://admin.example.com/path",
      "javascript:alert(1)",
      "file://",
      "not a url",
    ];
    for (const origin of allowed) expect(isAllowedOrigin(origin, p), origin).toBe(true);
    for (const origin of refused) expect(isAllowedOrigin(origin, p), String(origin)).toBe(false);
  });

  it("hands Next's own server-action check the same hosts", () => {
    const p = requestOriginPolicy({ NEXTAUTH_URL: "http://localhost:3188", SERVER_ACTIONS_ALLOWED_ORIGINS: "admin.example.com" });
    expect(serverActionAllowedOrigins(p)).toEqual(["localhost:3188", "admin.example.com"]);
  });
});
