// `npm run bench`: every bench script in turn (each prints its own table), then which of them
// reported a missed target or failed. The load run goes last: it is the longest.
import { spawnSync } from "node:child_process";
import { ROOT, TSX_BIN } from "./servers";

const SCRIPTS = ["emulator", "proxy", "users", "js-weight", "load"];

const failed: string[] = [];
for (const name of SCRIPTS) {
  console.log(`\n━━ bench/${name}.ts ━━\n`);
  const r = spawnSync(TSX_BIN, [`bench/${name}.ts`], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) failed.push(name);
}
console.log(failed.length === 0 ? "\nEvery bench ran." : `\nNon-zero exit (a missed target or a failed run): ${failed.join(", ")}`);
process.exitCode = failed.length === 0 ? 0 : 1;
