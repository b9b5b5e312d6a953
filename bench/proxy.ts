// `npm run bench:proxy [-- --users 100000 --iterations 200 --profile DIR]`
//
// Proxy overhead: the console's users JSON route (GET /api/users, what the table fetches) against
// the very REST call it makes upstream, sent straight to the same emulator, interleaved one of each
// per round so both see the same machine. The upstream call is read back from the emulator's
// request log, so the direct call is the console's own path and query. Prints both latencies and
// the overhead (p50 difference, ratio), and, to tell where the console's share goes, the same
// rounds of `GET /api/health` (Next's pipeline, no session, no upstream call). Two more rows give
// the floor no console code can go under: the same small JSON from a blank Next.js app's route
// handler (bench/blank-next.ts) and from a bare node:http server in this process; their
// difference is what Next itself costs a request on this machine.
// `--profile DIR` runs both servers under `node --cpu-prof`. A report, not a test.
// Target: overhead ≤ 3 ms p50.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { BLANK, ensureBlankBuild } from "./blank-next";
import { freePort, log, makeTmp, NEXT_BIN, runBench, startServer, waitForHttp } from "./servers";
import { ADMIN_HEADERS, machineLine, numArg, percentile, seedEmulatorDb, signIn, startConsole, startEmulator, strArg, timedGet } from "./stack";

const USERS = numArg("users", 100_000);
const ITERATIONS = numArg("iterations", 200);
const WARMUP = 20;
const TARGET_OVERHEAD_MS = 3;
const PROFILE_DIR = strArg("profile");

const tmp = makeTmp("bench-proxy");

async function main() {
  const emulatorUrl = await startEmulator(tmp, seedEmulatorDb(tmp, USERS), { profileDir: PROFILE_DIR });
  const { base, emails } = await startConsole(tmp, emulatorUrl, { operators: 1, profileDir: PROFILE_DIR });
  const cookie = (await signIn(base, emails[0]!)).header();
  const consoleCall = () => timedGet(`${base}/api/users`, { cookie });

  // The console's first call also probes capabilities (cached afterwards): warm up, then find the
  // list call it makes for a page by the request log.
  for (let i = 0; i < WARMUP; i++) await consoleCall();
  const since = ((await (await fetch(`${emulatorUrl}/__emulator/requests?since=0`)).json()) as { last_seq: number }).last_seq;
  await consoleCall();
  const logged = ((await (await fetch(`${emulatorUrl}/__emulator/requests?since=${since}`)).json()) as { items: { method: string; path: string }[] }).items;
  if (logged.length !== 1 || logged[0]!.method !== "GET") throw new Error(`expected one upstream GET per page, got ${JSON.stringify(logged)}`);
  const upstreamPath = logged[0]!.path;
  const directCall = () => timedGet(`${emulatorUrl}/api/v1${upstreamPath}`, ADMIN_HEADERS);
  const healthCall = () => timedGet(`${base}/api/health`, {});
  ensureBlankBuild();
  const blankBase = `http://127.0.0.1:${await freePort()}`;
  startServer(tmp, "blank", NEXT_BIN, ["start", "-p", blankBase.split(":").pop()!, "-H", "127.0.0.1"], BLANK, {});
  await waitForHttp(`${blankBase}/api/ping`, 120_000, tmp);
  const blankCall = () => timedGet(`${blankBase}/api/ping`, {});
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
  const bareCall = () => timedGet(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`, {});
  for (const call of [directCall, healthCall, blankCall, bareCall]) for (let i = 0; i < WARMUP; i++) await call();

  log(`${ITERATIONS} interleaved rounds: GET /api/users vs GET ${upstreamPath}…`);
  const viaConsole: number[] = [];
  const direct: number[] = [];
  const health: number[] = [];
  const blank: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    health.push((await healthCall()).ms);
    blank.push((await blankCall()).ms);
    bareMs.push((await bareCall()).ms);
    // Alternate which goes first, so neither always meets a cold or a warm socket.
    if (i % 2 === 0) {
      viaConsole.push((await consoleCall()).ms);
      direct.push((await directCall()).ms);
    } else {
      direct.push((await directCall()).ms);
      viaConsole.push((await consoleCall()).ms);
    }
  }

  const [c50, d50] = [percentile(viaConsole, 50), percentile(direct, 50)];
  const overhead = c50 - d50;
  const f = (n: number) => n.toFixed(2);
  console.log(
    [
      `# Proxy overhead at ${USERS.toLocaleString("en-US")} users, ${ITERATIONS} interleaved rounds`,
      "",
      "| Call | p50 (ms) | p95 (ms) |",
      "|---|---:|---:|",
      `| console \`GET /api/users\` | ${f(c50)} | ${f(percentile(viaConsole, 95))} |`,
      `| direct \`GET /api/v1${upstreamPath.replace(/\|/g, "\\|")}\` | ${f(d50)} | ${f(percentile(direct, 95))} |`,
      `| **overhead (p50 difference)** | **${f(overhead)}** | ratio ${(c50 / d50).toFixed(2)}× |`,
      `| console \`GET /api/health\` (no session, no upstream) | ${f(percentile(health, 50))} | ${f(percentile(health, 95))} |`,
      `| blank Next.js app, \`GET /api/ping\` (a route handler answering \`{"ok":true}\`) | ${f(percentile(blank, 50))} | ${f(percentile(blank, 95))} |`,
      `| bare \`node:http\` server, same answer | ${f(percentile(bareMs, 50))} | ${f(percentile(bareMs, 95))} |`,
      `| **Next.js's own floor (blank − bare, p50)** | **${f(percentile(blank, 50) - percentile(bareMs, 50))}** | |`,
      "",
      `Target: overhead ≤ ${TARGET_OVERHEAD_MS} ms p50 → ${overhead <= TARGET_OVERHEAD_MS ? "met" : "NOT met"}`,
      await machineLine(),
    ].join("\n"),
  );
  bare.close();
}

runBench(tmp, main);
