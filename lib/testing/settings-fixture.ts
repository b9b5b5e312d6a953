// A settings DTO as lib/server/settings.ts maps it, for config tests.
import type { SettingsDTO } from "@/lib/settings-dto";

export function settingsFixture(): SettingsDTO {
  return {
    general: { displayName: "Demo", description: "", projectId: "6f4f1b9c-3a0e-4c55-9f2e-8d1e2b7a4c10", environment: null, isProductionMode: false },
    signIn: { signUpEnabled: true, password: true, magicLink: false, passkey: false, anonymousSignUp: null, requireEmailVerification: null, oauthAccountMergeStrategy: "link_method", allowUserApiKeys: false, allowTeamApiKeys: null },
    oauthProviders: [
      { id: "github", keys: "own", clientId: "gh-client", microsoftTenantId: null, facebookConfigId: null },
      { id: "google", keys: "shared", clientId: null, microsoftTenantId: null, facebookConfigId: null },
    ],
    domains: { allowLocalhost: true, trusted: [{ domain: "https://app.example.com", handlerPath: "/handler" }] },
    emails: { server: "own", host: "smtp.example.com", port: 587, username: "mailer", senderName: "Demo", senderEmail: "noreply@example.com" },
    teams: { createPersonalTeamOnSignUp: false, clientTeamCreation: false, clientUserDeletion: false, teamCreatorDefaultPermissions: ["team_admin"], teamMemberDefaultPermissions: ["team_member"], userDefaultPermissions: null },
  };
}
