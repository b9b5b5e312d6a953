import { describe, expect, it } from "vitest";
import { openDb } from "@/lib/server/db/open";
import { engineNames, freshTarget } from "@/lib/testing/db";

describe.each(engineNames())("console database on %s", (engine) => {
  it("migrates an empty database and keeps millisecond timestamps as numbers", async () => {
    const { db, close } = await openDb(await freshTarget(engine));
    try {
      const at = Date.UTC(2026, 11, 1, 12, 0, 0, 123);
      await db.insertInto("operator_sessions_not_before").values({ email: "a@example.com", not_before_millis: at }).execute();
      const row = await db.selectFrom("operator_sessions_not_before").selectAll().executeTakeFirstOrThrow();
      expect(row).toEqual({ email: "a@example.com", not_before_millis: at });
    } finally {
      await close();
    }
  });

  it("applies migrations once: a second open of the same database is a no-op", async () => {
    const target = await freshTarget(engine);
    const first = await openDb(target);
    await first.db.insertInto("sign_in_attempts").values({ key: "k", at_millis: 1 }).execute();
    await first.close();
    const second = await openDb(target);
    try {
      const rows = await second.db.selectFrom("sign_in_attempts").selectAll().execute();
      expect(rows).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
