// A throwaway PostgreSQL server on loopback for the tests (Debian's packages; apt-get install
// when root and missing). Plain Node, like scripts/lib.mjs. The console itself never starts
// PostgreSQL: deployments point DATABASE_URL at their own.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

function pgBin() {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], "bin") : null;
}

function sh(cmd, args, asPostgres) {
  const full = asPostgres ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  const r = spawnSync(full[0], full[1], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Installs PostgreSQL when root and missing. Returns the bin folder, or null (not root, not installed). */
export function ensurePostgres() {
  let dir = pgBin();
  if (!dir && process.getuid?.() === 0) {
    console.log("› Installing Debian postgresql (apt-get)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    spawnSync("apt-get", ["install", "-y", "-qq", "postgresql"], { stdio: "inherit", env });
    dir = pgBin();
  }
  return dir;
}

/** Starts a fresh cluster on 127.0.0.1:port (default from the pid, so parallel runs don't collide) (trust auth, loopback only). Returns its URL and a stop function. */
export function startTestPostgres(port = Number(process.env.PG_TEST_PORT || 55000 + (process.pid % 1000))) {
  const dir = ensurePostgres();
  if (!dir) return null;
  const asPostgres = process.getuid?.() === 0; // initdb refuses to run as root
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "stack-admin-pg-"));
  if (asPostgres) sh("chown", ["postgres", data], false);
  sh(path.join(dir, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"], asPostgres);
  sh(
    path.join(dir, "pg_ctl"),
    ["-D", data, "-l", path.join(data, "log"), "-w", "-o", `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${data} -c fsync=off`, "start"],
    asPostgres,
  );
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = () => {
    try {
      sh(path.join(dir, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], asPostgres);
    } catch {
      /* already stopped */
    }
    fs.rmSync(data, { recursive: true, force: true });
  };
  return { url, stop };
}

/** Creates an empty database on a test server (one per test file keeps them independent). */
export function createDatabase(url, name) {
  const dir = pgBin();
  const u = new URL(url);
  sh(path.join(dir, "psql"), ["-h", u.hostname, "-p", u.port, "-U", "postgres", "-qc", `CREATE DATABASE "${name}"`], false);
  u.pathname = `/${name}`;
  return u.toString();
}
