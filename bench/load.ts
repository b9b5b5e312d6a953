// `npm run bench:load [-- --operators 50 --seconds 60 --users 100000]`
//
// Load: N concurrent signed-in operators browse the production build for a fixed time against an
// emulator seeded with 100,000 users. Each operator signs in through next-auth's credentials
// endpoint (csrf token + cookie), then loops: open the users list, page through it and search it
// (the JSON route the table fetches), open a user's page, open the teams list and a team's page
// (the seeded 5,000-member team among them), with a think time between requests.
// Prints requests, errors and p50/p95/p99 per route kind. A report, not a test: it exits 0
// unless the setup fails. Target on the 2-core machine: 0 errors, p95 ≤ 300 ms.
import { log, makeTmp, runBench, sleep } from "./servers";
import { Jar, machineLine, numArg, percentile, seedEmulatorDb, signIn, startConsole, startEmulator, strArg } from "./stack";

const OPERATORS = numArg("operators", 50);
const SECONDS = numArg("seconds", 60);
const USERS = numArg("users", 100_000);
// `--profile DIR`: both servers run under `node --cpu-prof` and write their profiles there on exit.
const PROFILE_DIR = strArg("profile");
// A person reads a page before the next click: uniform between these bounds.
const THINK_MS = [1_000, 3_000] as const;
const TARGET_P95_MS = 300;

const tmp = makeTmp("bench-load");

type Kind = "users list (HTML)" | "users next page (JSON)" | "users search (JSON)" | "user detail (HTML)" | "teams list (HTML)" | "team detail (HTML)";
type Sample = { kind: Kind; ms: number; error: string | null };

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const think = () => sleep(THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]));

/** One operator's session until `deadline`: list → pages / searches → a user → back to the list. */
async function browse(base: string, jar: Jar, deadline: number, samples: Sample[]) {
  const get = async (kind: Kind, url: string): Promise<string | null> => {
    const t0 = performance.now();
    let error: string | null = null;
    let text: string | null = null;
    try {
      const res = await fetch(base + url, { headers: { cookie: jar.header() }, redirect: "manual" });
      text = await res.text();
      if (res.status !== 200) error = `HTTP ${res.status}`;
      else if (text.includes("Could not load")) error = "error banner";
    } catch (err) {
      error = (err as Error).message;
    }
    if (Date.now() <= deadline) samples.push({ kind, ms: performance.now() - t0, error });
    return error ? null : text;
  };
  const ids = (json: string | null) => (json ? ((JSON.parse(json) as { items: { id: string; displayName: string | null }[]; nextCursor: string | null })) : null);
  const linksIn = (html: string | null, area: "users" | "teams") =>
    [...new Set((html ?? "").match(new RegExp(`/${area}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, "g")) ?? [])];
  const idsFromHtml = (html: string | null) => linksIn(html, "users");

  while (Date.now() < deadline) {
    const html = await get("users list (HTML)", "/users");
    let seen = idsFromHtml(html);
    await think();
    // Page on a few times with the table's own JSON route, like the browser does.
    let page = ids(await get("users next page (JSON)", "/api/users"));
    for (let i = 0, pages = 1 + Math.floor(Math.random() * 3); i < pages && page?.nextCursor && Date.now() < deadline; i++) {
      await think();
      page = ids(await get("users next page (JSON)", `/api/users?cursor=${encodeURIComponent(page.nextCursor)}`));
      if (page) seen = page.items.map((u) => `/users/${u.id}`);
    }
    if (Date.now() >= deadline) break;
    await think();
    const name = pick(page?.items.filter((u) => u.displayName) ?? [])?.displayName?.split(" ")[0] ?? "anna";
    const found = ids(await get("users search (JSON)", `/api/users?q=${encodeURIComponent(name.toLowerCase())}`));
    if (found?.items.length) seen = found.items.map((u) => `/users/${u.id}`);
    if (seen.length > 0 && Date.now() < deadline) {
      await think();
      await get("user detail (HTML)", pick(seen));
    }
    if (Date.now() >= deadline) break;
    await think();
    const teams = linksIn(await get("teams list (HTML)", "/teams"), "teams");
    if (teams.length > 0 && Date.now() < deadline) {
      await think();
      await get("team detail (HTML)", pick(teams));
    }
    await think();
  }
}

function printTable(samples: Sample[], signInMs: number[]) {
  const kinds = [...new Set(samples.map((s) => s.kind))].sort();
  const rows = [...kinds.map((k) => [k, samples.filter((s) => s.kind === k)] as const), ["all", samples] as const];
  const fmt = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(0));
  const lines = [
    `${OPERATORS} operators, ${SECONDS} s, ${USERS.toLocaleString("en-US")} users, think time ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s (uniform) between requests; sign-in p50 ${fmt(percentile([...signInMs].sort((a, b) => a - b), 50))} ms`,
    "",
    "| Route kind | Requests | Errors | p50 (ms) | p95 (ms) | p99 (ms) |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const [kind, list] of rows) {
    const ms = list.map((s) => s.ms).sort((a, b) => a - b);
    const name = kind === "all" ? "**all**" : kind;
    lines.push(`| ${name} | ${list.length} | ${list.filter((s) => s.error).length} | ${fmt(percentile(ms, 50))} | ${fmt(percentile(ms, 95))} | ${fmt(percentile(ms, 99))} |`);
  }
  const all = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors = samples.filter((s) => s.error);
  const p95 = percentile(all, 95);
  lines.push("", `Target: 0 errors, p95 ≤ ${TARGET_P95_MS} ms → ${errors.length === 0 && p95 <= TARGET_P95_MS ? "met" : "NOT met"}`);
  if (errors.length) lines.push(`Errors: ${[...new Set(errors.map((e) => `${e.kind}: ${e.error}`))].slice(0, 10).join("; ")}`);
  console.log(lines.join("\n"));
}

async function main() {
  const emulatorDb = seedEmulatorDb(tmp, USERS);
  log(`starting the emulator and the dashboard (next start; logs in ${tmp})…`);
  const emulatorUrl = await startEmulator(tmp, emulatorDb, { profileDir: PROFILE_DIR });
  const { base, emails } = await startConsole(tmp, emulatorUrl, { operators: OPERATORS, profileDir: PROFILE_DIR });

  log(`signing in ${OPERATORS} operators…`);
  const signInMs: number[] = [];
  const jars: Jar[] = [];
  for (const email of emails) {
    const t0 = performance.now();
    jars.push(await signIn(base, email));
    signInMs.push(performance.now() - t0);
  }
  // Warm each route once (first-hit module loading), outside the measurement.
  const cookie = jars[0]!.header();
  const list = (await (await fetch(`${base}/api/users`, { headers: { cookie } })).json()) as { items: { id: string }[] };
  for (const url of ["/users", "/api/users?q=anna", `/users/${list.items[0]!.id}`, "/teams"]) await (await fetch(base + url, { headers: { cookie } })).text();

  log(`browsing for ${SECONDS} s…`);
  const samples: Sample[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  // Operators start spread over the first think time, as people would.
  await Promise.all(jars.map(async (jar) => {
    await sleep(Math.random() * THINK_MS[1]);
    await browse(base, jar, deadline, samples);
  }));
  printTable(samples, signInMs);
  console.log(await machineLine());
}

runBench(tmp, main);
