import { describe, expect, it } from "vitest";
import { NAV_ITEMS, navItemForPath, navItemsFor, navSections } from "@/lib/nav";

describe("nav registry", () => {
  it("lists only pages that exist, in sidebar sections", () => {
    const items = navItemsFor("owner");
    expect(items.every((i) => i.ready)).toBe(true);
    expect(navSections(items).map((s) => [s.label, s.items.map((i) => i.label)])).toEqual(
      navSections(NAV_ITEMS.filter((i) => i.ready)).map((s) => [s.label, s.items.map((i) => i.label)]),
    );
    expect(navSections(NAV_ITEMS).map((s) => s.label)).toEqual([null, "People", "Project", null]);
  });

  it("keeps owner-only entries from other roles, and gives unknown roles nothing", () => {
    // As it will be once the Operators page lands.
    const landed = NAV_ITEMS.map((i) => (i.id === "operators" ? { ...i, ready: true } : i));
    expect(landed.find((i) => i.id === "operators")?.minRole).toBe("owner");
    expect(navItemsFor("owner", landed).map((i) => i.id)).toContain("operators");
    expect(navItemsFor("admin", landed).map((i) => i.id)).not.toContain("operators");
    // Admin-only entries (project API keys, the users import) are the only difference between a viewer and an admin.
    expect(navItemsFor("admin", landed).map((i) => i.id)).toContain("api-keys");
    expect(navItemsFor("viewer", landed).map((i) => i.id)).toEqual(navItemsFor("admin", landed).map((i) => i.id).filter((id) => id !== "api-keys" && id !== "users-import"));
    expect(navItemsFor("superuser", landed)).toEqual([]);
    expect(navItemsFor(undefined, landed)).toEqual([]);
  });

  it("has unique ids, paths and shortcuts", () => {
    for (const key of ["id", "href", "shortcut"] as const) {
      const values = NAV_ITEMS.map((i) => i[key]).filter(Boolean);
      expect(new Set(values).size, key).toBe(values.length);
    }
  });

  it("finds the entry a path belongs to", () => {
    expect(navItemForPath("/")?.id).toBe("overview");
    expect(navItemForPath("/users")?.id).toBe("users");
    expect(navItemForPath("/users/0b8c")?.id).toBe("users");
    expect(navItemForPath("/users/import")?.id).toBe("users-import");
    expect(navItemForPath("/usersx")).toBeUndefined();
    expect(navItemForPath("/audit")?.id).toBe("audit");
    // The settings groups are anchors of one page: that page is the one highlighted.
    expect(NAV_ITEMS.filter((i) => i.href.startsWith("/settings#")).map((i) => i.id)).toEqual(["sign-in-methods", "oauth-providers", "domains", "emails"]);
    expect(navItemForPath("/settings")?.id).toBe("settings");
  });
});
