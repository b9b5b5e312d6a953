import "server-only";

import { canonical } from "@/lib/config/diff";
import { comparable } from "@/lib/config/document";
import { OMITTED_SECRET } from "@/lib/config/format";
import type { ConfigBody } from "@/lib/schemas/config";
import type { OAuthProviderWrite, UpdateProjectBody, UpdateProjectConfigBody } from "@/lib/stack/project";
import type { StackAdminProject } from "@/lib/stack/schemas";
import { compact } from "@/lib/stack/util";

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
const given = (v: string | undefined) => (v === undefined || v === OMITTED_SECRET ? undefined : v);
const refs = (ids: string[]) => ids.map((id) => ({ id }));

export type WritePlan = {
  /** One `PATCH` body (`projectsCrudAdminUpdateSchema`) with only the groups that change. */
  body: UpdateProjectBody;
  /** Paths of write-only values the change needs but neither the file nor the live config has. */
  missingSecrets: string[];
  /** Fields set to a value this server's release does not have. */
  unsupported: string[];
};

/**
 * The `PATCH` body of the one config write (writeProjectConfig, lib/server/settings.ts) for going
 * from `live` to `target`. Arrays (providers, domains) replace the whole set
 * on Stack, so a changed group is sent whole; a write-only value the target leaves out (absent or
 * the omitted marker) is the live one, read from the raw project on the server and never shown.
 */
