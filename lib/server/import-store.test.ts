import { describe, expect, it } from "vitest";
import { IMPORT_CHUNK_BYTES } from "@/lib/schemas/import";
import { openDb } from "@/lib/server/db/open";
import { importStore } from "@/lib/server/import-store";
import { engineNames, freshTarget } from "@/lib/testing/db";

const ada = { projectSlug: "prod", operatorEmail: "ada@example.com" };

describe.each(engineNames())("import uploads on %s", (engine) => {
  async function withStore(run: (store: ReturnType<typeof importStore>) => Promise<void>) {
    const { db, close } = await openDb(await freshTarget(engine));
    try {
      await run(importStore(db));
    } finally {
      await close();
    }
  }

  it("assembles the pieces in order, even a character split across two of them", () =>
    withStore(async (store) => {
      const text = Buffer.from("email,name\nzoë@example.com,Zoë\n");
      const cut = text.indexOf("ë") + 1; // inside the two bytes of "ë"
      const id = await store.create(ada, "users.csv", text.subarray(0, cut));
      expect(await store.append(id, ada, 1, text.subarray(cut))).toBe(true);
      const up = await store.read(id, ada);
      expect(up).toMatchObject({ id, fileName: "users.csv", bytes: text.length });
      expect(up!.data.toString("utf8")).toBe(text.toString("utf8"));
    }));

  it("belongs to its operator and project only; refuses a piece out of order or too large; is gone once removed", () =>
    withStore(async (store) => {
      const id = await store.create(ada, "a.csv", Buffer.from("email\n"));
      const bob = { ...ada, operatorEmail: "bob@example.com" };
      expect(await store.read(id, bob)).toBeNull();
      expect(await store.read(id, { ...ada, projectSlug: "staging" })).toBeNull();
      expect(await store.append(id, bob, 1, Buffer.from("x"))).toBe(false);
      await expect(store.append(id, ada, 2, Buffer.from("x"))).rejects.toThrow(/Expected piece 2/);
      await expect(store.append(id, ada, 1, Buffer.alloc(IMPORT_CHUNK_BYTES + 1))).rejects.toThrow(/larger than 20 MB/);
      await store.remove(id);
      expect(await store.read(id, ada)).toBeNull();
    }));

  it("purges uploads older than the cut-off", () =>
    withStore(async (store) => {
      const id = await store.create(ada, "old.csv", Buffer.from("email\n"));
      await store.purge(Date.now() + 1);
      expect(await store.read(id, ada)).toBeNull();
    }));
});
