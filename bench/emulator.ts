// `npm run bench:emulator [-- --users N[,M…] --rounds R --seeded-db N=FILE]`
//
// For each size (default 100,000 and 1,000,000): seeds N users into a temporary file database
// (timed, against the seed target), starts the emulator on it in a separate process, then
// measures over HTTP — interleaved, one operation of each kind per round — p50/p95 latencies of
// the users endpoints, and prints a markdown table with the targets. Then it runs a batch of each
// operation alone and reads the emulator's CPU time from /proc around it: CPU per request, which
// waiting behind other processes on a shared machine does not inflate the way it inflates latency.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmulator } from "../emulator/src/app";
import { EMULATOR_DEFAULTS, readEmulatorConfig } from "../emulator/src/config";
import { seedDemoData } from "../emulator/src/seed";
import { freePort } from "./servers";

type Op = "metrics (overview)" | "list first page" | "list page 50 (cursor)" | "search e-mail fragment" | "get by id" | "create" | "update" | "delete";
const TARGETS: Record<Op, { kind: "read" | "write"; p50: number }> = {
  "metrics (overview)": { kind: "read", p50: 100 },
  "list first page": { kind: "read", p50: 10 },
  "list page 50 (cursor)": { kind: "read", p50: 10 },
  "search e-mail fragment": { kind: "read", p50: 10 },
  "get by id": { kind: "read", p50: 10 },
  create: { kind: "write", p50: 5 },
  update: { kind: "write", p50: 5 },
  delete: { kind: "write", p50: 5 },
};

/** Seed time targets: 100,000 users in 30 s, 1,000,000 in 90 s (linear in between). */
const seedTargetSeconds = (users: number) => (users <= 100_000 ? 30 : 30 + ((users - 100_000) / 900_000) * 60);

function sizesArg(dflt: number[]): number[] {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === "--users" || a.startsWith("--users="));
  if (i < 0) return dflt;
  const v = argv[i]!.includes("=") ? argv[i]!.split("=")[1]! : argv[i + 1] ?? "";
  return v.split(",").map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1) throw new Error("--users expects positive integers, comma-separated");
    return n;
  });
}

/** `--seeded-db N=FILE[,M=FILE]`: measure on databases seeded before (the update rounds rename some of their users). */
function seededDbFor(users: number): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf("--seeded-db");
  const file = i < 0 ? undefined : (argv[i + 1] ?? "").split(",").find((g) => g.startsWith(`${users}=`))?.slice(`${users}=`.length);
  if (file && !fs.existsSync(file)) throw new Error(`--seeded-db: no file ${file}`);
  return file;
}

function arg(name: string, dflt: number) {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return dflt;
  const v = argv[i]!.includes("=") ? argv[i]!.split("=")[1] : argv[i + 1];
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive integer`);
  return n;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

/** CPU milliseconds (user + system) of every process in the group `pgid`, from Linux /proc (NaN elsewhere). */
function groupCpuMs(pgid: number): number {
  if (!fs.existsSync("/proc/self/stat")) return NaN;
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // Fields after the parenthesised command: state ppid pgrp … utime (12th) stime (13th).
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
    } catch {}
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

async function startServer(dbPath: string): Promise<{ url: string; child: ChildProcess }> {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const child = spawn(tsx, ["emulator/src/main.ts"], {
    env: {
      ...process.env,
      STACK_EMULATOR_DB: dbPath,
      STACK_EMULATOR_PORT: String(await freePort()),
      STACK_EMULATOR_SEED_USERS: "0",
      STACK_EMULATOR_PROJECT_ID: EMULATOR_DEFAULTS.projectId,
      STACK_EMULATOR_SECRET_SERVER_KEY: EMULATOR_DEFAULTS.secretServerKey,
      STACK_EMULATOR_SUPER_SECRET_ADMIN_KEY: EMULATOR_DEFAULTS.superSecretAdminKey,
      STACK_EMULATOR_PUBLISHABLE_CLIENT_KEY: EMULATOR_DEFAULTS.publishableClientKey,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: tsx and the server it starts, for the CPU readings
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`emulator did not start in 60 s\n${out}\n${stderr}`)), 60_000);
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}\n${out}\n${stderr}`)));
  });
  return { url, child };
}