export function planWrite(raw: StackAdminProject, live: ConfigBody, target: ConfigBody): WritePlan {
  const body: UpdateProjectBody = {};
  const config: UpdateProjectConfigBody = {};
  const missingSecrets: string[] = [];
  const unsupported: string[] = [];

  const g = target.general;
  if (g.displayName !== live.general.displayName) body.display_name = g.displayName;
  if (g.description !== live.general.description) body.description = g.description;
  if (g.isProductionMode !== live.general.isProductionMode) body.is_production_mode = g.isProductionMode;

  const s = target.signIn;
  const l = live.signIn;
  if (s.signUpEnabled !== l.signUpEnabled) config.sign_up_enabled = s.signUpEnabled;
  if (s.password !== l.password) config.credential_enabled = s.password;
  if (s.magicLink !== l.magicLink) config.magic_link_enabled = s.magicLink;
  if (s.passkey !== l.passkey) config.passkey_enabled = s.passkey;
  // The optional ones exist only where the live config has them (null: the release lacks it).
  const optional = <K extends keyof UpdateProjectConfigBody>(path: string, t: UpdateProjectConfigBody[K] | null, lv: unknown, key: K) => {
    if (t === null || same(t, lv)) return;
    if (lv === null) unsupported.push(path);
    else config[key] = t;
  };
  if (s.anonymousSignUp !== null && s.anonymousSignUp !== l.anonymousSignUp) unsupported.push("signIn.anonymousSignUp");
  optional("signIn.requireEmailVerification", s.requireEmailVerification, l.requireEmailVerification, "require_email_verification");
  optional("signIn.oauthAccountMergeStrategy", s.oauthAccountMergeStrategy, l.oauthAccountMergeStrategy, "oauth_account_merge_strategy");
  optional("signIn.allowUserApiKeys", s.allowUserApiKeys, l.allowUserApiKeys, "allow_user_api_keys");
  optional("signIn.allowTeamApiKeys", s.allowTeamApiKeys, l.allowTeamApiKeys, "allow_team_api_keys");

  const rawProviders = new Map(raw.config.oauth_providers.map((p) => [p.id, p]));
  // comparable(): an omitted secret is no change, a given one is.
  const providersChange = !same(comparable(live).oauthProviders, comparable(target).oauthProviders);
  if (providersChange) {
    // Older servers require `enabled` on every listed provider; they send it on every read.
    const wantsEnabled = raw.config.oauth_providers.some((p) => p.enabled !== undefined);
    config.oauth_providers = target.oauthProviders.map((p): OAuthProviderWrite => {
      const old = rawProviders.get(p.id);
      const write: OAuthProviderWrite = { id: p.id, type: p.keys === "own" ? "standard" : "shared" };
      if (p.keys === "own") {
        write.client_id = p.clientId ?? undefined;
        write.client_secret = given(p.clientSecret) ?? (old?.type === "standard" ? old.client_secret : undefined);
        if (!write.client_secret) missingSecrets.push(`oauthProviders[${p.id}].clientSecret`);
      }
      if (p.microsoftTenantId) write.microsoft_tenant_id = p.microsoftTenantId;
      if (p.facebookConfigId) write.facebook_config_id = p.facebookConfigId;
      if (old?.apple_bundle_ids) write.apple_bundle_ids = old.apple_bundle_ids;
      // The console lists only enabled providers: a listed one is on.
      if (wantsEnabled) write.enabled = true;
      return write;
    });
    if (wantsEnabled) {
      // Such servers keep what the list leaves out: a removed provider is written back switched off.
      const kept = new Set(target.oauthProviders.map((p) => p.id));
      for (const old of raw.config.oauth_providers) if (!kept.has(old.id)) config.oauth_providers.push({ ...(compact(old) as OAuthProviderWrite), enabled: false });
    }
  }

  if (!same(live.domains.trusted, target.domains.trusted)) config.domains = target.domains.trusted.map((d) => ({ domain: d.domain, handler_path: d.handlerPath }));
  if (target.domains.allowLocalhost !== live.domains.allowLocalhost) config.allow_localhost = target.domains.allowLocalhost;

  const e = target.emails;
  const password = e.password;
  // The theme is its own field (`email_theme`): choosing one re-sends no server settings.
  const server = ({ themeId: _, ...mail }: ConfigBody["emails"]) => mail;
  if (!same(server(comparable(live).emails), server(comparable(target).emails))) {
    if (e.server === "shared") config.email_config = { type: "shared" };
    else {
      const kept = raw.config.email_config.type === "standard" ? raw.config.email_config.password : undefined;
      const secret = given(password) ?? kept;
      if (!secret) missingSecrets.push("emails.password");
      config.email_config = { type: "standard", host: e.host ?? undefined, port: e.port ?? undefined, username: e.username ?? undefined, password: secret, sender_name: e.senderName ?? undefined, sender_email: e.senderEmail ?? undefined };
    }
  }

  const theme = e.themeId ?? null;
  if (theme !== null && theme !== (live.emails.themeId ?? null)) {
    if ((live.emails.themeId ?? null) === null) unsupported.push("emails.themeId");
    else config.email_theme = theme;
  }

  const t = target.teams;
  const lt = live.teams;
  if (t.createPersonalTeamOnSignUp !== lt.createPersonalTeamOnSignUp) config.create_team_on_sign_up = t.createPersonalTeamOnSignUp;
  if (t.clientTeamCreation !== lt.clientTeamCreation) config.client_team_creation_enabled = t.clientTeamCreation;
  if (t.clientUserDeletion !== lt.clientUserDeletion) config.client_user_deletion_enabled = t.clientUserDeletion;
  if (!same(t.teamCreatorDefaultPermissions, lt.teamCreatorDefaultPermissions)) config.team_creator_default_permissions = refs(t.teamCreatorDefaultPermissions);
  if (!same(t.teamMemberDefaultPermissions, lt.teamMemberDefaultPermissions)) config.team_member_default_permissions = refs(t.teamMemberDefaultPermissions);
  if (t.userDefaultPermissions !== null && !same(t.userDefaultPermissions, lt.userDefaultPermissions)) {
    if (lt.userDefaultPermissions === null) unsupported.push("teams.userDefaultPermissions");
    else config.user_default_permissions = refs(t.userDefaultPermissions);
  }

  if (Object.keys(config).length > 0) body.config = config;
  return { body, missingSecrets, unsupported };
}
