import { createEmulator } from "./app";
import { readEmulatorConfig } from "./config";
import { resetDemoData, seedDemoData } from "./seed";

// `npm run emulator:seed -- --users N [--reset]`: seeds the demo project of STACK_EMULATOR_DB.
function parseArgs(argv: string[]) {
  const out: { users?: number; reset: boolean } = { reset: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--reset") out.reset = true;
    else if (a === "--users" || a.startsWith("--users=")) {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`--users expects a non-negative integer, got ${JSON.stringify(v)}`);
      out.users = n;
    } else if (a === "--help" || a === "-h") {
      console.log("Usage: npm run emulator:seed -- [--users N] [--reset]\n  Seeds the demo project of STACK_EMULATOR_DB (default data/emulator.db).");
      process.exit(0);
    } else throw new Error(`Unknown argument ${a}. Usage: npm run emulator:seed -- [--users N] [--reset]`);
  }
  return out;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const config = readEmulatorConfig();
  const emu = createEmulator(config);
  try {
    const count = () => emu.db.prepare("SELECT COUNT(*) FROM users WHERE project_id = ?").pluck().get(config.projectId) as number;
    const existing = count();
    if (existing > 0 && !args.reset) {
      console.error(`Project ${config.projectId} in ${config.dbPath} already has ${existing} users. Pass --reset to replace them.`);
      process.exitCode = 1;
      return;
    }
    if (args.reset && existing > 0) {
      const t = Date.now();
      resetDemoData(emu.db, config.projectId);
      console.log(`Removed ${existing} existing users (and their teams) in ${Date.now() - t} ms.`);
    }
    const users = args.users ?? config.seedUsers;
    const t = Date.now();
    const phases: string[] = [];
    const r = seedDemoData(emu.db, config, { users, onPhase: (phase, ms, cpu) => phases.push(`${phase} ${(ms / 1000).toFixed(1)} s (CPU ${(cpu / 1000).toFixed(1)} s)`) });
    console.log(
      [
        `Seeded project ${config.projectId} in ${config.dbPath} in ${Date.now() - t} ms:`,
        `  users:               ${r.users}`,
        `  contact channels:    ${r.contactChannels}`,
        `  linked OAuth:        ${r.oauthAccounts} (google/github, shared providers)`,
        `  sessions:            ${r.sessions}`,
        `  teams:               ${r.teams} (${r.memberships} memberships, ${r.teamPermissions} team permission grants)`,
        `  project permissions: ${r.projectPermissions} grants`,
        `  seeded password:     password123 (for users with has_password)`,
        `  phases:              ${phases.join(", ")}`,
      ].join("\n"),
    );
  } finally {
    emu.close();
  }
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
