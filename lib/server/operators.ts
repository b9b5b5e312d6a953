import "server-only";

import bcrypt from "bcryptjs";
import fs from "node:fs";
import { z } from "zod";
import { getServerEnv } from "@/lib/env";
import { ROLES, type Role } from "@/lib/roles";

export const operatorSchema = z.object({
  email: z.string().email().transform((e) => e.toLowerCase()),
  name: z.string().min(1).optional(),
  role: z.enum(ROLES),
  passwordHash: z.string().regex(/^\$2[aby]\$\d{2}\$/, "expected a bcrypt hash ($2a$/$2b$/$2y$)"),
});
export const operatorsFileSchema = z.object({ operators: z.array(operatorSchema) });
export type Operator = z.infer<typeof operatorSchema>;

let cache: { file: string; mtimeMs: number; operators: Operator[] } | null = null;

/** Operator accounts from OPERATORS_FILE; re-read when the file changes (operator:add while running). */
export function listOperators(): Operator[] {
  const file = getServerEnv().operatorsFile;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  if (cache && cache.file === file && cache.mtimeMs === stat.mtimeMs) return cache.operators;
  const parsed = operatorsFileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(`OPERATORS_FILE (${file}) is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  cache = { file, mtimeMs: stat.mtimeMs, operators: parsed.data.operators };
  return cache.operators;
}

export function findOperator(email: string): Operator | undefined {
  const e = email.trim().toLowerCase();
  return listOperators().find((o) => o.email === e);
}

// A real hash, so that unknown accounts take as long to refuse as wrong passwords.
let dummyHash: string | null = null;
const getDummyHash = () => (dummyHash ??= bcrypt.hashSync("not-an-operator-password", 10));

export async function verifyOperatorPassword(email: string, password: string): Promise<{ email: string; name: string | null; role: Role } | null> {
  const op = findOperator(email);
  const ok = await bcrypt.compare(password, op?.passwordHash ?? getDummyHash());
  if (!op || !ok) return null;
  return { email: op.email, name: op.name ?? null, role: op.role };
}
