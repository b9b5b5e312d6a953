// The console under test for the bench scripts: a seeded emulator, the production build
// (`next start`) wired to it, signed-in operators, and the percentile / table helpers they share.
import bcrypt from "bcryptjs";
import fs from "node:fs";
import path from "node:path";
import { NEXTAUTH_SECRET, PROJECT } from "../e2e/env";
import { ensureBuild } from "../scripts/lib.mjs";
import { freePort, log, NEXT_BIN, ROOT, runOrThrow, startServer, TSX_BIN, waitForHttp, waitForOtherBuilds } from "./servers";

export const OPERATOR_PASSWORD = "bench-operator-password";

/** `--name value` from argv as a positive number, or the fallback. */
export function numArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} expects a positive number`);
  return v;
}

/** `--name value` from argv as a string, or undefined. */
export function strArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/**
 * Seeds `users` into a fresh emulator database in `tmp` (the emulator:seed CLI); returns its path.
 * `--seeded-db FILE` (or `N=FILE,M=FILE` per size) uses a database seeded before with
 * `STACK_EMULATOR_DB=FILE npm run emulator:seed -- --users N` instead: seeding 1,000,000 users
 * takes minutes on a busy machine. The bench reads it as it is; the emulator bench's writes undo themselves.
 */
export function seedEmulatorDb(tmp: string, users: number, name = `emulator-${users}.db`): string {
  const given = strArg("seeded-db")?.split(",");
  const seeded = given?.find((g) => g.startsWith(`${users}=`))?.slice(`${users}=`.length) ?? given?.find((g) => !/^\d+=/.test(g));
  if (seeded) {
    if (!fs.existsSync(seeded)) throw new Error(`--seeded-db ${seeded}: no such file`);
    log(`using the seeded database ${seeded} (said to hold ${users.toLocaleString("en-US")} users)`);
    return seeded;
  }
  const db = path.join(tmp, name);
  log(`seeding ${users.toLocaleString("en-US")} users (npm run emulator:seed)…`);
  runOrThrow(TSX_BIN, ["emulator/src/seed-cli.ts", "--users", String(users)], ROOT, { STACK_EMULATOR_DB: db, STACK_EMULATOR_SEED_USERS: "0" });
  return db;
}

/** Node flags for a server process: `--cpu-prof` into `profileDir` when one is given (the bench's `--profile DIR`). */
function nodeFlags(profileDir: string | undefined, name: string): string[] {
  if (!profileDir) return [];
  // One directory per server: node names each thread's profile by pid and thread id.
  const dir = path.join(profileDir, name);
  fs.mkdirSync(dir, { recursive: true });
  return ["--cpu-prof", `--cpu-prof-dir=${dir}`];
}

/** Starts the emulator on `db` (no seeding at start) and waits for it; returns its URL. */
export async function startEmulator(tmp: string, db: string, opts: { name?: string; profileDir?: string } = {}): Promise<string> {
  return (await startEmulatorServer(tmp, db, opts)).url;
}

/** startEmulator, with the process id (its process group's, for benches that read its CPU time). */
export async function startEmulatorServer(tmp: string, db: string, opts: { name?: string; profileDir?: string } = {}): Promise<{ url: string; pid: number }> {
  const name = opts.name ?? "emulator";
  const port = await freePort();
  // tsx as a loader of plain node, so node flags (the profiler) apply to the emulator itself.
  const args = [...nodeFlags(opts.profileDir, name), "--import", "tsx", "emulator/src/main.ts"];
  const child = startServer(tmp, name, process.execPath, args, ROOT, { STACK_EMULATOR_PORT: String(port), STACK_EMULATOR_DB: db, STACK_EMULATOR_SEED_USERS: "0" });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, 60_000, tmp);
  return { url, pid: child.pid! };
}

/** The emulator's demo project, as the console and a direct REST call address it. */
export const ADMIN_HEADERS = {
  "x-stack-project-id": PROJECT.id,
  "x-stack-access-type": "admin",
  "x-stack-super-secret-admin-key": PROJECT.superSecretAdminKey,
};

export type Console = { base: string; emails: string[]; pid: number };

/** A project of the console under test: its slug (the project cookie's value) and its emulator. */
export type BenchProject = { slug: string; name: string; apiUrl: string };

/**
 * Builds the dashboard if its sources changed (waiting for another engineer's build rather than
 * racing it), writes an operators file of `operators` viewers sharing one password, and starts
 * `next start` against `emulatorUrl`, or against several emulators through STACK_PROJECTS_FILE
 * (the first project is the default; `projectCookie` selects another).
 */
export async function startConsole(
  tmp: string,
  emulator: string | BenchProject[],
  opts: { operators: number; profileDir?: string; role?: string },
): Promise<Console> {
  await waitForOtherBuilds();
  ensureBuild();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const operatorsFile = path.join(tmp, "operators.json");
  const passwordHash = bcrypt.hashSync(OPERATOR_PASSWORD, 10);
  const emails = Array.from({ length: opts.operators }, (_, i) => `bench-operator-${i + 1}@example.com`);
  fs.writeFileSync(operatorsFile, JSON.stringify({ operators: emails.map((email) => ({ email, role: opts.role ?? "viewer", passwordHash })) }, null, 2));
  let projectEnv: Record<string, string>;
  if (typeof emulator === "string") {
    projectEnv = { STACK_API_URL: emulator, STACK_PROJECT_ID: PROJECT.id, STACK_SUPER_SECRET_ADMIN_KEY: PROJECT.superSecretAdminKey, STACK_PROJECT_NAME: "Bench project" };
  } else {
    const file = path.join(tmp, "projects.json");
    const projects = emulator.map((p) => ({ slug: p.slug, name: p.name, projectId: PROJECT.id, apiUrl: p.apiUrl, adminKeyEnv: "BENCH_ADMIN_KEY" }));
    fs.writeFileSync(file, JSON.stringify({ projects }, null, 2));
    projectEnv = { STACK_PROJECTS_FILE: file, BENCH_ADMIN_KEY: PROJECT.superSecretAdminKey };
  }
  const nextJs = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const cmd = opts.profileDir ? process.execPath : NEXT_BIN;
  const args = [...(opts.profileDir ? [...nodeFlags(opts.profileDir, "dashboard"), nextJs] : []), "start", "-p", String(port), "-H", "127.0.0.1"];
  const child = startServer(tmp, "dashboard", cmd, args, ROOT, {
    ...projectEnv,
    NEXTAUTH_SECRET,
    NEXTAUTH_URL: base,
    OPERATORS_FILE: operatorsFile,
    STACK_ADMIN_DB: path.join(tmp, "stack-admin.db"),
  });
  await waitForHttp(`${base}/sign-in`, 120_000, tmp);
  return { base, emails, pid: child.pid! };
}

/** The cookie that selects a project of the console (lib/server/current-project.ts). */
export const projectCookie = (slug: string) => `stack-admin-project=${slug}`;

/** A cookie jar of one operator: name → value from Set-Cookie headers. */
export class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: string) {
    return this.cookies.has(name);
  }
}

/** next-auth credentials sign-in: GET /api/auth/csrf, then POST the form with the csrf token and cookie. */
export async function signIn(base: string, email: string, password: string = OPERATOR_PASSWORD): Promise<Jar> {
  const jar = new Jar();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header(), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/users` }),
  });
  jar.take(res);
  if (!jar.has("next-auth.session-token")) throw new Error(`sign-in of ${email} failed: HTTP ${res.status} → ${res.headers.get("location")}`);
  return jar;
}

/** GETs `url` and reads the whole body; throws on a status other than 200. Returns the time in ms and the body. */
export async function timedGet(url: string, headers: Record<string, string>): Promise<{ ms: number; text: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers, redirect: "manual" });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${url} → HTTP ${res.status}: ${text.slice(0, 200)}`);
  return { ms, text };
}

/** The machine line every table prints under it: cores, load average, date. */
export async function machineLine(): Promise<string> {
  const os = await import("node:os");
  const [l1, l5, l15] = os.loadavg().map((l) => l.toFixed(2));
  return `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}; load average ${l1} / ${l5} / ${l15} (1 / 5 / 15 min; the machine is shared); ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
