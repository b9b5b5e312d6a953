// What the Project settings page renders: the admin project's configuration, grouped as an
// operator thinks of it. No secret has a field here (OAuth client secrets and the SMTP password
// are dropped on the server), so nothing the browser receives can carry one.
// `null` means the server's release has no such field: the page hides it with a note.
import type { ProjectEnvironment } from "@/lib/projects-dto";

/** Stack's standard OAuth provider types (`standardProviders` of @stackframe/stack-shared). */
export const OAUTH_PROVIDER_IDS = ["google", "github", "microsoft", "spotify", "facebook", "discord", "gitlab", "bitbucket", "linkedin", "apple", "x", "twitch"] as const;
/** Only these have platform ("shared") development keys. */
export const SHARED_OAUTH_PROVIDER_IDS = ["google", "github", "microsoft", "spotify"] as const;
export type OAuthProviderId = (typeof OAUTH_PROVIDER_IDS)[number];

export type SettingsOAuthProvider = {
  id: string;
  /** "shared": Stack's development keys; "standard": the project's own client id and secret. */
  keys: "shared" | "own";
  clientId: string | null;
  microsoftTenantId: string | null;
  facebookConfigId: string | null;
};

export type SettingsDTO = {
  general: {
    displayName: string;
    description: string;
    projectId: string;
    /** The console's label for this project (its own config, not Stack's). */
    environment: ProjectEnvironment | null;
    isProductionMode: boolean;
  };
  signIn: {
    signUpEnabled: boolean;
    password: boolean;
    magicLink: boolean;
    passkey: boolean;
    /** No release's admin project config carries it yet. */
    anonymousSignUp: boolean | null;
    requireEmailVerification: boolean | null;
    oauthAccountMergeStrategy: string | null;
    allowUserApiKeys: boolean | null;
    allowTeamApiKeys: boolean | null;
  };
  oauthProviders: SettingsOAuthProvider[];
  domains: { allowLocalhost: boolean; trusted: { domain: string; handlerPath: string }[] };
  emails: {
    server: "shared" | "own";
    host: string | null;
    port: number | null;
    username: string | null;
    senderName: string | null;
    senderEmail: string | null;
    /** The e-mail theme new e-mails use (`email_theme`); null where the release has no themes. */
    themeId?: string | null;
  };
  teams: {
    createPersonalTeamOnSignUp: boolean;
    clientTeamCreation: boolean;
    clientUserDeletion: boolean;
    teamCreatorDefaultPermissions: string[];
    teamMemberDefaultPermissions: string[];
    userDefaultPermissions: string[] | null;
  };
};

/** The e-mail templates and themes card (`/internal/email-templates`, `/internal/email-themes`). */
export type EmailTemplatesDTO = {
  /** null: this release has no TSX templates (older servers keep typed templates the console does not edit). */
  templates: { id: string; displayName: string; tsxSource: string }[] | null;
  /** null: no themes on this release. `tsxSource` null: the theme list is there but not one theme's source (GET /internal/email-themes/{id}). */
  themes: { id: string; displayName: string; tsxSource: string | null }[] | null;
};
