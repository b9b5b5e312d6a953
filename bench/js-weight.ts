// `npm run bench:js [-- --details]`
//
// JavaScript weight per dashboard route against a blank Next.js page built the same way (same
// Next/React, `next build` + `next start`). Budget: every route ≤ 1.6× the blank page's script
// bytes. Both servers run side by side in one run; each route loads in a fresh browser context
// with the cache disabled, and we sum the encoded (transfer) bytes of every Script response until
// the network is idle. A report, not a test: it always exits 0 unless the setup itself fails.
import fs from "node:fs";
import path from "node:path";
import bcrypt from "bcryptjs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { NEXTAUTH_SECRET, OPERATORS, PROJECT } from "../e2e/env";
import { ensureBuild } from "../scripts/lib.mjs";
import { BLANK, ensureBlankBuild } from "./blank-next";
import { freePort, log, makeTmp, NEXT_BIN, ROOT, sleep, runBench, startServer, TSX_BIN, waitForHttp, waitForOtherBuilds } from "./servers";

const BUDGET = 1.6;
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// Same launch flags as playwright.config.ts: no network here, keep Chromium from phoning home.
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
const DETAILS = process.argv.includes("--details");

const tmp = makeTmp("bench-js");

// ── measuring ────────────────────────────────────────────────────────────────────────────────

type Script = { url: string; bytes: number; headerBytes: number };
type Measurement = { route: string; label: string; status: number | null; finalPath: string; requests: number; bytes: number; headerBytes: number; scripts: Script[] };

