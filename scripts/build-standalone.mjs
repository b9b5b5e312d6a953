// Turns `next build`'s standalone output into the folder that runs in production: the Dockerfile
// copies exactly this folder, and e2e/standalone.spec.ts starts exactly this folder, so the
// tested path and the image cannot drift.
//
// Next leaves two things out of `<distDir>/standalone` on purpose (a CDN may serve them):
// `<distDir>/static` and `public/` (https://nextjs.org/docs/app/api-reference/config/next-config-js/output).
// This copies them next to server.js, adds serve.mjs (the entry point: graceful SIGTERM), and
// removes any `.env*` file the trace picked up, so no secret is baked into the image.
//
//   node scripts/build-standalone.mjs            # after `next build`; prints the folder
//   NEXT_DIST_DIR=.next-x node scripts/build-standalone.mjs
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";

/** Assembles the runnable folder in place and returns its absolute path. */
export function assembleStandalone({ dist = distDir } = {}) {
  const out = path.join(root, dist, "standalone");
  if (!fs.existsSync(path.join(out, "server.js"))) {
    throw new Error(`${path.relative(root, out)}/server.js is missing: run \`next build\` first (next.config.ts sets output: "standalone").`);
  }
  fs.cpSync(path.join(root, dist, "static"), path.join(out, dist, "static"), { recursive: true });
  if (fs.existsSync(path.join(root, "public"))) fs.cpSync(path.join(root, "public"), path.join(out, "public"), { recursive: true });
  fs.copyFileSync(path.join(root, "scripts", "serve.mjs"), path.join(out, "serve.mjs"));
  for (const name of fs.readdirSync(out)) {
    if (name.startsWith(".env")) fs.rmSync(path.join(out, name), { force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(assembleStandalone());
}
