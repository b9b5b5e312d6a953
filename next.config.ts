import type { NextConfig } from "next";

// Behind a reverse proxy the Origin header may differ from Host; list the public
// host(s) here so the server-action CSRF check accepts them. Comma-separated,
// e.g. "admin.example.com,*.admin.example.com".
const allowedOrigins = (process.env.SERVER_ACTIONS_ALLOWED_ORIGINS ?? "")
  .split(",")
  .map((origin) => origin.trim())
  .filter(Boolean);

// Self-hosting with several replicas: set NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
// (a base64 AES key, e.g. `openssl rand -base64 32`) to the SAME value on every
// replica and across deploys. Otherwise each instance derives its own key and
// server-action ids / closed-over values encrypted by one replica fail on another.

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // A conservative CSP that works without nonces: Next inlines bootstrap scripts
  // and next-themes sets the theme with an inline script before paint. Avatars
  // come from arbitrary hosts, hence img-src https:.
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob: https:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join("; "),
  },
];

const nextConfig: NextConfig = {
  // Lets two builds coexist in one checkout (e.g. the JS-weight bench beside a running app).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole repo (app, emulator, scripts, tests) with tsc as its own
  // step; repeating a partial check inside every `next build` only slows `npm start` down.
  typescript: { ignoreBuildErrors: true },
  // Native / CPU-heavy modules used by the server layer; keep them out of the bundle.
  serverExternalPackages: ["better-sqlite3", "bcryptjs"],
  experimental: {
    serverActions: {
      bodySizeLimit: "2mb",
      ...(allowedOrigins.length > 0 ? { allowedOrigins } : {}),
    },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
