// `npm run bench:export [-- --users 1000000] [--profile DIR]`
//
// CSV export of every user through GET /api/users/export of the production build, against an
// emulator seeded with N users: wall time, rows and bytes received, and the dashboard's resident
// memory (every process of its group, from /proc) before and at its peak during the download, and
// the CPU time the console and the emulator spent on it (a shared machine inflates wall time, not
// CPU time). `--profile DIR` writes CPU profiles of both servers.
// Prints a table. Budget: 1,000,000 users in ≤ 60 s with RSS growth ≤ 100 MB.
import fs from "node:fs";
import { log, makeTmp, runBench } from "./servers";
import { machineLine, numArg, seedEmulatorDb, signIn, startConsole, startEmulatorServer, strArg } from "./stack";

const USERS = numArg("users", 1_000_000);
const BUDGET = { seconds: 60, rssMb: 100 };
const PROFILE_DIR = strArg("profile");
const tmp = makeTmp("bench-export");

/** Resident memory (bytes) and CPU time (user + system, seconds) of every process in the process group `pgid` (Linux /proc). */
function groupUsage(pgid: number): { rss: number; cpu: number } {
  let rss = 0;
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the parenthesised command: state ppid pgrp … (utime and stime are the 12th and 13th, in clock ticks).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) rss += Number(m[1]) * 1024;
    } catch {}
  }
  // USER_HZ is 100 on Linux (sysconf(_SC_CLK_TCK)).
  return { rss, cpu: ticks / 100 };
}

async function main() {
  const emulator = await startEmulatorServer(tmp, seedEmulatorDb(tmp, USERS), { profileDir: PROFILE_DIR });
  log(`starting the dashboard (next start; logs in ${tmp})…`);
  const dashboard = await startConsole(tmp, emulator.url, { operators: 1, role: "operator", profileDir: PROFILE_DIR });
  const base = dashboard.base;
  const cookie = (await signIn(base, dashboard.emails[0]!)).header();
  // Warm the route (first-hit module loading) outside the measurement.
  await (await fetch(`${base}/api/users/export?q=anna`, { headers: { cookie } })).text();

  const before = groupUsage(dashboard.pid);
  const emulatorBefore = groupUsage(emulator.pid);
  const rssBefore = before.rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, groupUsage(dashboard.pid).rss)), 200);
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
  const consoleCpu = groupUsage(dashboard.pid).cpu - before.cpu;
  const emulatorCpu = groupUsage(emulator.pid).cpu - emulatorBefore.cpu;

  const rows = newlines - 1; // the header line
  const growthMb = (rssPeak - rssBefore) / 2 ** 20;
  const met = rows > 0 && seconds <= BUDGET.seconds && growthMb <= BUDGET.rssMb;
  console.log(
    [
      `CSV export of ${USERS.toLocaleString("en-US")} seeded users through GET /api/users/export (next start); the table's default filter leaves out the seed's anonymous users (3 %)`,
      "",
      "| Rows | MB | Seconds | Rows/s | Console CPU (s) | Emulator CPU (s) | RSS before (MB) | RSS peak (MB) | Growth (MB) |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
      `| ${rows.toLocaleString("en-US")} | ${(bytes / 2 ** 20).toFixed(1)} | ${seconds.toFixed(1)} | ${Math.round(rows / seconds).toLocaleString("en-US")} | ${consoleCpu.toFixed(1)} | ${emulatorCpu.toFixed(1)} | ${(rssBefore / 2 ** 20).toFixed(0)} | ${(rssPeak / 2 ** 20).toFixed(0)} | ${growthMb.toFixed(0)} |`,
      "",
      `Budget: ≤ ${BUDGET.seconds} s, RSS growth ≤ ${BUDGET.rssMb} MB → ${met ? "met" : "NOT met"}`,
      await machineLine(),
    ].join("\n"),
  );
}

runBench(tmp, main);
