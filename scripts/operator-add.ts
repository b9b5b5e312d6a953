// npm run operator:add -- --email ops@example.com --role admin [--name "Ops"] [--password …] [--file data/operators.json] [--print]
// Hashes the password with bcrypt and writes (or updates) the account in the operators file.
// With --print it only prints the hash. Without --password it reads one from stdin.
import bcrypt from "bcryptjs";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isRole, ROLES } from "../lib/roles";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

export function upsertOperator(file: string, op: { email: string; name?: string; role: string; passwordHash: string }) {
  const data = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { operators: typeof op[] }) : { operators: [] };
  const email = op.email.trim().toLowerCase();
  const rest = data.operators.filter((o) => o.email.toLowerCase() !== email);
  const next = { operators: [...rest, { email, ...(op.name ? { name: op.name } : {}), role: op.role, passwordHash: op.passwordHash }] };
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(next, null, 2) + "\n", { mode: 0o600 });
  fs.renameSync(tmp, file);
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string", default: "admin" },
      password: { type: "string" },
      file: { type: "string", default: process.env.OPERATORS_FILE || "data/operators.json" },
      print: { type: "boolean", default: false },
    },
  });
  const password = values.password ?? (process.stdin.isTTY ? "" : await readStdin());
  if (!password || password.length < 8) throw new Error("A password of at least 8 characters is required (--password or stdin).");
  const hash = await bcrypt.hash(password, 12);
  if (values.print) {
    console.log(hash);
    return;
  }
  if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) throw new Error("--email is required.");
  if (!isRole(values.role)) throw new Error(`--role must be one of ${ROLES.join(", ")}.`);
  upsertOperator(values.file!, { email: values.email, name: values.name, role: values.role, passwordHash: hash });
  console.log(`Operator ${values.email.toLowerCase()} (${values.role}) written to ${values.file}.`);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