/** One route in a fresh context with the HTTP cache off: sum of encoded bytes of Script responses. */
async function measure(browser: Browser, base: string, route: string, label: string, storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>): Promise<Measurement> {
  const context = await browser.newContext({ storageState, viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const received = new Map<string, { url: string; headerBytes: number }>();
    const scripts: Script[] = [];
    cdp.on("Network.responseReceived", (e) => {
      // response.encodedDataLength: bytes received when the headers arrived (the header block).
      if (e.type === "Script") received.set(e.requestId, { url: e.response.url, headerBytes: e.response.encodedDataLength });
    });
    cdp.on("Network.loadingFinished", (e) => {
      const r = received.get(e.requestId);
      if (r) scripts.push({ url: r.url, bytes: e.encodedDataLength, headerBytes: r.headerBytes });
    });
    const res = await page.goto(base + route, { waitUntil: "networkidle", timeout: 60_000 });
    await sleep(300);
    const final = new URL(page.url());
    return {
      route,
      label,
      status: res?.status() ?? null,
      finalPath: final.pathname + final.search,
      requests: scripts.length,
      bytes: scripts.reduce((a, s) => a + s.bytes, 0),
      headerBytes: scripts.reduce((a, s) => a + s.headerBytes, 0),
      scripts: scripts.map((s) => ({ ...s, url: new URL(s.url).pathname })).sort((a, b) => b.bytes - a.bytes),
    };
  } finally {
    await context.close();
  }
}

async function signIn(browser: Browser, base: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("E-mail").fill(OPERATORS.admin.email);
    await page.getByLabel("Password").fill(OPERATORS.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"), { timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    // Every page linked from the sidebar (desktop and mobile nav share the links).
    const hrefs = await page.locator('nav[aria-label="Main"] a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    return { storageState: await context.storageState(), sidebar: [...new Set(hrefs.map((h) => h.split(/[?#]/)[0]!))] };
  } finally {
    await context.close();
  }
}

async function firstSeededUserId(emulatorUrl: string): Promise<string> {
  const res = await fetch(`${emulatorUrl}/api/v1/users?limit=1`, {
    headers: { "x-stack-project-id": PROJECT.id, "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": PROJECT.superSecretAdminKey },
  });
  const body = (await res.json()) as { items?: { id: string }[] };
  const id = body.items?.[0]?.id;
  if (!id) throw new Error(`the emulator returned no users (HTTP ${res.status})`);
  return id;
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  await waitForOtherBuilds();
  ensureBlankBuild();
  ensureBuild();
  const buildIdAtStart = fs.readFileSync(path.join(ROOT, ".next", "BUILD_ID"), "utf8");

  const [emulatorPort, dashboardPort, blankPort] = [await freePort(), await freePort(), await freePort()];
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const dashboardUrl = `http://localhost:${dashboardPort}`;
  const blankUrl = `http://localhost:${blankPort}`;

  const operatorsFile = path.join(tmp, "operators.json");
  const passwordHash = bcrypt.hashSync(OPERATORS.admin.password, 10);
  fs.writeFileSync(operatorsFile, JSON.stringify({ operators: [{ email: OPERATORS.admin.email, role: "owner", passwordHash }] }, null, 2));

  log(`starting the emulator, the dashboard and the blank app (logs in ${tmp})…`);
  startServer(tmp, "emulator", TSX_BIN, ["emulator/src/main.ts"], ROOT, {
    STACK_EMULATOR_PORT: String(emulatorPort),
    STACK_EMULATOR_DB: path.join(tmp, "emulator.db"),
    STACK_EMULATOR_SEED_USERS: "120",
  });
  startServer(tmp, "blank", NEXT_BIN, ["start", "-p", String(blankPort)], BLANK, {});
  await waitForHttp(`${emulatorUrl}/health`, 60_000, tmp);
  startServer(tmp, "dashboard", NEXT_BIN, ["start", "-p", String(dashboardPort)], ROOT, {
    STACK_API_URL: emulatorUrl,
    STACK_PROJECT_ID: PROJECT.id,
    STACK_SUPER_SECRET_ADMIN_KEY: PROJECT.superSecretAdminKey,
    STACK_PROJECT_NAME: "Bench project",
    NEXTAUTH_SECRET,
    NEXTAUTH_URL: dashboardUrl,
    OPERATORS_FILE: operatorsFile,
    STACK_ADMIN_DB: path.join(tmp, "stack-admin.db"),
  });
  await Promise.all([waitForHttp(`${blankUrl}/`, 120_000, tmp), waitForHttp(`${dashboardUrl}/sign-in`, 120_000, tmp)]);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const { storageState, sidebar } = await signIn(browser, dashboardUrl);
    const userId = await firstSeededUserId(emulatorUrl);
    const routes: { route: string; label: string; signedIn: boolean }[] = [{ route: "/sign-in", label: "/sign-in (signed out)", signedIn: false }];
    const add = (route: string, label = route) => {
      if (!routes.some((r) => r.route === route)) routes.push({ route, label, signedIn: true });
    };
    for (const r of ["/", "/users", "/audit"]) add(r);
    add(`/users/${userId}`, "/users/[id]");
    for (const r of sidebar) add(r);

    // Warm both servers once (first-hit compilation of route handlers, lazy requires), then measure.
    await measure(browser, blankUrl, "/", "warm-up");
    await measure(browser, dashboardUrl, "/", "warm-up", storageState);

    const blank = await measure(browser, blankUrl, "/", "blank Next.js page `/`");
    const results: Measurement[] = [];
    for (const r of routes) results.push(await measure(browser, dashboardUrl, r.route, r.label, r.signedIn ? storageState : undefined));

    const buildIdFile = path.join(ROOT, ".next", "BUILD_ID");
    const buildIdAtEnd = fs.existsSync(buildIdFile) ? fs.readFileSync(buildIdFile, "utf8") : "";
    printReport(blank, results, sidebar, buildIdAtStart !== buildIdAtEnd);
  } finally {
    await browser.close();
  }
}

function printReport(blank: Measurement, results: Measurement[], sidebar: string[], rebuilt: boolean) {
  const kb = (b: number) => (b / 1024).toFixed(1);
  const note = (m: Measurement) => {
    const notes: string[] = [];
    if (m.status !== null && m.status >= 400) notes.push(`HTTP ${m.status}`);
    const requested = m.route.split("?")[0];
    if (m.finalPath.split("?")[0] !== requested) notes.push(`→ ${m.finalPath}`);
    return notes.length ? ` (${notes.join(", ")})` : "";
  };
  const lines = [
    "",
    `JavaScript per route vs a blank Next.js page (budget ≤ ${BUDGET}× blank; encoded transfer bytes of Script responses, cache disabled)`,
    "",
    "| route | script requests | KB (encoded) | ratio vs blank | ≤ 1.6×? |",
    "| --- | ---: | ---: | ---: | :---: |",
    `| ${blank.label} | ${blank.requests} | ${kb(blank.bytes)} | 1.00× | — |`,
  ];
  let over = 0;
  let broken = 0;
  for (const m of results) {
    const ratio = m.bytes / blank.bytes;
    const ok = ratio <= BUDGET;
    if (!ok) over++;
    if ((m.status ?? 0) >= 400 || note(m).includes("→")) broken++;
    lines.push(`| ${m.label}${note(m)} | ${m.requests} | ${kb(m.bytes)} | ${ratio.toFixed(2)}× | ${ok ? "✅" : "❌"} |`);
  }
  lines.push("");
  const bodyRatio = (m: Measurement) => (m.bytes - m.headerBytes) / (blank.bytes - blank.headerBytes);
  lines.push(
    `KB are transfer bytes (CDP loadingFinished.encodedDataLength: gzip body + response headers; headers are ${kb(blank.headerBytes)} KB of the blank page). ` +
      `Compressed bodies only: ${results.map((m) => `${m.label} ${bodyRatio(m).toFixed(2)}×`).join(", ")}.`,
  );
  lines.push(`Sidebar links found: ${sidebar.length ? sidebar.join(", ") : "(none)"}`);
  if (broken) lines.push(`Note: ${broken} route(s) answered with an error status or redirected; their numbers are for that response, not the finished page.`);
  if (rebuilt) lines.push("Warning: .next/BUILD_ID changed during the run (someone rebuilt); run again for trustworthy numbers.");
  const worst = results.reduce((a, m) => (m.bytes > a.bytes ? m : a), results[0]!);
  lines.push(
    over === 0
      ? `Verdict: PASS — all ${results.length} routes are within ${BUDGET}× of the blank page (heaviest: ${worst.label} at ${(worst.bytes / blank.bytes).toFixed(2)}×).`
      : `Verdict: FAIL — ${over} of ${results.length} routes exceed ${BUDGET}× the blank page (heaviest: ${worst.label} at ${(worst.bytes / blank.bytes).toFixed(2)}×).`,
  );
  console.log(lines.join("\n"));

  if (DETAILS) {
    for (const m of [blank, ...results]) {
      console.log(`\n### ${m.label}\n`);
      for (const s of m.scripts) console.log(`- ${kb(s.bytes).padStart(7)} KB (headers ${kb(s.headerBytes)})  ${s.url}`);
    }
  }
}

runBench(tmp, main);
