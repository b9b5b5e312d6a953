import { describe, expect, it } from "vitest";
import { classifyConfigChange, hasSignInMethod } from "@/lib/config/danger";
import { diffConfig } from "@/lib/config/diff";

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
