import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

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
});
