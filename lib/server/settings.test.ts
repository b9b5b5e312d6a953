import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditTarget, ChangeRecorder } from "@/lib/server/action";
import { getSettings, toSettingsDTO, updateGeneralSettings } from "@/lib/server/settings";
import { createStackClient } from "@/lib/stack/client";
import { resetProjectPathCacheForTests } from "@/lib/stack/project";
import { adminProjectSchema } from "@/lib/stack/schemas";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";

// Real emulators over HTTP: the newest release and the February 2025 line (no /internal/projects/current).
let latest: TestEmulator;
let legacy: TestEmulator;
beforeAll(async () => {
  [latest, legacy] = await Promise.all([startEmulatorProcess({ release: "latest" }), startEmulatorProcess({ release: "2025-02" })]);
  resetProjectPathCacheForTests();
});
afterAll(async () => {
  await Promise.all([latest?.stop(), legacy?.stop()]);
});

const credsFor = (emu: TestEmulator) => ({ slug: "s", name: "S", projectId: TEST_PROJECT.projectId, apiUrl: emu.url, adminKey: TEST_PROJECT.superSecretAdminKey, environment: "staging" as const });
const summary = { slug: "s", name: "S", projectId: TEST_PROJECT.projectId, apiUrl: "http://x", environment: "staging" as const };
const recorder = () => {
  const audits: { target: AuditTarget; changes?: unknown }[] = [];
  const r: ChangeRecorder & { audits: typeof audits } = { audits, audit: (target, changes) => void audits.push({ target, changes }), confirm: () => {} };
  return r;
};

/** `GET /internal/projects/current` as a real 2.8.86 server answered it (captured verbatim). */
const sample2886 = {"id": "5fa25379-ded0-41ad-951c-f59aaa726a2a", "display_name": "Real Stack Test Project", "description": "", "logo_url": null, "logo_full_url": null, "logo_dark_mode_url": null, "logo_full_dark_mode_url": null, "created_at_millis": 1796153545091, "is_production_mode": false, "owner_team_id": "89770053-a824-411c-a5e6-23401635b491", "onboarding_status": "completed", "config": {"allow_localhost": true, "client_team_creation_enabled": false, "client_user_deletion_enabled": false, "sign_up_enabled": true, "oauth_account_merge_strategy": "link_method", "create_team_on_sign_up": false, "credential_enabled": true, "magic_link_enabled": true, "passkey_enabled": false, "oauth_providers": [], "enabled_oauth_providers": [], "domains": [], "email_config": {"type": "shared"}, "email_theme": "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac", "team_creator_default_permissions": [{"id": "team_admin"}], "team_member_default_permissions": [{"id": "team_member"}], "user_default_permissions": [], "allow_user_api_keys": false, "allow_team_api_keys": false}};

describe("settings DTO", () => {
  it("drops the OAuth client secret and the SMTP password of a project that has both", async () => {
    const client = createStackClient(credsFor(latest));
    const res = await fetch(`${latest.url}/api/v1/internal/projects/current`, {
      method: "PATCH",
      headers: { "x-stack-project-id": TEST_PROJECT.projectId, "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": TEST_PROJECT.superSecretAdminKey, "content-type": "application/json" },
      body: JSON.stringify({
        config: {
          oauth_providers: [{ id: "github", type: "standard", client_id: "gh-client-id", client_secret: "gh-secret-XYZZY" }],
          email_config: { type: "standard", host: "smtp.example.com", port: 587, username: "mailer", password: "smtp-pass-PLUGH", sender_name: "Acme", sender_email: "no-reply@example.com" },
        },
      }),
    });
    expect(res.status).toBe(200);
    const raw = await res.text();
    // The server does send both secrets back: the mapping is what drops them.
    expect(raw).toContain("gh-secret-XYZZY");
    expect(raw).toContain("smtp-pass-PLUGH");

    const dto = await getSettings(client, summary);
    const bytes = JSON.stringify(dto);
    expect(bytes).not.toContain("gh-secret-XYZZY");
    expect(bytes).not.toContain("smtp-pass-PLUGH");
    expect(dto.oauthProviders).toEqual([{ id: "github", keys: "own", clientId: "gh-client-id", microsoftTenantId: null, facebookConfigId: null }]);
    expect(dto.emails).toEqual({ server: "own", host: "smtp.example.com", port: 587, username: "mailer", senderName: "Acme", senderEmail: "no-reply@example.com" });
    expect(dto.general.environment).toBe("staging");
  });

  it("maps a real 2.8.86 answer, and fields that release lacks are null", () => {
    const p = adminProjectSchema.parse(sample2886);
    const dto = toSettingsDTO(p, null);
    expect(dto.general).toEqual({ displayName: "Real Stack Test Project", description: "", projectId: p.id, environment: null, isProductionMode: false });
    expect(dto.signIn).toEqual({
      signUpEnabled: true,
      password: true,
      magicLink: true,
      passkey: false,
      anonymousSignUp: null,
      requireEmailVerification: null,
      oauthAccountMergeStrategy: "link_method",
      allowUserApiKeys: false,
      allowTeamApiKeys: false,
    });
    expect(dto.emails.server).toBe("shared");
    expect(dto.teams).toEqual({
      createPersonalTeamOnSignUp: false,
      clientTeamCreation: false,
      clientUserDeletion: false,
      teamCreatorDefaultPermissions: ["team_admin"],
      teamMemberDefaultPermissions: ["team_member"],
      userDefaultPermissions: [],
    });
  });
});

describe("updateGeneralSettings", () => {
  for (const rel of ["latest", "2025-02"] as const) {
    it(`sends only what changed and audits it (${rel})`, async () => {
      const emu = rel === "latest" ? latest : legacy;
      const client = createStackClient(credsFor(emu));
      const before = await getSettings(client, summary);
      const r = recorder();
      const saved = await updateGeneralSettings(client, { displayName: `Renamed ${rel}`, description: before.general.description }, r);
      expect(saved.displayName).toBe(`Renamed ${rel}`);
      expect(r.audits).toEqual([{ target: { type: "project", id: TEST_PROJECT.projectId, label: before.general.displayName }, changes: { display_name: { from: before.general.displayName, to: `Renamed ${rel}` } } }]);
      expect((await getSettings(client, summary)).general.displayName).toBe(`Renamed ${rel}`);

      const none = recorder();
      await updateGeneralSettings(client, { description: before.general.description }, none);
      expect(none.audits).toEqual([{ target: expect.objectContaining({ type: "project" }), changes: {} }]);
    });
  }
});
