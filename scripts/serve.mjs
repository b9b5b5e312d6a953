// The production entry point: `node serve.mjs` inside the folder scripts/build-standalone.mjs
// assembles (the container's CMD), or `npm run serve` from a checkout. It needs no dev
// dependency: only Node and that folder.
//
// Next's own SIGTERM handler exits as soon as its HTTP server has closed, before the console can
// close its database; NEXT_MANUAL_SIG_HANDLE hands the signal to lib/server/shutdown.ts instead
// (installed by instrumentation.ts), which lets in-flight requests finish, runs the onShutdown
// hooks and closes the database, then exits.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const here = import.meta.dirname;
// In the assembled folder server.js sits beside this file; from a checkout, in the build's folder.
const server = fs.existsSync(path.join(here, "server.js"))
  ? path.join(here, "server.js")
  : path.join(here, "..", process.env.NEXT_DIST_DIR || ".next", "standalone", "server.js");
if (!fs.existsSync(server)) {
  console.error(`${server} is missing: run \`npm run build\` first.`);
  process.exit(1);
}
process.env.NODE_ENV = "production";
process.env.NEXT_MANUAL_SIG_HANDLE = "1";
// server.js listens on HOSTNAME:PORT; a container must listen on every interface.
process.env.HOSTNAME ||= "0.0.0.0";
await import(pathToFileURL(server).href);
