import { readEmulatorConfig } from "./config";
import { seedDemoData } from "./seed";
import { startEmulator } from "./server";

// `npm run emulator`: starts the emulator, seeding the demo project on first start.
async function main() {
  const config = readEmulatorConfig();
  const emu = await startEmulator(config);
  const userCount = (emu.db.prepare("SELECT COUNT(*) FROM users WHERE project_id = ?").pluck().get(config.projectId) as number) ?? 0;
  if (userCount === 0 && config.seedUsers > 0) {
    const t = Date.now();
    const r = seedDemoData(emu.db, config, { users: config.seedUsers });
    console.log(`Seeded ${r.users} users and ${r.teams} teams in ${Date.now() - t} ms.`);
  }
  console.log(
    [
      `Stack Auth emulator listening on ${emu.url}`,
      `  API base:                  ${emu.url}/api/v1`,
      `  Stack release:             ${config.release}`,
      `  Database:                  ${config.dbPath}`,
      `  Project id:                ${config.projectId}`,
      `  Publishable client key:    ${config.publishableClientKey}`,
      `  Secret server key:         ${config.secretServerKey}`,
      `  Super secret admin key:    ${config.superSecretAdminKey}`,
    ].join("\n"),
  );
  const shutdown = () => {
    emu.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
