import { describe, expect, it } from "vitest";
import { apiKeyLabel, teamLabel, userDisplayName, userLabel } from "./labels";

const id = "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70";

describe("resource labels", () => {
  it("names a user by name, then e-mail, then id, in either spelling", () => {
    expect(userLabel({ id, displayName: "Ada", primaryEmail: "ada@example.com" })).toBe("Ada");
    expect(userLabel({ id, display_name: null, primary_email: "ada@example.com" })).toBe("ada@example.com");
    expect(userLabel({ id, displayName: "", primaryEmail: null })).toBe(id);
    expect(userLabel({ id, display_name: null, primary_email: null, is_anonymous: true })).toBe("Anonymous");
    expect(userDisplayName({ id, displayName: null, primaryEmail: "ada@example.com" })).toBeNull();
  });
  it("names teams and keys, falling back to the id", () => {
    expect(teamLabel({ id, displayName: "Ops" })).toBe("Ops");
    expect(teamLabel({ id, display_name: null })).toBe(id);
    expect(apiKeyLabel({ id, description: "  " })).toBe(id);
    expect(apiKeyLabel({ id, description: "CI deploys" })).toBe("CI deploys");
  });
});
