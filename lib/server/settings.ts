import "server-only";

import { confirmationFor, classifyConfigChange, type DangerousChange } from "@/lib/config/danger";
import { diffConfig, type ConfigChange } from "@/lib/config/diff";
import { applySettingsPatch, type SettingsPatch } from "@/lib/config/patch";
import type { ProjectEnvironment, ProjectSummary } from "@/lib/projects-dto";
import type { UpdateGeneralSettingsInput } from "@/lib/schemas/settings";
import { ActionRefusal, type ChangeRecorder } from "@/lib/server/action";
import { recordConfigChange } from "@/lib/server/config-history";
import type { SettingsDTO } from "@/lib/settings-dto";
import type { StackClient } from "@/lib/stack/client";
import { configValue, getRenderedConfig } from "@/lib/stack/config-override";
import { isRouteMissing } from "@/lib/stack/errors";
import { listPermissionDefinitions } from "@/lib/stack/permissions";
import { getAdminProject, updateAdminProject, type OAuthProviderWrite, type UpdateProjectBody, type UpdateProjectConfigBody } from "@/lib/stack/project";
import type { StackAdminProject } from "@/lib/stack/schemas";
import { compact } from "@/lib/stack/util";


const ids = (refs: { id: string }[]) => refs.map((r) => r.id);

/** Values the legacy `config` object does not carry, read from the layered config (null: this release has none). */
export type LayeredExtras = { requireEmailVerification: boolean | null };
const NO_EXTRAS: LayeredExtras = { requireEmailVerification: null };

/**
 * The admin project (`projectsCrudAdminReadSchema`) as the settings page shows it. Each field is
 * picked by name, so a secret the server sends (`client_secret`, the SMTP `password`) or any
 * field added later never reaches the browser.
 */
export function toSettingsDTO(p: StackAdminProject, environment: ProjectEnvironment | null, extras: LayeredExtras = NO_EXTRAS): SettingsDTO {
  const c = p.config;
  const mail = c.email_config;
  const own = mail.type === "standard";
  return {
    general: {
      displayName: p.display_name,
      description: p.description ?? "",
      projectId: p.id,
      environment,
      isProductionMode: p.is_production_mode,
    },
    signIn: {
      signUpEnabled: c.sign_up_enabled,
      password: c.credential_enabled,
      magicLink: c.magic_link_enabled,
      passkey: c.passkey_enabled,
      anonymousSignUp: null,
      requireEmailVerification: extras.requireEmailVerification,
      oauthAccountMergeStrategy: c.oauth_account_merge_strategy ?? null,
      allowUserApiKeys: c.allow_user_api_keys ?? null,
      allowTeamApiKeys: c.allow_team_api_keys ?? null,
    },
    // Old servers keep disabled providers listed with `enabled: false`: those cannot sign anyone in.
    oauthProviders: c.oauth_providers
      .filter((o) => o.enabled !== false)
      .map((o) => ({
        id: o.id,
        keys: o.type === "shared" ? "shared" : "own",
        clientId: o.type === "standard" ? (o.client_id ?? null) : null,
        microsoftTenantId: o.microsoft_tenant_id || null,
        facebookConfigId: o.facebook_config_id || null,
      })),
    domains: { allowLocalhost: c.allow_localhost, trusted: c.domains.map((d) => ({ domain: d.domain, handlerPath: d.handler_path })) },
    emails: {
      server: own ? "own" : "shared",
      host: own ? (mail.host ?? null) : null,
      port: own ? (mail.port ?? null) : null,
      username: own ? (mail.username ?? null) : null,
      senderName: own ? (mail.sender_name ?? null) : null,
      senderEmail: own ? (mail.sender_email ?? null) : null,
      themeId: c.email_theme ?? null,
    },
    teams: {
      createPersonalTeamOnSignUp: c.create_team_on_sign_up,
      clientTeamCreation: c.client_team_creation_enabled,
      clientUserDeletion: c.client_user_deletion_enabled,
      teamCreatorDefaultPermissions: ids(c.team_creator_default_permissions),
      teamMemberDefaultPermissions: ids(c.team_member_default_permissions),
      userDefaultPermissions: c.user_default_permissions ? ids(c.user_default_permissions) : null,
    },
  };
}

