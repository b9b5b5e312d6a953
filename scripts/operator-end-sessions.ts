// npm run operator:end-sessions -- --email ops@example.com
// Ends every session of an operator, as "End all sessions" on the Operators page does, for when
// nobody can use the page (no owner signed in, the dashboard down). Run it with the dashboard's
// environment (it writes to STACK_ADMIN_DB and reads OPERATORS_FILE); the change is audited.
// Runs with the react-server condition (see package.json) because it uses the server modules.
import crypto from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeAudit } from "../lib/server/audit";
import { closeDb } from "../lib/server/db";
import { endOperatorSessions } from "../lib/server/operator-sessions";
import { findOperator } from "../lib/server/operators";

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" } } });
  const email = values.email?.trim().toLowerCase();
  if (!email) throw new Error("--email is required.");
  // Any address may be ended (an SSO account need not be in the file), but say which one it was.
  const op = findOperator(email);
  const at = Date.now();
  await endOperatorSessions(email, at);
  await writeAudit({
    actor: { email: "operator:end-sessions (command line)", role: "owner" },
    action: "endOperatorSessions",
    target: { type: "operator", id: email, label: op?.name ? `${op.name} <${email}>` : email },
    status: "success",
    changes: { after: { sessions_not_before: new Date(at).toISOString() } },
    requestId: crypto.randomUUID(),
  });
  console.log(`Ended every session of ${email}${op ? "" : " (not in the operators file)"} signed in before ${new Date(at).toISOString()}.`);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main()
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    })
    .finally(() => closeDb());
}
