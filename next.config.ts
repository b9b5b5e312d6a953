import type { NextConfig } from "next";
import { parseBasePath, REQUEST_BODY_LIMIT_BYTES, requestOriginPolicy, serverActionAllowedOrigins } from "./lib/env-public";

// Next's own server-action check compares Origin with Host / X-Forwarded-Host; behind a reverse
// proxy those differ from the browser's origin, so it also accepts the public URL's host and
// SERVER_ACTIONS_ALLOWED_ORIGINS. The check that counts runs in proxy.ts, against the same list.
const allowedOrigins = serverActionAllowedOrigins(requestOriginPolicy(process.env));

// Self-hosting with several replicas: set NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
// (a base64 AES key, e.g. `openssl rand -base64 32`) to the SAME value on every
// replica and across deploys. Otherwise each instance derives its own key and
// server-action ids / closed-over values encrypted by one replica fail on another.

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // Content-Security-Policy and Strict-Transport-Security are set per request in proxy.ts.
];

const nextConfig: NextConfig = {
  // Lets two builds coexist in one checkout (e.g. the JS-weight bench beside a running app).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // A self-contained server (server.js + the node_modules it traces) that runs without dev
  // dependencies; scripts/build-standalone.mjs adds the static files Next leaves out
  // (https://nextjs.org/docs/app/api-reference/config/next-config-js/output).
  output: "standalone",
  // Fixed at build time: Next inlines it into the client bundles, so a different prefix needs a
  // new build (and NEXTAUTH_URL ending in it).
  basePath: parseBasePath(process.env.BASE_PATH) || undefined,
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole repo (app, emulator, scripts, tests) with tsc as its own
  // step; repeating a partial check inside every `next build` only slows `npm start` down.
  typescript: { ignoreBuildErrors: true },
  // Native / CPU-heavy modules used by the server layer; keep them out of the bundle.
  serverExternalPackages: ["better-sqlite3", "bcryptjs"],
  experimental: {
    serverActions: {
      bodySizeLimit: REQUEST_BODY_LIMIT_BYTES,
      allowedOrigins,
    },
    // Next buffers each body for proxy.ts, which refuses any declared as larger than the limit.
    proxyClientMaxBodySize: REQUEST_BODY_LIMIT_BYTES,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