/**
 * `require_email_verification` is write-only in the legacy object; newer servers render it as
 * `onboarding.requireEmailVerification` of `GET /internal/config`. Releases without that route have no such setting.
 */
async function readExtras(client: StackClient): Promise<LayeredExtras> {
  try {
    const v = configValue(await getRenderedConfig(client), "onboarding.requireEmailVerification");
    return { requireEmailVerification: typeof v === "boolean" ? v : null };
  } catch (err) {
    if (isRouteMissing(err)) return NO_EXTRAS;
    throw err;
  }
}

async function readSettings(client: StackClient, project: ProjectSummary): Promise<{ raw: StackAdminProject; settings: SettingsDTO }> {
  const [raw, extras] = await Promise.all([getAdminProject(client), readExtras(client)]);
  return { raw, settings: toSettingsDTO(raw, project.environment, extras) };
}

export async function getSettings(client: StackClient, project: ProjectSummary): Promise<SettingsDTO> {
  return (await readSettings(client, project)).settings;
}

/** The legacy `config` write of a patch. Secrets the operator left empty are the ones the server already has. */
function toUpdateBody(raw: StackAdminProject, patch: SettingsPatch): UpdateProjectBody {
  const s = patch.signIn ?? {};
  const t = patch.teams ?? {};
  const d = patch.domains ?? {};
  const refs = (list: string[] | undefined) => list?.map((id) => ({ id }));
  const config: UpdateProjectConfigBody = {
    sign_up_enabled: s.signUpEnabled,
    credential_enabled: s.password,
    magic_link_enabled: s.magicLink,
    passkey_enabled: s.passkey,
    require_email_verification: s.requireEmailVerification,
    oauth_account_merge_strategy: s.oauthAccountMergeStrategy,
    allow_user_api_keys: s.allowUserApiKeys,
    allow_team_api_keys: s.allowTeamApiKeys,
    create_team_on_sign_up: t.createPersonalTeamOnSignUp,
    client_team_creation_enabled: t.clientTeamCreation,
    client_user_deletion_enabled: t.clientUserDeletion,
    team_creator_default_permissions: refs(t.teamCreatorDefaultPermissions),
    team_member_default_permissions: refs(t.teamMemberDefaultPermissions),
    user_default_permissions: refs(t.userDefaultPermissions),
    allow_localhost: d.allowLocalhost,
    domains: d.trusted?.map((x) => ({ domain: x.domain, handler_path: x.handlerPath })),
    oauth_providers: patch.oauthProviders ? providerWrites(raw, patch.oauthProviders) : undefined,
    email_config: patch.emails ? emailWrite(raw, patch.emails) : undefined,
    email_theme: patch.emailTheme,
  };
  const g = patch.general ?? {};
  return { display_name: g.displayName, description: g.description, config: compact(config) as UpdateProjectConfigBody };
}

function providerWrites(raw: StackAdminProject, list: NonNullable<SettingsPatch["oauthProviders"]>): OAuthProviderWrite[] {
  const existing = new Map(raw.config.oauth_providers.map((p) => [p.id, p]));
  // Old servers want every configured provider listed, each with `enabled` (they read it back too).
  const legacy = raw.config.oauth_providers.some((p) => p.enabled !== undefined);
  const out: OAuthProviderWrite[] = list.map((p) => {
    if (p.keys === "shared") return { id: p.id, type: "shared", ...(legacy ? { enabled: true } : {}) };
    const old = existing.get(p.id);
    const secret = p.clientSecret || (old?.type === "standard" ? old.client_secret : undefined);
    if (!secret) throw new ActionRefusal("INVALID_INPUT", `Enter the client secret of ${p.id}: the server has none to keep.`);
    return compact({
      id: p.id,
      type: "standard" as const,
      client_id: p.clientId,
      client_secret: secret,
      microsoft_tenant_id: p.id === "microsoft" && p.microsoftTenantId ? p.microsoftTenantId : undefined,
      facebook_config_id: p.id === "facebook" && p.facebookConfigId ? p.facebookConfigId : undefined,
      enabled: legacy ? true : undefined,
    }) as OAuthProviderWrite;
  });
  if (legacy) {
    const kept = new Set<string>(list.map((p) => p.id));
    for (const old of raw.config.oauth_providers) if (!kept.has(old.id)) out.push({ ...(compact(old) as OAuthProviderWrite), enabled: false });
  }
  return out;
}

