// The proxy's matcher leaves out the route handlers that answer only GET at a fixed path (see its
// comment in proxy.ts). This keeps that literal list equal to what app/api holds, so a new
// handler, or a write method added to a listed one, cannot slip past the Origin and body checks.
import fs from "node:fs";
import path from "node:path";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

const API = path.join(import.meta.dirname, "app", "api");
const METHOD_RE = /export\s+(?:async\s+)?(?:function|const)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g;

/** Every route handler under app/api: its URL path and the methods it exports. */
function routeHandlers(): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const methods = [...fs.readFileSync(full, "utf8").matchAll(METHOD_RE)].map((m) => m[1]!);
        out.push({ path: `/api/${path.relative(API, dir).split(path.sep).join("/")}`, methods });
      }
    }
  };
  walk(API);
  return out;
}

const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("the proxy's matcher", () => {
  const handlers = routeHandlers();

  it("skips exactly the GET-only route handlers at a fixed path", () => {
    expect(handlers.length).toBeGreaterThan(10);
    for (const h of handlers) {
      const getOnlyFixed = !h.path.includes("[") && h.methods.length > 0 && h.methods.every((m) => m === "GET");
      expect({ path: h.path, proxied: matches(h.path) }).toEqual({ path: h.path, proxied: !getOnlyFixed });
    }
  });

  it("still runs on everything else under those paths, pages, next-auth and server actions", () => {
    for (const url of ["/api/users/%ZZ", "/api/users/x", "/api/usersx", "/api/health/", "/api/jobs/%ZZ", "/api/auth/session", "/api/import/uploads", "/users", "/users/%ZZ", "/sign-in", "/", "/teams/abc"]) {
      expect({ url, proxied: matches(url) }).toEqual({ url, proxied: true });
    }
    for (const url of ["/_next/static/chunks/x.js", "/favicon.ico"]) expect({ url, proxied: matches(url) }).toEqual({ url, proxied: false });
  });
});
