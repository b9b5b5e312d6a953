import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/safe-callback-url";

describe("safeCallbackUrl", () => {
  const own = "http://localhost:3000";

  it("keeps relative paths with their query", () => {
    expect(safeCallbackUrl("/users?q=ada", own)).toBe("/users?q=ada");
    expect(safeCallbackUrl("/users/abc", null)).toBe("/users/abc");
    expect(safeCallbackUrl(undefined, own)).toBe("/");
    expect(safeCallbackUrl("", own)).toBe("/");
  });

  it("keeps an absolute URL of this dashboard as a path (next-auth's error redirects send those)", () => {
    expect(safeCallbackUrl("http://localhost:3000/users", own)).toBe("/users");
    expect(safeCallbackUrl("http://localhost:3000/users", null)).toBe("/");
  });

  it("refuses other sites, however they are spelled", () => {
    for (const evil of ["https://evil.example", "//evil.example/x", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "http://localhost:3001/users", "https://localhost:3000/users"]) {
      expect(safeCallbackUrl(evil, own), evil).toBe("/");
    }
  });

  // Each of these resolves to a path on our own origin that starts with `//` (or decodes to it).
  const normalisesToOtherHost = [
    "/.//evil.example/",
    "/..//evil.example",
    "/./..//evil.example/x?y=1",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/a/..//evil.example",
    "/.\\\\evil.example",
    "/.\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\t\\evil.example",
    "\t/\\evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5C/evil.example",
    "http://localhost:3000/.//evil.example/",
    "http://localhost:3000//evil.example",
  ];

  it("normalises first, then checks: no dot segment, encoding or whitespace turns a path protocol-relative", () => {
    for (const evil of normalisesToOtherHost) {
      for (const ownUrl of [own, null]) {
        const out = safeCallbackUrl(evil, ownUrl);
        expect(out, JSON.stringify(evil)).toBe("/");
        // Whatever comes out stays on our origin when a browser resolves it.
        expect(new URL(out, own).origin).toBe(own);
      }
    }
  });

  it("still keeps ordinary paths that contain dots and encoded characters", () => {
    expect(safeCallbackUrl("/users/./abc", own)).toBe("/users/abc");
    expect(safeCallbackUrl("/users/x/../abc?q=a%2Fb", own)).toBe("/users/abc?q=a%2Fb");
    expect(safeCallbackUrl("/users?q=%2F%2Fevil", own)).toBe("/users?q=%2F%2Fevil");
    expect(safeCallbackUrl("/audit#top", own)).toBe("/audit#top");
  });

  it("refuses an over-long or malformed value", () => {
    expect(safeCallbackUrl(`/${"a".repeat(5000)}`, own)).toBe("/");
    expect(safeCallbackUrl("/%E0%A4%A", own)).toBe("/");
  });
});
