// `npm test`: installs what is missing (npm ci; Debian chromium when run as root without it),
// then runs every check and closes with one line "N passed, N failed" summing every runner.
import fs from "node:fs";

import path from "node:path";
import { bin, ensureDependencies, root, run, runCaptured } from "./lib.mjs";
import { startTestPostgres } from "./postgres.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const out = path.join(root, ".ci", "out");

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.getuid?.() === 0) {
    console.log("› Installing Debian chromium (apt-get)…");
    run("apt-get", ["update", "-qq"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    run("apt-get", ["install", "-y", "-qq", "chromium"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    return fs.existsSync(CHROMIUM);
  }
  console.error(`No Chromium at ${CHROMIUM} and not root: install it (apt-get install -y chromium) or set CHROMIUM_PATH. The E2E suite is counted as failed.`);
  return false;
}

const results = [];
function step(name, fn) {
  console.log(`\n━━ ${name} ━━`);
  const t = Date.now();
  const r = fn();
  results.push({ name, ...r, ms: Date.now() - t });
  console.log(`━━ ${name}: ${r.passed} passed, ${r.failed} failed (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
const single = (status) => ({ passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1 });

ensureDependencies();
const haveChromium = ensureChromium();
fs.mkdirSync(out, { recursive: true });

// The console's database runs on SQLite and PostgreSQL: tests of the store run on both.
let postgres = null;
if (!process.env.TEST_DATABASE_URL) {
  try {
    postgres = startTestPostgres();
  } catch (err) {
    console.error(`PostgreSQL could not be started: ${err.message}`);
  }
  if (postgres) process.env.TEST_DATABASE_URL = postgres.url;
  else console.error("No PostgreSQL (apt-get install -y postgresql): store tests run on SQLite only" + (process.env.CI ? " and fail under CI." : "."));
}
process.on("exit", () => postgres?.stop());

const only = process.argv.slice(2);
const want = (s) => only.length === 0 || only.includes(s);

// tsc and ESLint are single-threaded: on two cores they run side by side (each one's output
// is printed when it ends, so the two do not interleave). Before the build, which writes .next/types.
const checks = [
  want("typecheck") && { name: "typecheck (tsc)", cmd: bin("tsc"), args: ["--noEmit", "-p", "tsconfig.json"] },
  want("lint") && { name: "lint (eslint)", cmd: bin("eslint"), args: ["--max-warnings=0", "."] },
].filter(Boolean);
for (const r of await Promise.all(checks.map((c) => runCaptured(c.cmd, c.args).then((res) => ({ ...c, ...res }))))) {
  console.log(`\n━━ ${r.name} ━━`);
  process.stdout.write(r.output);
  results.push({ name: r.name, ...single(r.status), ms: r.ms });
  console.log(`━━ ${r.name}: ${r.status === 0 ? "1 passed, 0 failed" : "0 passed, 1 failed"} (${(r.ms / 1000).toFixed(1)} s)`);
}

if (want("unit")) {
  step("unit + integration (vitest)", () => {
    const file = path.join(out, "vitest.json");
    fs.rmSync(file, { force: true });
    const status = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${file}`], { allowFailure: true });
    if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    // A suite that failed to load has no tests: count it as a failure, not as nothing.
    const failedSuites = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
    return { passed: r.numPassedTests, failed: r.numFailedTests + failedSuites + (status !== 0 && r.numFailedTests === 0 && failedSuites === 0 ? 1 : 0) };
  });
}

if (want("e2e")) {
  step("build (next build)", () => single(run(bin("next"), ["build"], { allowFailure: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } })));
  step("end-to-end (playwright, chromium)", () => {
    if (!haveChromium) return { passed: 0, failed: 1 };
    const file = path.join(out, "playwright.json");
    fs.rmSync(file, { force: true });
    const status = run(bin("playwright"), ["test", "--reporter=list,json"], {
      allowFailure: true,
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: file, CHROMIUM_PATH: CHROMIUM },
    });
    if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
    const s = JSON.parse(fs.readFileSync(file, "utf8")).stats;
    const failed = s.unexpected + (status !== 0 && s.unexpected === 0 ? 1 : 0);
    return { passed: s.expected + s.flaky, failed };
  });
}

const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log("\nSummary:");
for (const r of results) console.log(`  ${r.failed ? "✗" : "✓"} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
