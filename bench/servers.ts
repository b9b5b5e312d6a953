// Processes for the bench scripts: servers in their own process groups (so tsx/next grandchildren
// stop with them), output in log files, all stopped on exit.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const NEXT_BIN = path.join(ROOT, "node_modules", ".bin", "next");
export const TSX_BIN = path.join(ROOT, "node_modules", ".bin", "tsx");

export const log = (msg: string) => console.error(`› ${msg}`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A temp directory for one bench run (server logs, databases). */
export const makeTmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `stack-admin-${name}-`));

const children: ChildProcess[] = [];
let stopping = false;

export function startServer(tmp: string, name: string, cmd: string, args: string[], cwd: string, env: Record<string, string>): ChildProcess {
  const out = fs.openSync(path.join(tmp, `${name}.log`), "a");
  const child = spawn(cmd, args, { cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", out, out], detached: true });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (!stopping) log(`${name} exited early (code ${code}, signal ${signal}); see ${path.join(tmp, `${name}.log`)}`);
  });
  return child;
}

const alive = (c: ChildProcess) => c.pid && c.exitCode === null && c.signalCode === null;
function signalAll(sig: NodeJS.Signals) {
  for (const c of children) {
    if (alive(c)) {
      try {
        process.kill(-c.pid!, sig);
      } catch {}
    }
  }
}
export function stopAll() {
  stopping = true;
  signalAll("SIGTERM");
}
export async function stopAllAndWait() {
  stopAll();
  const end = Date.now() + 5_000;
  while (Date.now() < end && children.some(alive)) await sleep(100);
  signalAll("SIGKILL");
}
process.on("exit", stopAll);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    stopAll();
    process.exit(130);
  });
}

function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", () => resolve(null));
    srv.listen(port, "127.0.0.1", () => {
      const { port: bound } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(bound));
    });
  });
}

// `BENCH_PORTS=9510-9539`: every server of a bench takes the next free port of that range (so
// benches on a shared machine stay inside the ports given to them); without it, any free port.
const PORT_RANGE = (() => {
  const spec = process.env.BENCH_PORTS;
  if (!spec) return null;
  const m = /^(\d+)-(\d+)$/.exec(spec.trim());
  if (!m || Number(m[1]) > Number(m[2])) throw new Error(`BENCH_PORTS expects FIRST-LAST, got ${spec}`);
  return { next: Number(m[1]), last: Number(m[2]) };
})();

export async function freePort(): Promise<number> {
  if (!PORT_RANGE) {
    const port = await tryListen(0);
    if (port === null) throw new Error("no free port");
    return port;
  }
  while (PORT_RANGE.next <= PORT_RANGE.last) {
    const port = await tryListen(PORT_RANGE.next++);
    if (port !== null) return port;
  }
  throw new Error(`no free port left in BENCH_PORTS=${process.env.BENCH_PORTS}`);
}

export async function waitForHttp(url: string, timeoutMs: number, logs: string) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {}
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (logs in ${logs})`);
}

export function runOrThrow(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", process.stderr, process.stderr], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) failed with exit code ${r.status}`);
}

/** The working directory of a process, or null when it is gone or not ours to read. */
function cwdOf(pid: string): string | null {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

/** Another `next build` in this checkout writes the same .next/: wait for it rather than race it. */
export async function waitForOtherBuilds() {
  for (let waited = 0; ; waited += 2) {
    const r = spawnSync("pgrep", ["-f", "next-build|next build"], { encoding: "utf8" });
    // Builds of other checkouts (other worktrees on a shared machine) write their own .next/.
    const pids = (r.stdout ?? "").split("\n").filter((p) => p && Number(p) !== process.pid && cwdOf(p) === ROOT);
    if (pids.length === 0) return;
    if (waited === 0) log(`a next build is running (pid ${pids.join(", ")}); waiting for it…`);
    if (waited > 600) throw new Error("a next build has been running for 10 minutes; giving up");
    await sleep(2_000);
  }
}

/** Runs a bench's main: stops every server at the end; keeps the logs in `tmp` only when it failed. */
export function runBench(tmp: string, main: () => Promise<void>) {
  main()
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      console.error(`Server logs kept in ${tmp}`);
      process.exitCode = 1;
    })
    .finally(async () => {
      await stopAllAndWait();
      if (process.exitCode !== 1) fs.rmSync(tmp, { recursive: true, force: true });
    });
}
