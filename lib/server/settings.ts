import "server-only";

import crypto from "node:crypto";
import { classifyConfigChange, confirmationFor, type ConfirmationRule, type DangerousChange } from "@/lib/config/danger";
import { canonical, diffConfig, type ConfigChange } from "@/lib/config/diff";
import { comparable, toConfigBody } from "@/lib/config/document";
import { patchedConfigBody, type SettingsPatch } from "@/lib/config/patch";
import type { ProjectEnvironment, ProjectSummary } from "@/lib/projects-dto";
import type { ConfigBody } from "@/lib/schemas/config";
import type { UpdateGeneralSettingsInput } from "@/lib/schemas/settings";
import { ActionRefusal, type ChangeRecorder } from "@/lib/server/action";
import { noteConfigRead, recordConfigChange } from "@/lib/server/config-history";
import { planWrite } from "@/lib/server/config-write";
import type { SettingsDTO } from "@/lib/settings-dto";
import type { StackClient } from "@/lib/stack/client";
import { configValue, getRenderedConfig } from "@/lib/stack/config-override";
import { isRouteMissing } from "@/lib/stack/errors";
import { listPermissionDefinitions } from "@/lib/stack/permissions";
import { getAdminProject, updateAdminProject } from "@/lib/stack/project";
import type { StackAdminProject } from "@/lib/stack/schemas";

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

/** The live configuration: the raw project (secrets included, never sent on), as the console shows it, and as a document. */
export type LiveConfig = { raw: StackAdminProject; settings: SettingsDTO; body: ConfigBody };

/** THE read of a project's configuration: every page, export, diff and write starts from it. */
export async function readLiveConfig(client: StackClient, project: ProjectSummary): Promise<LiveConfig> {
  const [raw, extras] = await Promise.all([getAdminProject(client), readExtras(client)]);
  const settings = toSettingsDTO(raw, project.environment, extras);
  return { raw, settings, body: toConfigBody(settings) };
}

export async function getSettings(client: StackClient, project: ProjectSummary): Promise<SettingsDTO> {
  return (await readLiveConfig(client, project)).settings;
}

/** What a config change would do to the live config: the diff, its dangerous parts, the one value to type, a hash of it. */
export type ConfigPlan = { changes: ConfigChange[]; dangerous: DangerousChange[]; rule: ConfirmationRule | null; hash: string };

/**
 * Plans going from the live config to `target`. Write-only values are compared as "a new one is
 * set" (lib/config/document.ts), never by their text. `confirmAlways`: a whole-config apply asks for
 * the project's name even when nothing in it is dangerous.
 */
export function planConfigChange(project: ProjectSummary, live: LiveConfig, target: ConfigBody, confirmAlways = false): ConfigPlan {
  const changes = diffConfig(comparable(live.body), comparable(target));
  const dangerous = classifyConfigChange(live.body, target);
  const name = live.raw.display_name;
  const rule = confirmationFor(dangerous, name) ?? (confirmAlways ? { key: "applyConfig" as const, expected: name, hint: "the project's display name" } : null);
  const hash = crypto.createHash("sha256").update(JSON.stringify(canonical({ project: project.slug, projectId: project.projectId, changes }))).digest("hex");
  return { changes, dangerous, rule, hash };
}

export type ConfigChangeRequest = {
  /** The configuration wanted, given the live one just read. */
  target: (live: LiveConfig) => ConfigBody | Promise<ConfigBody>;
  /** What the history calls the change: "settings", "import", "copy from staging", "restore". */
  source: string;
  confirmAlways?: boolean;
  /** The hash of the diff the operator previewed: another diff is refused (PREVIEW_OUTDATED). */
  previewHash?: string;
};

export type ConfigWrite = { before: SettingsDTO; after: SettingsDTO; changes: ConfigChange[]; dangerous: DangerousChange[] };

const isSecretPath = (path: string) => path.endsWith(".clientSecret") || path === "emails.password";

