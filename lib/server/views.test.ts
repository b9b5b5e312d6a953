import { describe, expect, it } from "vitest";
import { openDb } from "@/lib/server/db/open";
import { canManageView, canonicalSearch, viewsStore } from "@/lib/server/views";
import { engineNames, freshTarget } from "@/lib/testing/db";
import { viewHref } from "@/lib/views-dto";

const prod = { slug: "prod" };
const staging = { slug: "staging" };
const TEAM = "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a";

describe.each(engineNames())("saved views on %s", (engine) => {
  async function withStore(run: (store: ReturnType<typeof viewsStore>) => Promise<void>) {
    const { db, close } = await openDb(await freshTarget(engine));
    try {
      await run(viewsStore(db));
    } finally {
      await close();
    }
  }

  it("creates, lists by name, reads, renames and deletes a project's views; another project's are its own", () =>
    withStore(async (store) => {
      const b = await store.create(prod, "ada@example.com", "  Unverified at Acme ", "?verified=no&domain=acme.io&pageSize=100&cursor=c1&trail=c0");
      const a = await store.create(prod, "bob@example.com", "anonymous", "?filter=anonymous&sort=last_active_at");
      await store.create(staging, "ada@example.com", "Unverified at Acme", "");
      expect(b).toMatchObject({ name: "Unverified at Acme", search: "?verified=no&domain=acme.io", ownerEmail: "ada@example.com" });
      expect(b.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(viewHref(b)).toBe(`/users?verified=no&domain=acme.io&view=${b.id}`);

      expect((await store.list(prod)).map((v) => v.name)).toEqual(["anonymous", "Unverified at Acme"]);
      expect(await store.get(prod, a.id)).toEqual(a);
      expect(await store.get(staging, a.id), "a view is read only within its project").toBeNull();

      const renamed = await store.rename(prod, a.id, "Anonymous users");
      expect(renamed).toMatchObject({ id: a.id, name: "Anonymous users", search: "?filter=anonymous&sort=last_active_at" });
      expect(renamed!.updatedAt).toBeGreaterThanOrEqual(a.updatedAt);
      expect(await store.rename(staging, a.id, "hijack"), "not renamed from another project").toBeNull();

      await store.remove(staging, b.id);
      expect(await store.get(prod, b.id), "not deleted from another project").not.toBeNull();
      await store.remove(prod, b.id);
      expect((await store.list(prod)).map((v) => v.id)).toEqual([a.id]);
      expect((await store.list(staging)).map((v) => v.name)).toEqual(["Unverified at Acme"]);
    }));

  it("refuses a second view of the same name in a project, ignoring case and space", () =>
    withStore(async (store) => {
      const first = await store.create(prod, "ada@example.com", "Churned", "?q=x");
      await expect(store.create(prod, "bob@example.com", " churned ", "")).rejects.toMatchObject({ code: "VIEW_NAME_TAKEN" });
      const other = await store.create(prod, "bob@example.com", "Other", "");
      await expect(store.rename(prod, other.id, "CHURNED")).rejects.toMatchObject({ code: "VIEW_NAME_TAKEN" });
      expect((await store.rename(prod, first.id, "churned"))?.name, "a view may change its own case").toBe("churned");
    }));

  it("keeps only what the users URL state accepts, parsed again on read", () =>
    withStore(async (store) => {
      const v = await store.create(prod, "ada@example.com", "Hostile", `?team=${TEAM}&restricted=only&verified=bogus&domain=ok.io,<script>&evil=1&view=${TEAM}`);
      expect(v.search).toBe(`?restricted=only&domain=ok.io&team=${TEAM}`);
      expect(canonicalSearch("?sort=email&asc=yes")).toBe("");
    }));
});

describe("who may change a view", () => {
  it("its owner, or an admin", () => {
    const view = { ownerEmail: "ada@example.com" };
    expect(canManageView({ email: "ada@example.com", role: "support" }, view)).toBe(true);
    expect(canManageView({ email: "bob@example.com", role: "operator" }, view)).toBe(false);
    expect(canManageView({ email: "bob@example.com", role: "admin" }, view)).toBe(true);
  });
});
