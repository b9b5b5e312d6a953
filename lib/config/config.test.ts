import { describe, expect, it } from "vitest";
import { classifyConfigChange, hasSignInMethod } from "@/lib/config/danger";
import { diffConfig } from "@/lib/config/diff";
import { countSignInImpact, describeImpact, describeLockout, type UserSignInMethods } from "@/lib/config/impact";

const doc = () => ({
  signIn: { signUpEnabled: true, password: true, magicLink: false, passkey: false, anonymousSignUp: null, requireEmailVerification: null, oauthAccountMergeStrategy: null, allowUserApiKeys: null, allowTeamApiKeys: null },
  oauthProviders: [{ id: "github", keys: "shared" as const, clientId: null, microsoftTenantId: null, facebookConfigId: null }],
  domains: { allowLocalhost: true, trusted: [{ domain: "https://a.example", handlerPath: "/handler" }] },
  emails: { server: "shared" as const, host: null, port: null, username: null, senderName: null, senderEmail: null },
});

describe("diffConfig", () => {
  it("is empty for equal documents, whatever the key and string-array order", () => {
    expect(diffConfig({ a: 1, b: ["x", "y"] }, { b: ["y", "x"], a: 1 })).toEqual([]);
  });
  it("names changed scalars by path", () => {
    expect(diffConfig({ signIn: { password: true } }, { signIn: { password: false } })).toEqual([{ path: "signIn.password", kind: "changed", before: true, after: false }]);
  });
  it("matches providers by id and domains by URL, so a reorder is no change", () => {
    const a = doc();
    const b = doc();
    b.oauthProviders.push({ id: "google", keys: "shared", clientId: null, microsoftTenantId: null, facebookConfigId: null });
    b.oauthProviders.reverse();
    b.domains.trusted[0]!.handlerPath = "/auth";
    expect(diffConfig(a, b).map((c) => `${c.kind} ${c.path}`)).toEqual(["added oauthProviders[google]", "changed domains.trusted[https://a.example].handlerPath"]);
  });
});

describe("classifyConfigChange", () => {
  it("flags nothing for a harmless change", () => {
    const b = doc();
    b.signIn.magicLink = true;
    expect(classifyConfigChange(doc(), b)).toEqual([]);
  });
  it("flags each dangerous kind", () => {
    const b = doc();
    b.signIn.signUpEnabled = false;
    b.domains.trusted = [];
    b.emails = { server: "own" as never, host: "smtp.example", port: 587, username: "u", senderName: "S", senderEmail: "s@example.com" } as never;
    expect(classifyConfigChange(doc(), b).map((c) => c.key)).toEqual(["disableSignUp", "removeTrustedDomain", "changeEmailServer"]);
  });
  it("flags leaving no sign-in method, and only then", () => {
    const b = doc();
    b.signIn.password = false;
    expect(classifyConfigChange(doc(), b).map((c) => c.key)).toEqual(["disableAuthMethod"]);
    b.oauthProviders = [];
    expect(hasSignInMethod(b)).toBe(false);
    expect(classifyConfigChange(doc(), b).map((c) => c.key)).toEqual(["disableAuthMethod", "removeOAuthProvider", "leaveNoSignInMethod"]);
  });
});

describe("countSignInImpact", () => {
  const user = (m: Partial<UserSignInMethods>): UserSignInMethods => ({ password: false, magicLink: false, passkey: false, oauth: [], ...m });
  const users = [user({ password: true }), user({ password: true, oauth: ["github"] }), user({ oauth: ["github"] }), user({ magicLink: true })];

  it("counts who signs in with a removed method or provider, and who would have no way left", () => {
    const b = doc();
    b.signIn.password = false;
    b.oauthProviders = [];
    const dangerous = classifyConfigChange(doc(), b);
    const impact = countSignInImpact(doc(), b, dangerous, users, true);
    expect(impact).toEqual({ scanned: 4, complete: true, using: { "signIn.password": 2, "oauthProviders[github]": 2 }, lockedOut: 3 });
    expect(dangerous.map((d) => [d.key, describeImpact(d, impact)])).toEqual([
      ["disableAuthMethod", "2 users sign in with it."],
      ["removeOAuthProvider", "2 users sign in with it."],
      ["leaveNoSignInMethod", null],
    ]);
    expect(describeLockout(impact)).toBe("3 users would be left with no way to sign in.");
  });

  it("a user with another way left is not locked out; a method the project has off is no way", () => {
    const b = doc();
    b.signIn.password = false;
    const impact = countSignInImpact(doc(), b, classifyConfigChange(doc(), b), users, true);
    // The magic-link user: magic link is off in the project, so they had no way before either.
    expect(impact.lockedOut).toBe(1);
    expect(describeLockout({ ...impact, lockedOut: 0 })).toBe("No user would be left without a way to sign in.");
  });

  it("says when the count is a lower bound, and when it is not known", () => {
    const b = doc();
    b.oauthProviders = [];
    b.domains.trusted = [];
    const dangerous = classifyConfigChange(doc(), b);
    const partial = countSignInImpact(doc(), b, dangerous, users, false);
    expect(describeImpact(dangerous[0]!, partial)).toBe("at least 2 users (among the first 4 read; the project has more) sign in with it.");
    expect(describeImpact(dangerous[0]!, null)).toMatch(/not known/);
    expect(describeImpact(dangerous.find((d) => d.key === "removeTrustedDomain")!, partial)).toMatch(/^Users affected: not known \(Stack does not record/);
    expect(describeLockout(partial)).toBe("at least 1 user (among the first 4 read; the project has more) would be left with no way to sign in.");
  });
});
