// `npm run bench:users [-- --sizes 100000,1000000 --iterations 50]`
//
// Users page server time: the complete server-rendered HTML of /users (first page) and of a
// search, from one signed-in operator, against emulators seeded with each size. One console
// serves both as two projects (STACK_PROJECTS_FILE), and the rounds interleave them, so the sizes
// are compared on the same machine at the same moment. A report, not a test.
// Target: ≤ 50 ms p50 at 1,000,000 users.
import { log, makeTmp, runBench } from "./servers";
import { machineLine, numArg, percentile, projectCookie, seedEmulatorDb, signIn, startConsole, startEmulator, strArg, timedGet, type BenchProject } from "./stack";

const SIZES = (strArg("sizes") ?? "100000,1000000").split(",").map((s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--sizes expects positive integers, got ${s}`);
  return n;
});
const ITERATIONS = numArg("iterations", 50);
const WARMUP = 5;
const TARGET_P50_MS = 50;
const TARGET_AT = 1_000_000;

// Seeded names (emulator/src/seed.ts): a common first name, and the start of an e-mail address.
const PAGES = [
  { label: "first page", path: "/users" },
  { label: "search a name (`q=lovelace`)", path: "/users?q=lovelace" },
  { label: "search an e-mail fragment (`q=grace.hopper`)", path: "/users?q=grace.hopper" },
] as const;

const tmp = makeTmp("bench-users");

async function main() {
  const projects: (BenchProject & { size: number })[] = [];
  for (const size of SIZES) {
    const db = seedEmulatorDb(tmp, size);
    projects.push({ slug: `users-${size}`, name: `${size.toLocaleString("en-US")} users`, apiUrl: await startEmulator(tmp, db, { name: `emulator-${size}` }), size });
  }
  const { base, emails } = await startConsole(tmp, projects, { operators: 1 });
  const session = (await signIn(base, emails[0]!)).header();
  const headers = (slug: string) => ({ cookie: `${session}; ${projectCookie(slug)}` });

  const samples = new Map<string, number[]>();
  const get = async (p: (typeof projects)[number], page: (typeof PAGES)[number], keep: boolean) => {
    const { ms, text } = await timedGet(base + page.path, headers(p.slug));
    // The page must be the project's table, not an error banner or another project.
    if (!text.includes(p.name) || text.includes("Could not load")) throw new Error(`${page.path} on ${p.name} did not render the table`);
    if (keep) (samples.get(`${p.slug} ${page.label}`) ?? samples.set(`${p.slug} ${page.label}`, []).get(`${p.slug} ${page.label}`)!).push(ms);
  };
  log(`${WARMUP} warm-up and ${ITERATIONS} measured rounds over ${projects.length} sizes × ${PAGES.length} pages…`);
  for (let i = 0; i < WARMUP + ITERATIONS; i++) for (const p of projects) for (const page of PAGES) await get(p, page, i >= WARMUP);

  const lines = [
    `# Users page server time (complete HTML of one request), ${ITERATIONS} interleaved rounds`,
    "",
    `| Page | ${projects.map((p) => `${p.name}: p50 / p95 (ms)`).join(" | ")} |`,
    `|---|${projects.map(() => "---:").join("|")}|`,
  ];
  let met = true;
  for (const page of PAGES) {
    const cells = projects.map((p) => {
      const xs = samples.get(`${p.slug} ${page.label}`)!;
      if (p.size === TARGET_AT && percentile(xs, 50) > TARGET_P50_MS) met = false;
      return `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)}`;
    });
    lines.push(`| ${page.label} | ${cells.join(" | ")} |`);
  }
  if (SIZES.includes(TARGET_AT)) lines.push("", `Target: ≤ ${TARGET_P50_MS} ms p50 at ${TARGET_AT.toLocaleString("en-US")} users → ${met ? "met" : "NOT met"}`);
  lines.push(await machineLine());
  console.log(lines.join("\n"));
}

runBench(tmp, main);
