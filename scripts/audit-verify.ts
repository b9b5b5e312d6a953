// npm run audit:verify — walks the audit log's hash chain and reports the first broken link.
// Run it with the console's environment (STACK_ADMIN_DB, or DATABASE_URL for PostgreSQL).
// Exit code 0: intact; 1: broken (the record named was edited, removed or inserted out of turn).
import path from "node:path";
import { verifyAuditChain } from "../lib/server/audit-verify";
import { closeDb, dbTarget, getDb } from "../lib/server/db";

async function main() {
  const target = dbTarget();
  const where = target.engine === "sqlite" ? target.file : "PostgreSQL (DATABASE_URL)";
  const { checked, broken } = await verifyAuditChain(await getDb());
  if (broken) {
    console.error(`Audit chain BROKEN at record ${broken.id} (${broken.reason === "hash" ? "its content was changed" : "the record before it is missing or changed"}); ${checked} records before it verify. Store: ${where}`);
    process.exitCode = 1;
  } else {
    console.log(`Audit chain intact: ${checked} records verified. Store: ${where}`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main()
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 2;
    })
    .finally(() => closeDb());
}