function secretLabel(path: string): string {
  const provider = /^oauthProviders\[(.+)\]\.clientSecret$/.exec(path)?.[1];
  return provider ? `the client secret of ${provider}` : "the SMTP password";
}

/**
 * THE one write of a project's configuration: every settings card, the e-mail theme, import,
 * copy from another project and restore from history go through here. It re-reads the live
 * config (noting a change made elsewhere in the history), plans the change, audits it, refuses a
 * stale preview, a field the release lacks or a secret nobody has, checks the ONE typed
 * confirmation covering every dangerous part, writes one `PATCH`, re-reads, and stores the
 * before and after in the project's config history.
 */
export async function writeProjectConfig(client: StackClient, project: ProjectSummary, request: ConfigChangeRequest, recorder: ChangeRecorder): Promise<ConfigWrite> {
  const live = await readLiveConfig(client, project);
  await noteConfigRead(project, live.settings);
  const target = await request.target(live);
  const plan = planConfigChange(project, live, target, request.confirmAlways);
  const secrets = plan.changes.filter((c) => isSecretPath(c.path)).map((c) => c.path);
  recorder.audit(
    { type: "project", id: live.raw.id, label: live.raw.display_name },
    {
      source: request.source,
      fields: plan.changes.filter((c) => !isSecretPath(c.path)).map((c) => ({ path: c.path, kind: c.kind, from: c.before, to: c.after })),
      secretsReplaced: secrets,
      dangerous: plan.dangerous.map((d) => d.summary),
    },
  );
  if (request.previewHash !== undefined && request.previewHash !== plan.hash) {
    throw new ActionRefusal("PREVIEW_OUTDATED", "The live configuration changed since the preview: nothing was applied. Review the new diff and apply again.");
  }
  // Refused before anyone is asked to confirm anything.
  const { body, missingSecrets, unsupported } = planWrite(live.raw, live.body, target);
  if (unsupported.length > 0) throw new ActionRefusal("UNSUPPORTED_FIELD", `This Stack server's release has no ${unsupported.join(", ")}: leave ${unsupported.length > 1 ? "them" : "it"} null.`);
  if (missingSecrets.length > 0) throw new ActionRefusal("SECRET_REQUIRED", `Enter ${missingSecrets.map(secretLabel).join(" and ")}: the server has none to keep (exports never carry it).`);
  if (plan.rule) recorder.confirm(plan.rule.expected, plan.rule.hint);
  if (plan.changes.length === 0) return { before: live.settings, after: live.settings, changes: [], dangerous: [] };
  await updateAdminProject(client, body);
  // Re-read rather than trust the PATCH answer: values of the layered config are not in it.
  const after = (await readLiveConfig(client, project)).settings;
  // The change is applied (and audited by the wrapper): a failed history write is logged, not thrown.
  await recordConfigChange(project, recorder.operator?.email ?? "console", live.settings, after, request.source).catch((err: unknown) =>
    console.error(`[config-history] could not record a change of ${project.slug}`, err),
  );
  return { before: live.settings, after, changes: plan.changes, dangerous: plan.dangerous };
}

/** A settings card's save (only the groups it patches): the one write. */
export async function saveSettings(client: StackClient, project: ProjectSummary, patch: SettingsPatch, recorder: ChangeRecorder): Promise<ConfigWrite> {
  return writeProjectConfig(client, project, { source: "settings", target: (live) => patchedConfigBody(live.settings, patch) }, recorder);
}

/** Saves the General card: only the fields the form changed (the action validated them). */
export async function updateGeneralSettings(
  client: StackClient,
  project: ProjectSummary,
  input: UpdateGeneralSettingsInput,
  recorder: ChangeRecorder,
): Promise<Pick<SettingsDTO["general"], "displayName" | "description">> {
  const { after } = await saveSettings(client, project, { general: input }, recorder);
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
