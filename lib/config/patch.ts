// A settings change as the console expresses it, and the configuration it leads to. Isomorphic:
// the form predicts the "after" to warn and show the diff, the server predicts it again from the
// config it has just re-read, to classify and refuse (lib/config/danger.ts).
import type {
  OAuthProviderInput,
  UpdateDomainSettingsInput,
  UpdateEmailServerInput,
  UpdateGeneralSettingsInput,
  UpdateSignInSettingsInput,
  UpdateTeamSettingsInput,
} from "@/lib/schemas/settings";
import type { SettingsDTO } from "@/lib/settings-dto";

/** Each group optional; lists (providers, trusted domains) replace the whole set. Secrets only when they change. */
export type SettingsPatch = {
  general?: UpdateGeneralSettingsInput;
  signIn?: Omit<UpdateSignInSettingsInput, "confirmation">;
  teams?: UpdateTeamSettingsInput;
  domains?: Omit<UpdateDomainSettingsInput, "confirmation">;
  oauthProviders?: OAuthProviderInput[];
  emails?: UpdateEmailServerInput["email"];
  /** `email_theme`: the id of an existing theme. */
  emailTheme?: string;
};

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The settings `before` would become with `patch` applied (no secret is part of it). */
export function applySettingsPatch(before: SettingsDTO, patch: SettingsPatch): SettingsDTO {
  const e = patch.emails;
  const theme = patch.emailTheme !== undefined ? { themeId: patch.emailTheme } : "themeId" in before.emails ? { themeId: before.emails.themeId } : {};
  return {
    general: { ...before.general, ...defined(patch.general ?? {}) },
    signIn: { ...before.signIn, ...defined(patch.signIn ?? {}) },
    teams: { ...before.teams, ...defined(patch.teams ?? {}) },
    domains: { ...before.domains, ...defined(patch.domains ?? {}) },
    oauthProviders: patch.oauthProviders
      ? patch.oauthProviders.map((p) => ({
          id: p.id,
          keys: p.keys,
          clientId: p.keys === "own" ? p.clientId : null,
          microsoftTenantId: p.keys === "own" && p.microsoftTenantId ? p.microsoftTenantId : null,
          facebookConfigId: p.keys === "own" && p.facebookConfigId ? p.facebookConfigId : null,
        }))
      : before.oauthProviders,
    emails: !e
      ? { ...before.emails, ...theme }
      : e.server === "shared"
        ? { server: "shared", host: null, port: null, username: null, senderName: null, senderEmail: null, ...theme }
        : { server: "own", host: e.host, port: e.port, username: e.username, senderName: e.senderName, senderEmail: e.senderEmail, ...theme },
  };
}

/**
 * The patch that makes a project's settings equal `doc` (an import, another project, a history
 * entry). Secrets are not part of a SettingsDTO: every provider and the e-mail server keep the
 * secret the target already has, which the server refuses where it has none.
 */
export function settingsToPatch(doc: SettingsDTO): SettingsPatch {
  const s = doc.signIn;
  const t = doc.teams;
  return {
    general: { displayName: doc.general.displayName, description: doc.general.description },
    signIn: defined({
      signUpEnabled: s.signUpEnabled,
      password: s.password,
      magicLink: s.magicLink,
      passkey: s.passkey,
      requireEmailVerification: s.requireEmailVerification ?? undefined,
      oauthAccountMergeStrategy: (s.oauthAccountMergeStrategy as NonNullable<SettingsPatch["signIn"]>["oauthAccountMergeStrategy"]) ?? undefined,
      allowUserApiKeys: s.allowUserApiKeys ?? undefined,
      allowTeamApiKeys: s.allowTeamApiKeys ?? undefined,
    }),
    teams: defined({
      createPersonalTeamOnSignUp: t.createPersonalTeamOnSignUp,
      clientTeamCreation: t.clientTeamCreation,
      clientUserDeletion: t.clientUserDeletion,
      teamCreatorDefaultPermissions: t.teamCreatorDefaultPermissions,
      teamMemberDefaultPermissions: t.teamMemberDefaultPermissions,
      userDefaultPermissions: t.userDefaultPermissions ?? undefined,
    }),
    domains: { allowLocalhost: doc.domains.allowLocalhost, trusted: doc.domains.trusted },
    oauthProviders: doc.oauthProviders.map((p) => ({
      id: p.id as OAuthProviderInput["id"],
      keys: p.keys,
      clientId: p.clientId ?? "",
      clientSecret: "",
      microsoftTenantId: p.microsoftTenantId ?? "",
      facebookConfigId: p.facebookConfigId ?? "",
    })),
    emails:
      doc.emails.server === "shared"
        ? { server: "shared" }
        : {
            server: "own",
            host: doc.emails.host ?? "",
            port: doc.emails.port ?? 0,
            username: doc.emails.username ?? "",
            password: "",
            senderName: doc.emails.senderName ?? "",
            senderEmail: doc.emails.senderEmail ?? "",
          },
    emailTheme: doc.emails.themeId ?? undefined,
  };
}
