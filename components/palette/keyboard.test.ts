import { describe, expect, it } from "vitest";
import { navItemsFor } from "@/lib/nav";
import { createShortcutMatcher, SEQUENCE_MS, type KeyInput } from "./keyboard";

const key = (k: string, timeStamp: number, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, timeStamp, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe("keyboard shortcuts", () => {
  it("g then a page's key goes to that page; the `g` alone does nothing", () => {
    const m = createShortcutMatcher(() => navItemsFor("admin"));
    expect(m.match(key("g", 0))).toBeNull();
    expect(m.match(key("u", 100))).toEqual({ type: "go", href: "/users" });
    expect(m.match(key("g", 200))).toBeNull();
    expect(m.match(key("a", 300))).toEqual({ type: "go", href: "/audit" });
    expect(m.match(key("g", 400))).toBeNull();
    expect(m.match(key("o", 500))).toEqual({ type: "go", href: "/" });
  });

  it("a second key without `g`, too late, or after another key does nothing", () => {
    const m = createShortcutMatcher(() => navItemsFor("admin"));
    expect(m.match(key("u", 0))).toBeNull();
    m.match(key("g", 1000));
    expect(m.match(key("u", 1000 + SEQUENCE_MS + 1))).toBeNull();
    m.match(key("g", 5000));
    m.match(key("x", 5100));
    expect(m.match(key("u", 5200))).toBeNull();
  });

  it("offers only pages that exist and that the role may open", () => {
    const owner = createShortcutMatcher(() => navItemsFor("owner"));
    // A key no page has does nothing; Operators is owner-only.
    owner.match(key("g", 0));
    expect(owner.match(key("z", 10))).toBeNull();
    owner.match(key("g", 12));
    expect(owner.match(key("p", 14))).toEqual({ type: "go", href: "/permissions" });
    owner.match(key("g", 20));
    expect(owner.match(key("x", 30))).toEqual({ type: "go", href: "/operators" });
    const admin = createShortcutMatcher(() => navItemsFor("admin"));
    admin.match(key("g", 0));
    expect(admin.match(key("x", 10))).toBeNull();
    const none = createShortcutMatcher(() => navItemsFor("intruder"));
    none.match(key("g", 0));
    expect(none.match(key("u", 10))).toBeNull();
  });

  it("Ctrl-K and Cmd-K open the palette, ? the help, other modified keys nothing", () => {
    const m = createShortcutMatcher(() => navItemsFor("viewer"));
    expect(m.match(key("k", 0, { ctrlKey: true }))).toEqual({ type: "palette" });
    expect(m.match(key("K", 0, { metaKey: true }))).toEqual({ type: "palette" });
    expect(m.match(key("?", 0))).toEqual({ type: "help" });
    m.match(key("g", 10));
    expect(m.match(key("u", 20, { ctrlKey: true }))).toBeNull();
    expect(m.match(key("k", 30, { altKey: true, ctrlKey: true }))).toBeNull();
  });
});
