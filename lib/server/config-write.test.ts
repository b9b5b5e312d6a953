import { describe, expect, it } from "vitest";
import { toConfigBody } from "@/lib/config/document";
import { OMITTED_SECRET } from "@/lib/config/format";
import { planWrite } from "@/lib/server/config-write";
import { toSettingsDTO } from "@/lib/server/settings";
import type { StackAdminProject } from "@/lib/stack/schemas";

// A raw admin project as Stack answers it (`projectsCrudAdminReadSchema`), secrets included.
function raw(): StackAdminProject {
  return {
    id: "p1",
    display_name: "Demo",
    description: "",
    created_at_millis: 0,
    is_production_mode: false,
    config: {
      sign_up_enabled: true,
      credential_enabled: true,
      magic_link_enabled: false,
      passkey_enabled: false,
      client_team_creation_enabled: false,
      client_user_deletion_enabled: false,
      allow_localhost: true,
      oauth_providers: [
        { id: "github", type: "standard", client_id: "gh-client", client_secret: "live-gh-secret" },
        { id: "google", type: "shared" },
      ],
      domains: [{ domain: "https://app.example.com", handler_path: "/handler" }],
      email_config: { type: "standard", host: "smtp.example.com", port: 587, username: "mailer", password: "live-smtp-password", sender_name: "Demo", sender_email: "noreply@example.com" },
      create_team_on_sign_up: false,
      team_creator_default_permissions: [{ id: "team_admin" }],
      team_member_default_permissions: [{ id: "team_member" }],
      allow_user_api_keys: false,
    },
  } as StackAdminProject;
}
const live = () => toConfigBody(toSettingsDTO(raw(), null));

describe("planWrite (omitted secrets)", () => {
  it("writes nothing for no change, however the file marks its secrets", () => {
    const target = live();
    target.oauthProviders[0]!.clientSecret = OMITTED_SECRET;
    target.emails.password = OMITTED_SECRET;
    expect(planWrite(raw(), live(), target)).toEqual({ body: {}, missingSecrets: [], unsupported: [] });
  });

  it("keeps the live OAuth secret when the file omits it and the provider list changes", () => {
    const target = live();
    target.oauthProviders[0]!.clientSecret = OMITTED_SECRET;
    target.oauthProviders.push({ id: "microsoft", keys: "shared", clientId: null, microsoftTenantId: "tenant-1", facebookConfigId: null });
    const plan = planWrite(raw(), live(), target);
    expect(plan.missingSecrets).toEqual([]);
    expect(plan.body).toEqual({
      config: {
        oauth_providers: [
          { id: "github", type: "standard", client_id: "gh-client", client_secret: "live-gh-secret" },
          { id: "google", type: "shared" },
          { id: "microsoft", type: "shared", microsoft_tenant_id: "tenant-1" },
        ],
      },
    });
  });

  it("sends a secret the file sets, and keeps the SMTP password when only the host changes", () => {
    const target = live();
    target.oauthProviders[0]!.clientSecret = "new-gh-secret";
    target.emails.host = "smtp2.example.com";
    const { body } = planWrite(raw(), live(), target);
    expect(body.config?.oauth_providers?.[0]).toMatchObject({ client_secret: "new-gh-secret" });
    expect(body.config?.email_config).toEqual({ type: "standard", host: "smtp2.example.com", port: 587, username: "mailer", password: "live-smtp-password", sender_name: "Demo", sender_email: "noreply@example.com" });
  });

  it("reports a secret nobody has: a provider switched to own keys, an own server from shared", () => {
    const target = live();
    target.oauthProviders[1] = { id: "google", keys: "own", clientId: "g-client", microsoftTenantId: null, facebookConfigId: null };
    const sharedMail = raw();
    sharedMail.config.email_config = { type: "shared" };
    expect(planWrite(sharedMail, { ...live(), emails: { server: "shared", host: null, port: null, username: null, senderName: null, senderEmail: null } }, target).missingSecrets).toEqual([
      "oauthProviders[google].clientSecret",
      "emails.password",
    ]);
  });

  it("sends only the changed scalars, and refuses fields the release lacks", () => {
    const target = live();
    target.signIn.signUpEnabled = false;
    target.general.description = "New";
    target.teams.userDefaultPermissions = ["x"];
    target.signIn.allowTeamApiKeys = true;
    const plan = planWrite(raw(), live(), target);
    expect(plan.body).toEqual({ description: "New", config: { sign_up_enabled: false } });
    expect(plan.unsupported).toEqual(["signIn.allowTeamApiKeys", "teams.userDefaultPermissions"]);
  });

  it("writes the e-mail theme a file sets, and refuses it where the release has no themes", () => {
    const withTheme = raw();
    withTheme.config.email_theme = "theme-a";
    const liveThemed = toConfigBody(toSettingsDTO(withTheme, null));
    const target = structuredClone(liveThemed);
    target.emails.themeId = "theme-b";
    expect(planWrite(withTheme, liveThemed, target)).toEqual({ body: { config: { email_theme: "theme-b" } }, missingSecrets: [], unsupported: [] });
    expect(planWrite(raw(), live(), { ...live(), emails: { ...live().emails, themeId: "theme-b" } }).unsupported).toEqual(["emails.themeId"]);
  });

  it("on servers that report `enabled`, lists every provider: kept ones on, removed ones written back off", () => {
    const old = raw();
    old.config.oauth_providers = [
      { id: "github", type: "shared", enabled: true },
      { id: "google", type: "shared", enabled: true },
    ];
    const liveOld = toConfigBody(toSettingsDTO(old, null));
    const target = structuredClone(liveOld);
    target.oauthProviders = target.oauthProviders.filter((p) => p.id !== "google");
    expect(planWrite(old, liveOld, target).body.config?.oauth_providers).toEqual([
      { id: "github", type: "shared", enabled: true },
      { id: "google", type: "shared", enabled: false },
    ]);
  });
});
