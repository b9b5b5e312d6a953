// The e2e dashboard's real operators file, changed while it runs (as operator:add would) to show
// that sessions follow it. Tests that change it restore it with `restoreOperatorsFile`.
import bcrypt from "bcryptjs";
import fs from "node:fs";
import path from "node:path";
import { E2E_DIR } from "./env";

const OPERATORS_FILE = path.join(E2E_DIR, "operators.json");
export type FileOperator = { email: string; role: string; name?: string; passwordHash: string };

export const readOperators = () => (JSON.parse(fs.readFileSync(OPERATORS_FILE, "utf8")) as { operators: FileOperator[] }).operators;

export function writeOperators(operators: FileOperator[]) {
  // As operator:add does: a whole new file, renamed into place.
  fs.writeFileSync(`${OPERATORS_FILE}.tmp`, JSON.stringify({ operators }, null, 2));
  fs.renameSync(`${OPERATORS_FILE}.tmp`, OPERATORS_FILE);
}

/** Adds (or replaces) an account; the hash is cheap because only the test signs in with it. */
export function putOperator(op: { email: string; role: string; name?: string; password?: string }) {
  const passwordHash = bcrypt.hashSync(op.password ?? "unused-password", 4);
  writeOperators([...readOperators().filter((o) => o.email !== op.email), { email: op.email, role: op.role, ...(op.name ? { name: op.name } : {}), passwordHash }]);
}

export function setOperatorRole(email: string, role: string | null) {
  const ops = readOperators().filter((o) => o.email !== email || role !== null);
  writeOperators(ops.map((o) => (o.email === email ? { ...o, role: role! } : o)));
}