async function main() {
  const sizes = sizesArg([100_000, 1_000_000]);
  const rounds = arg("rounds", 300);
  let failed = 0;
  for (const users of sizes) failed += await benchSize(users, rounds);
  const [l1, l5, l15] = os.loadavg().map((l) => l.toFixed(2));
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}; load average ${l1} / ${l5} / ${l15} (the machine is shared); ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`);
  console.log(`\n${failed === 0 ? "All targets met." : `${failed} target(s) missed.`}`);
  process.exitCode = failed === 0 ? 0 : 1;
}

/** Seeds, serves and measures one size; returns the number of missed targets. */
async function benchSize(users: number, rounds: number): Promise<number> {
  const warmup = Math.min(30, Math.ceil(rounds / 10));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-emulator-bench-"));
  const seededDb = seededDbFor(users);
  const dbPath = seededDb ?? path.join(dir, "emulator.db");
  console.log(`# Emulator benchmark at ${users.toLocaleString("en")} users\n`);

  // 1. Seed (in this process, straight into the file database), unless given a seeded one.
  let seedOk = true;
  if (seededDb) console.log(`Reads and writes on ${seededDb}, seeded before (seed time not measured in this run).\n`);
  else {
    const config = { ...readEmulatorConfig({} as NodeJS.ProcessEnv), dbPath, seedUsers: 0 };
    const seeder = createEmulator(config);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const seeded = seedDemoData(seeder.db, config, { users });
    const seedMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    seeder.db.pragma("wal_checkpoint(TRUNCATE)");
    seeder.close();
    const seedTarget = seedTargetSeconds(users);
    seedOk = seedMs / 1000 <= seedTarget;
    console.log(
      `Seeded ${seeded.users.toLocaleString("en")} users (${seeded.contactChannels.toLocaleString("en")} e-mails, ${seeded.teams.toLocaleString("en")} teams, ` +
        `${seeded.memberships.toLocaleString("en")} memberships, ${seeded.sessions.toLocaleString("en")} sessions) in **${(seedMs / 1000).toFixed(1)} s** ` +
        `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; target ≤ ${seedTarget.toFixed(0)} s: ${seedOk ? "pass" : "FAIL"}).\n`,
    );
  }

  // 2. Server in its own process.
  const { url, child } = await startServer(dbPath);
  const headers = {
    "x-stack-project-id": EMULATOR_DEFAULTS.projectId,
    "x-stack-access-type": "admin",
    "x-stack-super-secret-admin-key": EMULATOR_DEFAULTS.superSecretAdminKey,
    "content-type": "application/json",
  };
  const call = async (method: string, p: string, body?: unknown) => {
    const start = performance.now();
    const res = await fetch(`${url}/api/v1${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const ms = performance.now() - start;
    if (res.status >= 300) throw new Error(`${method} ${p} → ${res.status}: ${text.slice(0, 300)}`);
    return { ms, json: JSON.parse(text) as any };
  };

  try {
    // Sample data: ids and e-mails from the seeded database (read through the API).
    const sample = (await call("GET", "/users?limit=1000&include_anonymous=true&order_by=last_active_at&desc=true")).json.items as any[];
    const ids = sample.map((u) => u.id as string);
    const fragments = sample.filter((u) => u.primary_email).map((u) => (u.primary_email as string).split("@")[0]!.slice(0, 7));

    // Walk 49 pages of 50 by cursor to get the cursor of page 50.
    let cursor: string | null = null;
    const walkStart = performance.now();
    for (let page = 1; page < 50; page++) {
      const r = await call("GET", `/users?limit=50${cursor ? `&cursor=${cursor}` : ""}`);
      cursor = r.json.pagination.next_cursor;
      if (!cursor) throw new Error(`ran out of pages at page ${page}; seed more users`);
    }
    const walkMs = performance.now() - walkStart;
    const page50Cursor = cursor!;

    const samples: Record<Op, number[]> = {
      "metrics (overview)": [], "list first page": [], "list page 50 (cursor)": [], "search e-mail fragment": [], "get by id": [], create: [], update: [], delete: [],
    };
    let rng = 12345;
    const rand = (n: number) => {
      rng = (rng * 1103515245 + 12345) & 0x7fffffff;
      return rng % n;
    };
    const runId = Date.now().toString(36);
    for (let i = 0; i < rounds + warmup; i++) {
      const keep = i >= warmup;
      const rec = (op: Op, ms: number) => keep && samples[op].push(ms);
      const desc = i % 2 === 0;
      // The overview's aggregate is the slowest read: sampled every tenth round to keep the run short.
      if (i % 10 === 0) rec("metrics (overview)", (await call("GET", "/internal/metrics")).ms);
      rec("list first page", (await call("GET", `/users?limit=50&order_by=signed_up_at&desc=${desc}`)).ms);
      const page50 = await call("GET", `/users?limit=50&cursor=${page50Cursor}`);
      if (page50.json.items.length !== 50) throw new Error("page 50 is not full");
      rec("list page 50 (cursor)", page50.ms);
      rec("search e-mail fragment", (await call("GET", `/users?limit=50&query=${encodeURIComponent(fragments[rand(fragments.length)]!)}`)).ms);
      rec("get by id", (await call("GET", `/users/${ids[rand(ids.length)]}`)).ms);
      const created = await call("POST", "/users", {
        primary_email: `bench-${runId}-${i}@example.com`,
        primary_email_auth_enabled: true,
        password: "bench-password",
        display_name: `Bench user ${i}`,
      });
      rec("create", created.ms);
      rec("update", (await call("PATCH", `/users/${ids[rand(ids.length)]}`, { display_name: `Renamed ${i}`, client_metadata: { round: i } })).ms);
      rec("delete", (await call("DELETE", `/users/${created.json.id}`, {})).ms);
    }

    // CPU per request: a batch of each operation alone (the creates' users are the deletes' targets).
    const cpu: Partial<Record<Op, number>> = {};
    const batch = async (op: Op, n: number, fn: (i: number) => Promise<unknown>) => {
      const before = groupCpuMs(child.pid!);
      for (let i = 0; i < n; i++) await fn(i);
      cpu[op] = (groupCpuMs(child.pid!) - before) / n;
    };
    const B = Math.max(20, Math.min(100, rounds));
    await batch("metrics (overview)", Math.ceil(B / 5), () => call("GET", "/internal/metrics"));
    await batch("list first page", B, (i) => call("GET", `/users?limit=50&order_by=signed_up_at&desc=${i % 2 === 0}`));
    await batch("list page 50 (cursor)", B, () => call("GET", `/users?limit=50&cursor=${page50Cursor}`));
    await batch("search e-mail fragment", B, () => call("GET", `/users?limit=50&query=${encodeURIComponent(fragments[rand(fragments.length)]!)}`));
    await batch("get by id", B, () => call("GET", `/users/${ids[rand(ids.length)]}`));
    const createdIds: string[] = [];
    await batch("create", B, async (i) =>
      createdIds.push((await call("POST", "/users", { primary_email: `bench-cpu-${runId}-${i}@example.com`, primary_email_auth_enabled: true, password: "bench-password", display_name: `Bench CPU ${i}` })).json.id),
    );
    await batch("update", B, (i) => call("PATCH", `/users/${ids[rand(ids.length)]}`, { display_name: `Renamed CPU ${i}`, client_metadata: { cpu: i } }));
    await batch("delete", B, (i) => call("DELETE", `/users/${createdIds[i]}`, {}));

    console.log(`${rounds} interleaved rounds after ${warmup} warm-up rounds; walking 49 pages of 50 by cursor took ${walkMs.toFixed(0)} ms. CPU: the emulator's, per request, over a batch of ${B} of each alone (metrics: ${Math.ceil(B / 5)}); 10 ms clock ticks.\n`);
    console.log("| Operation | p50 (ms) | p95 (ms) | CPU / request (ms) | Target p50 | Result |");
    console.log("|---|---:|---:|---:|---:|---|");
    let failed = seedOk ? 0 : 1;
    for (const op of Object.keys(samples) as Op[]) {
      const p50 = percentile(samples[op], 50);
      const p95 = percentile(samples[op], 95);
      const ok = p50 <= TARGETS[op].p50;
      if (!ok) failed++;
      console.log(`| ${op} | ${p50.toFixed(2)} | ${p95.toFixed(2)} | ${Number.isNaN(cpu[op]) ? "n/a" : cpu[op]!.toFixed(2)} | ≤ ${TARGETS[op].p50} (${TARGETS[op].kind}) | ${ok ? "pass" : "FAIL"} |`);
    }
    console.log("");
    return failed;
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
