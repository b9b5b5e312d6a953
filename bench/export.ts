// `npm run bench:export [-- --users 1000000]`
//
// CSV export of every user through GET /api/users/export of the production build, against an
// emulator seeded with N users: wall time, rows and bytes received, and the dashboard's resident
// memory (every process of its group, from /proc) before and at its peak during the download.
// Prints a table. Budget: 1,000,000 users in ≤ 60 s with RSS growth ≤ 100 MB.
import bcrypt from "bcryptjs";
import fs from "node:fs";
import path from "node:path";
import { NEXTAUTH_SECRET, PROJECT } from "../e2e/env";
import { ensureBuild } from "../scripts/lib.mjs";
import { freePort, log, makeTmp, NEXT_BIN, ROOT, runBench, runOrThrow, startServer, TSX_BIN, waitForHttp, waitForOtherBuilds } from "./servers";
import { signIn } from "./sign-in";

const i = process.argv.indexOf("--users");
const USERS = i >= 0 ? Number(process.argv[i + 1]) : 1_000_000;
if (!Number.isInteger(USERS) || USERS <= 0) throw new Error("--users expects a positive integer");
const PASSWORD = "bench-operator-password";
const BUDGET = { seconds: 60, rssMb: 100 };
const tmp = makeTmp("bench-export");

/** Resident memory in bytes of every process in the process group `pgid` (Linux /proc). */
function groupRss(pgid: number): number {
  let total = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the parenthesised command: state ppid pgrp …
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {}
  }
  return total;
}

async function main() {
  await waitForOtherBuilds();
  ensureBuild();
  const [emulatorPort, dashboardPort] = [await freePort(), await freePort()];
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const base = `http://127.0.0.1:${dashboardPort}`;
  const emulatorDb = path.join(tmp, "emulator.db");

  log(`seeding ${USERS} users (npm run emulator:seed)…`);
  runOrThrow(TSX_BIN, ["emulator/src/seed-cli.ts", "--users", String(USERS)], ROOT, { STACK_EMULATOR_DB: emulatorDb });
  const operatorsFile = path.join(tmp, "operators.json");
  const email = "bench-exporter@example.com";
  fs.writeFileSync(operatorsFile, JSON.stringify({ operators: [{ email, role: "operator", passwordHash: bcrypt.hashSync(PASSWORD, 10) }] }));

  log(`starting the emulator and the dashboard (next start; logs in ${tmp})…`);
  startServer(tmp, "emulator", TSX_BIN, ["emulator/src/main.ts"], ROOT, { STACK_EMULATOR_PORT: String(emulatorPort), STACK_EMULATOR_DB: emulatorDb, STACK_EMULATOR_SEED_USERS: "0" });
  await waitForHttp(`${emulatorUrl}/health`, 60_000, tmp);
  const dashboard = startServer(tmp, "dashboard", NEXT_BIN, ["start", "-p", String(dashboardPort), "-H", "127.0.0.1"], ROOT, {
    STACK_API_URL: emulatorUrl,
    STACK_PROJECT_ID: PROJECT.id,
    STACK_SUPER_SECRET_ADMIN_KEY: PROJECT.superSecretAdminKey,
    STACK_PROJECT_NAME: "Bench project",
    NEXTAUTH_SECRET,
    NEXTAUTH_URL: base,
    OPERATORS_FILE: operatorsFile,
    STACK_ADMIN_DB: path.join(tmp, "stack-admin.db"),
  });
  await waitForHttp(`${base}/sign-in`, 120_000, tmp);
  const cookie = (await signIn(base, email, PASSWORD)).header();
  // Warm the route (first-hit module loading) outside the measurement.
  await (await fetch(`${base}/api/users/export?q=anna`, { headers: { cookie } })).text();

  const rssBefore = groupRss(dashboard.pid!);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, groupRss(dashboard.pid!))), 200);
  log(`exporting ${USERS} users…`);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/users/export`, { headers: { cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`export answered HTTP ${res.status}: ${await res.text()}`);
  let bytes = 0;
  let newlines = 0;
  const reader = res.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    bytes += r.value.byteLength;
    for (const b of r.value) if (b === 10) newlines++;
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);

  const rows = newlines - 1; // the header line
  const growthMb = (rssPeak - rssBefore) / 2 ** 20;
  const met = rows === USERS && seconds <= BUDGET.seconds && growthMb <= BUDGET.rssMb;
  console.log(
    [
      `CSV export of ${USERS.toLocaleString("en-US")} seeded users through GET /api/users/export (next start)`,
      "",
      "| Rows | MB | Seconds | Rows/s | RSS before (MB) | RSS peak (MB) | Growth (MB) |",
      "|---:|---:|---:|---:|---:|---:|---:|",
      `| ${rows.toLocaleString("en-US")} | ${(bytes / 2 ** 20).toFixed(1)} | ${seconds.toFixed(1)} | ${Math.round(rows / seconds).toLocaleString("en-US")} | ${(rssBefore / 2 ** 20).toFixed(0)} | ${(rssPeak / 2 ** 20).toFixed(0)} | ${growthMb.toFixed(0)} |`,
      "",
      `Budget: every row, ≤ ${BUDGET.seconds} s, RSS growth ≤ ${BUDGET.rssMb} MB → ${met ? "met" : "NOT met"}`,
    ].join("\n"),
  );
}

runBench(tmp, main);