function emailWrite(raw: StackAdminProject, e: NonNullable<SettingsPatch["emails"]>): UpdateProjectConfigBody["email_config"] {
  if (e.server === "shared") return { type: "shared" };
  const old = raw.config.email_config;
  const password = e.password || (old.type === "standard" ? old.password : undefined);
  if (!password) throw new ActionRefusal("INVALID_INPUT", "Enter the SMTP password: the server has none to keep.");
  return { type: "standard", host: e.host, port: e.port, username: e.username, password, sender_name: e.senderName, sender_email: e.senderEmail };
}

/** Did the patch change a secret? Secrets are no part of the DTO, so the diff alone cannot tell. */
function secretChanges(patch: SettingsPatch): string[] {
  const out = (patch.oauthProviders ?? []).filter((p) => p.keys === "own" && p.clientSecret).map((p) => `oauthProviders[${p.id}].clientSecret`);
  if (patch.emails?.server === "own" && patch.emails.password) out.push("emails.password");
  return out;
}

export type ConfigWrite = { before: SettingsDTO; after: SettingsDTO; changes: ConfigChange[]; dangerous: DangerousChange[] };

/**
 * THE one write of a project's configuration: every settings form, import, copy and rollback
 * goes through here. It re-reads the live config, predicts the result, classifies it
 * (lib/config/danger.ts) and, when anything is dangerous, checks the ONE typed confirmation
 * covering all of it before writing. Returns the config before and after, as the console shows it.
 */
export async function writeProjectConfig(client: StackClient, project: ProjectSummary, patch: SettingsPatch, recorder: ChangeRecorder): Promise<ConfigWrite> {
  const { raw, settings: before } = await readSettings(client, project);
  const predicted = applySettingsPatch(before, patch);
  const dangerous = classifyConfigChange(before, predicted);
  const rule = confirmationFor(dangerous, raw.display_name);
  const changes = diffConfig(before, predicted);
  const secrets = secretChanges(patch);
  recorder.audit(
    { type: "project", id: raw.id, label: raw.display_name },
    { fields: changes.map((c) => ({ path: c.path, kind: c.kind, from: c.before, to: c.after })), secretsReplaced: secrets, dangerous: dangerous.map((d) => d.summary) },
  );
  // Built first: a missing secret is refused before anyone is asked to confirm anything.
  const body = toUpdateBody(raw, patch);
  if (rule) recorder.confirm(rule.expected, rule.hint);
  if (changes.length === 0 && secrets.length === 0) return { before, after: before, changes, dangerous };
  await updateAdminProject(client, body);
  // Re-read rather than trust the PATCH answer: values of the layered config are not in it.
  const after = (await readSettings(client, project)).settings;
  // Every change made through the console lands in the project's config history. The change is
  // already applied (and audited by the wrapper), so a failed history write is logged, not thrown.
  await recordConfigChange(project, recorder.operator?.email ?? "console", before, after, "settings").catch((err: unknown) =>
    console.error(`[config-history] could not record a change of ${project.slug}`, err),
  );
  return { before, after, changes, dangerous };
}

/** Saves the General card: only the fields the form changed (the action validated them). */
export async function updateGeneralSettings(
  client: StackClient,
  project: ProjectSummary,
  input: UpdateGeneralSettingsInput,
  recorder: ChangeRecorder,
): Promise<Pick<SettingsDTO["general"], "displayName" | "description">> {
  const { after } = await writeProjectConfig(client, project, { general: input }, recorder);
  return { displayName: after.general.displayName, description: after.general.description };
}

/** The permission ids the Teams card offers: team definitions (with the `$…` system ones) and project ones ([NEW]; null where missing). */
export async function getPermissionOptions(client: StackClient): Promise<{ team: string[]; project: string[] | null }> {
  const [team, project] = await Promise.all([
    listPermissionDefinitions(client, "team"),
    listPermissionDefinitions(client, "project").catch((err: unknown) => {
      if (isRouteMissing(err)) return null;
      throw err;
    }),
  ]);
  return { team: team.map((d) => d.id), project: project?.map((d) => d.id) ?? null };
}
