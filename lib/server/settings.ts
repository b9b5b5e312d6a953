import "server-only";

import type { ProjectEnvironment, ProjectSummary } from "@/lib/projects-dto";
import type { UpdateGeneralSettingsInput } from "@/lib/schemas/settings";
import type { ChangeRecorder } from "@/lib/server/action";
import { recordConfigChange } from "@/lib/server/config-history";
import type { SettingsDTO } from "@/lib/settings-dto";
import type { StackClient } from "@/lib/stack/client";
import { getAdminProject, updateAdminProject } from "@/lib/stack/project";
import type { StackAdminProject } from "@/lib/stack/schemas";

const ids = (refs: { id: string }[]) => refs.map((r) => r.id);

/**
 * The admin project (`projectsCrudAdminReadSchema`) as the settings page shows it. Each field is
 * picked by name, so a secret the server sends (`client_secret`, the SMTP `password`) or any
 * field added later never reaches the browser.
 */
export function toSettingsDTO(p: StackAdminProject, environment: ProjectEnvironment | null): SettingsDTO {
  const c = p.config;
  const mail = c.email_config;
  const own = mail.type === "standard";
  // `require_email_verification` is not in every release's schema: read it only where present.
  const requireVerification = (c as { require_email_verification?: unknown }).require_email_verification;
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
      requireEmailVerification: typeof requireVerification === "boolean" ? requireVerification : null,
      oauthAccountMergeStrategy: c.oauth_account_merge_strategy ?? null,
      allowUserApiKeys: c.allow_user_api_keys ?? null,
      allowTeamApiKeys: c.allow_team_api_keys ?? null,
    },
    oauthProviders: c.oauth_providers.map((o) => ({
      id: o.id,
      keys: o.type === "shared" ? "shared" : "own",
      clientId: o.type === "standard" ? (o.client_id ?? null) : null,
      microsoftTenantId: o.microsoft_tenant_id ?? null,
      facebookConfigId: o.facebook_config_id ?? null,
    })),
    domains: { allowLocalhost: c.allow_localhost, trusted: c.domains.map((d) => ({ domain: d.domain, handlerPath: d.handler_path })) },
    emails: {
      server: own ? "own" : "shared",
      host: own ? (mail.host ?? null) : null,
      port: own ? (mail.port ?? null) : null,
      username: own ? (mail.username ?? null) : null,
      senderName: own ? (mail.sender_name ?? null) : null,
      senderEmail: own ? (mail.sender_email ?? null) : null,
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

export async function getSettings(client: StackClient, project: ProjectSummary): Promise<SettingsDTO> {
  return toSettingsDTO(await getAdminProject(client), project.environment);
}

/** Saves the General card: only the fields the form changed (the action validated them). */
export async function updateGeneralSettings(
  client: StackClient,
  input: UpdateGeneralSettingsInput,
  recorder: ChangeRecorder,
  history?: { project: ProjectSummary; operator: string },
): Promise<Pick<SettingsDTO["general"], "displayName" | "description">> {
  const before = await getAdminProject(client);
  const changes: Record<string, { from: string; to: string }> = {};
  if (input.displayName !== undefined && input.displayName !== before.display_name) changes.display_name = { from: before.display_name, to: input.displayName };
  if (input.description !== undefined && input.description !== (before.description ?? "")) changes.description = { from: before.description ?? "", to: input.description };
  recorder.audit({ type: "project", id: before.id, label: before.display_name }, changes);
  if (Object.keys(changes).length === 0) return { displayName: before.display_name, description: before.description ?? "" };
  const after = await updateAdminProject(client, {
    display_name: changes.display_name ? input.displayName : undefined,
    description: changes.description ? input.description : undefined,
  });
  if (history) await recordConfigChange(history.project, history.operator, toSettingsDTO(before, history.project.environment), toSettingsDTO(after, history.project.environment), "settings");
  return { displayName: after.display_name, description: after.description ?? "" };
}
