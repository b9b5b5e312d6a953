// Every entry point of the built console, enumerated from the code: server actions from the build's
// server-reference manifest (cross-checked with the `defineAction` exports in the source) and route
// handlers from app/**/route.ts. Helpers to call them over plain HTTP, read the audit log (real
// SQLite) and the emulator's request log.
import Database from "better-sqlite3";
import { encode } from "next-auth/jwt";
import fs from "node:fs";
import path from "node:path";
import { DASHBOARD_URL, E2E_DIR, EMULATOR_URL, NEXTAUTH_SECRET, OPERATORS } from "./env";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIST = path.join(ROOT, process.env.NEXT_DIST_DIR || ".next");

export type ServerAction = { id: string; exportedName: string; filename: string; pagePath: string };

/** Page routes (URL) that a manifest worker such as "app/(app)/users/[userId]/page" serves. */
function workerToPath(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[.*\]$/.test(s) ? "00000000-0000-4000-8000-000000000000" : s));
  return "/" + segments.join("/");
}

/** Every server action of the build. An action must be POSTed to a page that imports it. */
export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => {
    const workers = Object.keys(a.workers).filter((w) => w.endsWith("/page"));
    if (workers.length === 0) throw new Error(`action ${a.exportedName} is served by no page: ${Object.keys(a.workers).join(", ")}`);
    const pages = workers.map(workerToPath).sort((x, y) => x.length - y.length);
    return { id, exportedName: a.exportedName, filename: a.filename, pagePath: pages[0]! };
  });
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** `export const X = defineAction(` in the source (lib/ and app/), so an action missing from the build is noticed too. */
export function sourceActions(): string[] {
  const names: string[] = [];
  for (const f of [...walk(path.join(ROOT, "lib")), ...walk(path.join(ROOT, "app"))]) {
    for (const m of fs.readFileSync(f, "utf8").matchAll(/export const (\w+) = defineAction\b/g)) names.push(m[1]!);
  }
  return names.sort();
}

/** Route handlers as URL patterns, e.g. "/api/auth/[...nextauth]", from app/**\/route.ts. */
export function routeHandlers(): { pattern: string; file: string; methods: string[] }[] {
  return walk(path.join(ROOT, "app"))
    .filter((f) => /[/\\]route\.tsx?$/.test(f))
    .map((f) => {
      const rel = path.relative(path.join(ROOT, "app"), path.dirname(f)).split(path.sep);
      const pattern = "/" + rel.filter((s) => !/^\(.*\)$/.test(s)).join("/");
      const src = fs.readFileSync(f, "utf8");
      const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) =>
        new RegExp(`export (async )?function ${m}\\b|export \\{[^}]*\\bas ${m}\\b|export const ${m}\\b`).test(src),
      );
      return { pattern, file: path.relative(ROOT, f), methods };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export type ActionReply = { status: number; location: string | null; text: string; code: string | null; ok: boolean | null };

/** POSTs a server action the way React does (arguments as a JSON array), never following redirects. */
export async function callAction(action: ServerAction, args: unknown[] | string, cookie?: string): Promise<ActionReply> {
  const res = await fetch(DASHBOARD_URL + action.pagePath, {
    method: "POST",
    redirect: "manual",
    headers: {
      "next-action": action.id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: DASHBOARD_URL,
      ...(cookie ? { cookie } : {}),
    },
    body: typeof args === "string" ? args : JSON.stringify(args),
  });
  const text = await res.text();
  // The result is one line of the RSC payload: `1:{"ok":false,"code":"…",…}`.
  const code = /"ok":false,"code":"([A-Z_0-9]+)"/.exec(text)?.[1] ?? null;
  const ok = text.includes(`"ok":true`) ? true : text.includes(`"ok":false`) ? false : null;
  return { status: res.status, location: res.headers.get("location"), text, code, ok };
}

/** Runs `fn` over `items`, `width` at a time. */
export async function batch<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

export const SESSION_COOKIE = "next-auth.session-token";

/** Cookie header of a session the dashboard never issued. */
export const FORGED_COOKIE = `${SESSION_COOKIE}=forged.not-a-jwe`;

/** A session token properly encrypted with the dashboard's secret, for the owner, but expired an hour ago. */
export async function expiredSessionCookie(): Promise<string> {
  const token = await encode({
    secret: NEXTAUTH_SECRET,
    maxAge: -60 * 60,
    token: { email: OPERATORS.admin.email, name: null, role: OPERATORS.admin.role, sub: OPERATORS.admin.email },
  });
  return `${SESSION_COOKIE}=${token}`;
}

/** The session cookie saved by auth.setup.ts for an operator. */
export function storedSessionCookie(storageFile: string): string {
  const state = JSON.parse(fs.readFileSync(storageFile, "utf8")) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

export type AuditRecord = { id: number; actor_email: string; actor_role: string; action: string; project_slug: string | null; status: string; error_code: string | null; message: string | null };

/** The console's audit log (STACK_ADMIN_DB of the e2e dashboard), read-only. */
export function auditSince(id: number): AuditRecord[] {
  const db = new Database(path.join(E2E_DIR, "stack-admin.db"), { readonly: true, fileMustExist: true });
  try {
    // Results and one-shot events: one record per call (write-ahead intents are the same call).
    return db
      .prepare("SELECT id, actor_email, actor_role, action, project_slug, status, error_code, message FROM audit_records WHERE id > ? AND phase <> 'intent' ORDER BY id")
      .all(id) as AuditRecord[];
  } finally {
    db.close();
  }
}
export const lastAuditId = () => {
  const db = new Database(path.join(E2E_DIR, "stack-admin.db"), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT COALESCE(MAX(id), 0) FROM audit_records").pluck().get() as number) ?? 0;
  } finally {
    db.close();
  }
};

export type LoggedRequest = { seq: number; method: string; path: string; body_sha256: string | null; status: number | "reset" | null };

/** The emulator's request log after `since` (0 = everything it kept). */
export async function emulatorRequests(since: number): Promise<{ last_seq: number; items: LoggedRequest[] }> {
  return (await (await fetch(`${EMULATOR_URL}/__emulator/requests?since=${since}`)).json()) as { last_seq: number; items: LoggedRequest[] };
}
export const lastRequestSeq = async () => (await emulatorRequests(Number.MAX_SAFE_INTEGER)).last_seq;

export async function injectFaults(faults: Record<string, unknown>[]): Promise<void> {
  const res = await fetch(`${EMULATOR_URL}/__emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ faults }) });
  if (!res.ok) throw new Error(`faults refused: ${await res.text()}`);
}
export const clearFaults = () => fetch(`${EMULATOR_URL}/__emulator/faults`, { method: "DELETE" });
