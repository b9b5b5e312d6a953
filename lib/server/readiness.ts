import "server-only";

import { getDb } from "@/lib/server/db";
import { checkStackAccess } from "@/lib/stack/readiness";
import { listProjects } from "@/lib/stack/projects";

export type Readiness = {
  ready: boolean;
  database: { ok: boolean; code?: string };
  projects: { slug: string; ok: boolean; code?: string; key: string }[];
};

// /api/ready is public (load balancers call it without a session): answers are shared for a
// moment and concurrent calls share one check, so it cannot be used to flood Stack.
const FRESH_MS = 2_000;
let last: { at: number; result: Promise<Readiness> } | null = null;

export function getReadiness(now = Date.now()): Promise<Readiness> {
  if (!last || now - last.at >= FRESH_MS) last = { at: now, result: check() };
  return last.result;
}

async function check(): Promise<Readiness> {
  const [database, projects] = await Promise.all([
    checkDatabase(),
    Promise.all(
      listProjects().map(async (p) => {
        const access = await checkStackAccess(p.slug);
        // Which key by position only: "2 of 2" means the new key is refused and the old one still works.
        const key = `${access.key.position} of ${access.key.of}`;
        return access.ok ? { slug: p.slug, ok: true, key } : { slug: p.slug, ok: false, code: access.code, key };
      }),
    ),
  ]);
  return { ready: database.ok && projects.every((p) => p.ok), database, projects };
}

class Rollback extends Error {}

/** The console's database accepts a write: one row inserted in a transaction that is rolled back. */
async function checkDatabase(): Promise<{ ok: boolean; code?: string }> {
  try {
    const db = await getDb();
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto("sign_in_attempts").values({ key: "stack-admin:readiness-probe", at_millis: Date.now() }).execute();
        throw new Rollback();
      })
      .catch((err) => {
        if (!(err instanceof Rollback)) throw err;
      });
    return { ok: true };
  } catch {
    return { ok: false, code: "DATABASE_UNWRITABLE" };
  }
}
