import "server-only";

import bcrypt from "bcryptjs";
import fs from "node:fs";
import { z } from "zod";
import { getServerEnv, type OidcDefaultRole } from "@/lib/env";
import { isRole, ROLES, type Role } from "@/lib/roles";

export const operatorSchema = z.object({
  email: z.string().email().transform((e) => e.toLowerCase()),
  name: z.string().min(1).optional(),
  role: z.enum(ROLES),
  passwordHash: z.string().regex(/^\$2[aby]\$\d{2}\$/, "expected a bcrypt hash ($2a$/$2b$/$2y$)"),
});
export const operatorsFileSchema = z.object({ operators: z.array(operatorSchema) });
export type Operator = z.infer<typeof operatorSchema>;

let cache: { file: string; mtimeMs: number; size: number; operators: Operator[]; byEmail: Map<string, Operator> } | null = null;

/**
 * Operator accounts from OPERATORS_FILE. Asked on every request (the session re-check), so the
 * file is parsed only when its modification time or size changed (operator:add while running);
 * one stat a call keeps a removal or demotion effective at once.
 */
function loadOperators() {
  const file = getServerEnv().operatorsFile;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (cache && cache.file === file && cache.mtimeMs === stat.mtimeMs && cache.size === stat.size) return cache;
  const parsed = operatorsFileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(`OPERATORS_FILE (${file}) is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const operators = parsed.data.operators;
  // The first entry of an e-mail wins, as a search of the list would.
  const byEmail = new Map<string, Operator>();
  for (const o of operators) if (!byEmail.has(o.email)) byEmail.set(o.email, o);
  cache = { file, mtimeMs: stat.mtimeMs, size: stat.size, operators, byEmail };
  return cache;
}

export function listOperators(): Operator[] {
  return loadOperators()?.operators ?? [];
}

export function findOperator(email: string): Operator | undefined {
  return loadOperators()?.byEmail.get(email.trim().toLowerCase());
}

/** The bcrypt cost that operator:add writes, and the dummy's cost when there are no operators. */
export const DEFAULT_BCRYPT_COST = 12;

/** The highest cost among the operators' hashes: the dummy must cost as much as any real check. */
export function dummyHashCost(operators: Operator[] = listOperators()): number {
  return operators.reduce((max, o) => Math.max(max, bcrypt.getRounds(o.passwordHash)), 0) || DEFAULT_BCRYPT_COST;
}

// A real hash at that cost, computed once per cost, so that an unknown e-mail takes as long to
// refuse as a wrong password (otherwise the response time tells which e-mails are operators).
const dummyHashes = new Map<number, Promise<string>>();
function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) dummyHashes.set(cost, (hash = bcrypt.hash("not-an-operator-password", cost)));
  return hash;
}

/** Starts computing the dummy hash, so the first unknown e-mail is not slower than the rest. */
export function warmDummyHash(): void {
  try {
    void dummyHash(dummyHashCost()).catch(() => undefined);
  } catch {
    // An unreadable operators file is reported by the sign-in that reads it.
  }
}

export async function verifyOperatorPassword(email: string, password: string): Promise<{ email: string; name: string | null; role: Role } | null> {
  const op = findOperator(email);
  const ok = await bcrypt.compare(password, op?.passwordHash ?? (await dummyHash(dummyHashCost())));
  if (!op || !ok) return null;
  return { email: op.email, name: op.name ?? null, role: op.role };
}

/**
 * The role of an SSO account: that of the operator account with the same e-mail (any case), else
 * OIDC_DEFAULT_ROLE; null (refused) without an e-mail or when the default is `none`. Asked at
 * sign-in and again on every request, so a changed operators file applies at once.
 */
export function oidcRole(email: string | null | undefined, defaultRole: OidcDefaultRole = getServerEnv().oidcDefaultRole): Role | null {
  if (!email) return null;
  const op = findOperator(email);
  if (op) return op.role;
  return isRole(defaultRole) ? defaultRole : null;
}
