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
import { toConfigBody } from "@/lib/config/document";
import type { ConfigBody } from "@/lib/schemas/config";
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
 * The configuration document a settings save leads to, write-only values included: a secret the
 * operator typed is set (the write sends it), an empty one is left out (the live one stays).
 */
export function patchedConfigBody(before: SettingsDTO, patch: SettingsPatch): ConfigBody {
  const body = toConfigBody(applySettingsPatch(before, patch));
  for (const p of patch.oauthProviders ?? []) {
    const item = body.oauthProviders.find((o) => o.id === p.id);
    if (item && p.keys === "own" && p.clientSecret) item.clientSecret = p.clientSecret;
  }
  if (patch.emails?.server === "own" && patch.emails.password) body.emails.password = patch.emails.password;
  return body;
}
