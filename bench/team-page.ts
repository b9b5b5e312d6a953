// `npm run bench:team-page [-- --rounds 40 --users 100000 --emulator-port 9207 --port 9208 --seeded-db FILE]`
//
// The team page of the demo data's 5,000-member team ("Everyone at Acme", emulator/src/seed-teams.ts)
// against an emulator seeded with 100,000 users, served by the production build (`next start`) to
// one signed-in admin, one request at a time. For each request: time to the first byte, time until
// the streamed HTML holds the members table's first page (the page's server-side render; the member
// count streams in after it), and the whole response. Also a later page (cursor) and a member search.
// Prints p50/p95 per measure. A report, not a test: it exits 0 unless the setup fails.
// Target on the 2-core machine: first page rendered server-side in ≤ 150 ms p50.
import bcrypt from "bcryptjs";
import fs from "node:fs";
import path from "node:path";
import { NEXTAUTH_SECRET, PROJECT } from "../e2e/env";
import { ensureBuild } from "../scripts/lib.mjs";
import { seedEmulatorDb, signIn } from "./stack";
import { freePort, log, makeTmp, NEXT_BIN, ROOT, runBench, startServer, TSX_BIN, waitForHttp } from "./servers";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} expects a positive number`);
  return v;
}
const ROUNDS = arg("rounds", 40);
// `--emulator-port` / `--port` pin the two servers (default: free ports).
const PINNED = { emulator: process.argv.includes("--emulator-port") ? arg("emulator-port", 1) : 0, dashboard: process.argv.includes("--port") ? arg("port", 1) : 0 };
const USERS = arg("users", 100_000);
const PASSWORD = "bench-operator-password";
const TARGET_P50_MS = 150;
const tmp = makeTmp("bench-team-page");

type Timing = { ttfb: number; firstPage: number; total: number; rows: number };

/** GETs `url`, reading the stream: when the first byte came, when the members table closed, when it ended. */
async function timePage(base: string, cookie: string, url: string): Promise<Timing> {
  const t0 = performance.now();
  const res = await fetch(base + url, { headers: { cookie }, redirect: "manual" });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let html = "";
  let ttfb = NaN;
  let firstPage = NaN;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(ttfb)) ttfb = performance.now() - t0;
    html += decoder.decode(value, { stream: true });
    // The members table is the page's first table; its end means the first page is in the HTML.
    if (Number.isNaN(firstPage) && /Team members, page \d+[\s\S]*?<\/table>/.test(html)) firstPage = performance.now() - t0;
  }
  const total = performance.now() - t0;
  if (html.includes("Could not load")) throw new Error(`${url}: the page shows an error banner`);
  const table = html.match(/Team members, page \d+[\s\S]*?<\/table>/)?.[0] ?? "";
  return { ttfb, firstPage, total, rows: (table.match(/<tr[^>]*data-row=""/g) ?? []).length };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main() {
  ensureBuild();
  const [emulatorPort, dashboardPort] = [PINNED.emulator || (await freePort()), PINNED.dashboard || (await freePort())];
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const base = `http://127.0.0.1:${dashboardPort}`;
  const emulatorDb = seedEmulatorDb(tmp, USERS, "emulator.db");
  const operatorsFile = path.join(tmp, "operators.json");
  const email = "bench-admin@example.com";
  fs.writeFileSync(operatorsFile, JSON.stringify({ operators: [{ email, role: "admin", passwordHash: bcrypt.hashSync(PASSWORD, 10) }] }));

  log(`starting the emulator and the dashboard (next start; logs in ${tmp})…`);
  startServer(tmp, "emulator", TSX_BIN, ["emulator/src/main.ts"], ROOT, { STACK_EMULATOR_PORT: String(emulatorPort), STACK_EMULATOR_DB: emulatorDb, STACK_EMULATOR_SEED_USERS: "0" });
  await waitForHttp(`${emulatorUrl}/health`, 60_000, tmp);
  startServer(tmp, "dashboard", NEXT_BIN, ["start", "-p", String(dashboardPort), "-H", "127.0.0.1"], ROOT, {
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

  const admin = { "x-stack-project-id": PROJECT.id, "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": PROJECT.superSecretAdminKey };
  const teams = (await (await fetch(`${emulatorUrl}/api/v1/teams?query=${encodeURIComponent("Everyone at Acme")}&limit=5`, { headers: admin })).json()) as { items: { id: string }[] };
  const teamId = teams.items[0]?.id;
  if (!teamId) throw new Error("the seeded data has no large team");
  const members = (await (await fetch(`${emulatorUrl}/api/v1/team-member-profiles?team_id=${teamId}`, { headers: admin })).json()) as { items: { user: { primary_email: string | null } }[] };
  const firstPage = (await (await fetch(`${emulatorUrl}/api/v1/users?team_id=${teamId}&limit=25`, { headers: admin })).json()) as { pagination: { next_cursor: string | null } };
  const email2 = members.items.find((m) => m.user.primary_email)!.user.primary_email!;
  const urls = {
    "first page (25 members)": `/teams/${teamId}`,
    "page 2 (cursor)": `/teams/${teamId}?cursor=${firstPage.pagination.next_cursor}`,
    "member search (e-mail)": `/teams/${teamId}?q=${encodeURIComponent(email2)}`,
  };
  log(`${members.items.length.toLocaleString("en-US")} members; warming up…`);
  for (const url of Object.values(urls)) for (let i = 0; i < 3; i++) await timePage(base, cookie, url);

  log(`${ROUNDS} rounds…`);
  const samples = new Map<string, Timing[]>(Object.keys(urls).map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) for (const [k, url] of Object.entries(urls)) samples.get(k)!.push(await timePage(base, cookie, url));

  const f = (n: number) => n.toFixed(0);
  const lines = [
    `Team page of a ${members.items.length.toLocaleString("en-US")}-member team, ${USERS.toLocaleString("en-US")} users, ${ROUNDS} sequential rounds per row (one admin, production build)`,
    "",
    "| Request | Rows | TTFB p50 | First page in HTML p50 | p95 | Whole response p50 | p95 |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const [k, list] of samples) {
    const fp = list.map((s) => s.firstPage);
    const all = list.map((s) => s.total);
    lines.push(`| ${k} | ${list[0]!.rows} | ${f(pct(list.map((s) => s.ttfb), 50))} | ${f(pct(fp, 50))} | ${f(pct(fp, 95))} | ${f(pct(all, 50))} | ${f(pct(all, 95))} |`);
  }
  const p50 = pct(samples.get("first page (25 members)")!.map((s) => s.firstPage), 50);
  lines.push("", `Target: first page rendered server-side in ≤ ${TARGET_P50_MS} ms p50 → ${p50 <= TARGET_P50_MS ? "met" : "NOT met"} (${f(p50)} ms)`);
  console.log(lines.join("\n"));
}

runBench(tmp, main);
