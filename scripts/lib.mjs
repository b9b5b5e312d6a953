// Shared by `npm start` and `npm test`: plain Node (no dependencies), because it must run
// on a fresh clone before `npm ci`.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");
export const bin = (name) => path.join(root, "node_modules", ".bin", name);

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  if (r.status !== 0 && !opts.allowFailure) {
    throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${r.status}`);
  }
  return r.status ?? 1;
}

/** Runs a command with its output (stdout and stderr, in order) kept, for steps that run side by side. */
export function runCaptured(cmd, args, opts = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], ...opts });
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
    child.on("error", (err) => chunks.push(Buffer.from(`${err.message}\n`)));
    child.on("close", (status) => resolve({ status: status ?? 1, output: Buffer.concat(chunks).toString("utf8"), ms: Date.now() - started }));
  });
}

/** npm ci when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log("› Installing dependencies (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

const SOURCE_DIRS = ["app", "components", "lib"];
const SOURCE_FILES = ["next.config.ts", "tailwind.config.ts", "postcss.config.mjs", "package-lock.json", "proxy.ts"];

function newestMtime(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

/** next build when there is no build or a source file is newer than it. */
export function ensureBuild(env = {}) {
  const buildId = path.join(root, env.NEXT_DIST_DIR || process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  const built = fs.statSync(buildId, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = Math.max(...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d))), ...SOURCE_FILES.map((f) => newestMtime(path.join(root, f))));
  if (built > newest) return;
  console.log("› Building the dashboard (next build)…");
  run(bin("next"), ["build"], { env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1" } });
}

/** A NEXTAUTH_SECRET that survives restarts (sessions stay valid), kept out of git in data/. */
export function persistentSecret(file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

export function startProcess(name, cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (chunk) => chunk.toString().split("\n").filter(Boolean).map((l) => `[${name}] ${l}`).join("\n") + "\n";
  child.stdout.on("data", (c) => process.stdout.write(prefix(c)));
  child.stderr.on("data", (c) => process.stderr.write(prefix(c)));
  return child;
}

export async function waitForHttp(url, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export const EMULATOR_DEFAULTS = {
  port: "8102",
  projectId: "6f4f1b9c-3a0e-4c55-9f2e-8d1e2b7a4c10",
  superSecretAdminKey: "sak_emulatordemosupersecretadminkeyabcdefghijklmn",
};
