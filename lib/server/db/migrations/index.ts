import type { Migration } from "kysely";
import type { Engine } from "@/lib/server/db/engine";
import { core } from "@/lib/server/db/migrations/001-core";
import { auditChain } from "@/lib/server/db/migrations/002-audit-chain";
import { signInAttemptIds } from "@/lib/server/db/migrations/003-sign-in-attempt-ids";
import { configHistory } from "@/lib/server/db/migrations/004-config-history";
import { jobs } from "@/lib/server/db/migrations/005-jobs";

/**
 * Every migration, by name (applied in name order by Kysely's Migrator, once, under its lock so
 * replicas starting together don't race). Append yours; never edit one that has shipped.
 */
export function migrations(engine: Engine): Record<string, Migration> {
  return {
    "001-core": core(engine),
    "002-audit-chain": auditChain(engine),
    "003-sign-in-attempt-ids": signInAttemptIds(engine),
    "004-config-history": configHistory(engine),
    "005-jobs": jobs(engine),
  };
}
