import { describe, expect, it } from "vitest";
import { classifyConfigChange, confirmationFor, NO_SIGN_IN_PHRASE } from "@/lib/config/danger";
import { diffConfig } from "@/lib/config/diff";
import { applySettingsPatch, patchedConfigBody } from "@/lib/config/patch";
import type { SettingsDTO } from "@/lib/settings-dto";

const settings = (): SettingsDTO => ({
  general: { displayName: "Acme", description: "", projectId: "p1", environment: null, isProductionMode: false },
  signIn: { signUpEnabled: true, password: true, magicLink: false, passkey: false, anonymousSignUp: null, requireEmailVerification: false, oauthAccountMergeStrategy: "link_method", allowUserApiKeys: false, allowTeamApiKeys: null },
  oauthProviders: [
    { id: "github", keys: "shared", clientId: null, microsoftTenantId: null, facebookConfigId: null },
    { id: "microsoft", keys: "own", clientId: "ms-id", microsoftTenantId: "tenant-1", facebookConfigId: null },
  ],
  domains: { allowLocalhost: true, trusted: [{ domain: "https://a.example", handlerPath: "/handler" }, { domain: "https://b.example", handlerPath: "/handler" }] },
  emails: { server: "shared", host: null, port: null, username: null, senderName: null, senderEmail: null, themeId: "t1" },
  teams: { createPersonalTeamOnSignUp: false, clientTeamCreation: false, clientUserDeletion: false, teamCreatorDefaultPermissions: ["team_admin"], teamMemberDefaultPermissions: ["team_member"], userDefaultPermissions: [] },
});

const dangerOf = (patch: Parameters<typeof applySettingsPatch>[1]) => {
  const before = settings();
  return confirmationFor(classifyConfigChange(before, applySettingsPatch(before, patch)), before.general.displayName);
};

describe("applySettingsPatch", () => {
  it("changes only the patched fields: the diff names exactly them", () => {
    const before = settings();
    const after = applySettingsPatch(before, { signIn: { passkey: true }, teams: { teamMemberDefaultPermissions: ["team_member", "read"] }, domains: { allowLocalhost: false } });
    expect(diffConfig(before, after).map((c) => c.path)).toEqual(["signIn.passkey", "domains.allowLocalhost", "teams.teamMemberDefaultPermissions"]);
  });
  it("keeps only what the chosen keys carry: shared providers have no client id; a shared server no SMTP fields", () => {
    const before = settings();
    const after = applySettingsPatch(before, {
      oauthProviders: [{ id: "microsoft", keys: "shared", clientId: "left-over", clientSecret: "", microsoftTenantId: "left-over", facebookConfigId: "" }],
      emails: { server: "own", host: "smtp.example", port: 587, username: "u", password: "", senderName: "S", senderEmail: "s@example.com" },
    });
    expect(after.oauthProviders).toEqual([{ id: "microsoft", keys: "shared", clientId: null, microsoftTenantId: null, facebookConfigId: null }]);
    expect(after.emails).toEqual({ server: "own", host: "smtp.example", port: 587, username: "u", senderName: "S", senderEmail: "s@example.com", themeId: "t1" });
    expect(applySettingsPatch(after, { emails: { server: "shared" } }).emails).toEqual(settings().emails);
  });
  it("a save's document carries the secrets typed, and leaves out the empty ones", () => {
    const body = patchedConfigBody(settings(), {
      oauthProviders: [
        { id: "microsoft", keys: "own", clientId: "ms-id", clientSecret: "typed-secret", microsoftTenantId: "tenant-1", facebookConfigId: "" },
        { id: "github", keys: "own", clientId: "gh-id", clientSecret: "", microsoftTenantId: "", facebookConfigId: "" },
      ],
      emails: { server: "own", host: "h", port: 25, username: "u", password: "", senderName: "n", senderEmail: "e@example.com" },
    });
    expect(body.oauthProviders.map((p) => [p.id, p.clientSecret])).toEqual([["microsoft", "typed-secret"], ["github", undefined]]);
    expect("password" in body.emails).toBe(false);
    expect(body.emails.themeId, "the theme is kept").toBe("t1");
  });
});

describe("confirmationFor", () => {
  it("asks nothing for a harmless save", () => {
    expect(dangerOf({ signIn: { magicLink: true } })).toBeNull();
  });
  it("names the one removed provider or domain", () => {
    expect(dangerOf({ oauthProviders: [{ id: "github", keys: "shared", clientId: "", clientSecret: "", microsoftTenantId: "", facebookConfigId: "" }] })).toEqual({
      key: "removeOAuthProvider",
      expected: "microsoft",
      hint: "the provider id",
    });
    expect(dangerOf({ domains: { trusted: [{ domain: "https://b.example", handlerPath: "/handler" }] } })).toMatchObject({ key: "removeTrustedDomain", expected: "https://a.example" });
  });
  it("asks for the project's name when one save carries several dangers, or a switch-off", () => {
    expect(dangerOf({ domains: { trusted: [] } })).toMatchObject({ expected: "Acme", hint: "the project's display name" });
    expect(dangerOf({ signIn: { signUpEnabled: false } })).toMatchObject({ key: "disableSignUp", expected: "Acme" });
    expect(dangerOf({ emails: { server: "own", host: "h", port: 25, username: "u", password: "p", senderName: "n", senderEmail: "e@example.com" } })).toMatchObject({ key: "changeEmailServer", expected: "Acme" });
  });
  it("asks for the exact consequence when no sign-in method would be left, whatever else the save does", () => {
    const rule = dangerOf({ signIn: { password: false, signUpEnabled: false }, oauthProviders: [] });
    expect(rule).toEqual({ key: "leaveNoSignInMethod", expected: NO_SIGN_IN_PHRASE, hint: `the words: ${NO_SIGN_IN_PHRASE}` });
    // Removing every provider while password stays on is a removal, not a lock-out.
    expect(dangerOf({ oauthProviders: [] })).toMatchObject({ key: "removeOAuthProvider", expected: "Acme" });
  });
});
