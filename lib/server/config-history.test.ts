import { describe, expect, it } from "vitest";
import { configHistoryStore } from "@/lib/server/config-history";
import { openDb } from "@/lib/server/db/open";
import { engineNames, freshTarget } from "@/lib/testing/db";
import { settingsFixture } from "@/lib/testing/settings-fixture";

const project = { slug: "prod", projectId: "p1" };
const other = { slug: "staging", projectId: "p2" };

describe.each(engineNames())("config history on %s", (engine) => {
  async function withStore(run: (store: ReturnType<typeof configHistoryStore>) => Promise<void>) {
    const { db, close } = await openDb(await freshTarget(engine));
    try {
      await run(configHistoryStore(db));
    } finally {
      await close();
    }
  }

  it("records a console change with who and which fields, newest first, and skips no-op writes", () =>
    withStore(async (store) => {
      const v1 = settingsFixture();
      const v2 = structuredClone(v1);
      v2.signIn.signUpEnabled = false;
      v2.domains.trusted.push({ domain: "https://b.example.com", handlerPath: "/h" });
      await store.record(project, "ada@example.com", v1, v2, "import");
      await store.record(project, "ada@example.com", v2, structuredClone(v2), "import");
      const v3 = structuredClone(v2);
      v3.general.displayName = "Renamed";
      await store.record(project, "bob@example.com", v2, v3, "settings");

      const list = await store.list(project);
      expect(list.map((v) => [v.kind, v.actor, v.source, v.fields])).toEqual([
        ["console", "bob@example.com", "settings", ["general.displayName"]],
        ["console", "ada@example.com", "import", ["signIn.signUpEnabled", "domains.trusted[https://b.example.com]"]],
      ]);
      expect(list[0]!.at).toBeGreaterThan(list[1]!.at);
      const stored = await store.get(project, list[1]!.id);
      expect(stored?.before).toEqual(v1);
      expect(stored?.after).toEqual(v2);
      expect(await store.list(other), "another project's history is its own").toEqual([]);
      expect(await store.get(other, list[1]!.id), "a version is read only within its project").toBeNull();
    }));

  it("notes the first read as a baseline, and a read that differs as changed elsewhere", () =>
    withStore(async (store) => {
      const v1 = settingsFixture();
      await store.noteRead(project, v1);
      await store.noteRead(project, structuredClone(v1));
      const outside = structuredClone(v1);
      outside.signIn.magicLink = true;
      await store.noteRead(project, outside);
      await store.noteRead(project, outside);

      const list = await store.list(project);
      expect(list.map((v) => [v.kind, v.actor, v.fields])).toEqual([
        ["elsewhere", null, ["signIn.magicLink"]],
        ["baseline", null, []],
      ]);
      const elsewhere = await store.get(project, list[0]!.id);
      expect(elsewhere?.before).toEqual(v1);
      expect(elsewhere?.after).toEqual(outside);

      // A console change after that is compared with, and becomes, the latest version.
      const mine = structuredClone(outside);
      mine.signIn.passkey = true;
      await store.record(project, "ada@example.com", outside, mine);
      await store.noteRead(project, mine);
      expect((await store.list(project)).map((v) => v.kind)).toEqual(["console", "elsewhere", "baseline"]);
    }));
});
