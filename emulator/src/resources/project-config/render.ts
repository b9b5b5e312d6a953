import { statements, type DB } from "../../db";
import { Errors } from "../../errors";
import { DEFAULT_EMAIL_THEME_ID, TEAM_SYSTEM_PERMISSION_IDS, readProjectConfig } from "../../project-bootstrap";
import { listEmailTemplates, listEmailThemes } from "./email-library";
import { bool, get, isObj, type Obj } from "./overrides";

// Read shapes rendered from the config model: projectsCrudAdminReadSchema (with the legacy
// `config` object), projectsCrudClientReadSchema and the full config of GET /internal/config.

type ProjectRow = {
  id: string;
  display_name: string;
  description: string;
  created_at_millis: number;
  is_production_mode: number;
  is_development_environment: number;
  owner_team_id: string | null;
  onboarding_status: string;
  onboarding_state_json: string | null;
  logo_url: string | null;
  logo_full_url: string | null;
  logo_dark_mode_url: string | null;
  logo_full_dark_mode_url: string | null;
  config_json: string;
};

function makeStatements(db: DB) {
  return {
    project: db.prepare("SELECT * FROM projects WHERE id = ?"),
    permissionDefs: db.prepare("SELECT scope, id, description, contained_json FROM permission_definitions WHERE project_id = ? ORDER BY id"),
    permissionIds: db.prepare("SELECT scope, id FROM permission_definitions WHERE project_id = ?"),
  };
}
const S = statements(makeStatements);


function renderOAuthProviders(cfg: Obj) {
  const providers = get(cfg, "auth.oauth.providers");
  const out: Obj[] = [];
  if (!isObj(providers)) return out;
  for (const [configId, p] of Object.entries(providers)) {
    if (!isObj(p) || p.allowSignIn === false) continue;
    const type = typeof p.type === "string" ? p.type : configId;
    const o: Obj = { provider_config_id: configId, id: type, type: p.isShared ? "shared" : "standard" };
    if (!p.isShared) {
      if (typeof p.clientId === "string") o.client_id = p.clientId;
      if (typeof p.clientSecret === "string") o.client_secret = p.clientSecret;
      if (typeof p.facebookConfigId === "string") o.facebook_config_id = p.facebookConfigId;
      if (typeof p.microsoftTenantId === "string") o.microsoft_tenant_id = p.microsoftTenantId;
      if (isObj(p.appleBundles)) {
        const ids = Object.values(p.appleBundles).flatMap((b) => (isObj(b) && typeof b.bundleId === "string" ? [b.bundleId] : []));
        if (ids.length) o.apple_bundle_ids = ids;
      }
    }
    out.push(o);
  }
  return out.sort((a, b) => String(a.id).localeCompare(String(b.id)) || String(a.provider_config_id).localeCompare(String(b.provider_config_id)));
}

function renderDomains(cfg: Obj) {
  const d = get(cfg, "domains.trustedDomains");
  if (!isObj(d)) return [];
  return Object.values(d)
    .filter((x): x is Obj => isObj(x) && typeof x.baseUrl === "string")
    .map((x) => ({ domain: x.baseUrl as string, handler_path: typeof x.handlerPath === "string" ? x.handlerPath : "/handler" }))
    .sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
}

function renderEmailConfig(cfg: Obj) {
  const s = get(cfg, "emails.server");
  if (!isObj(s) || s.isShared !== false) return { type: "shared" };
  return {
    type: "standard",
    host: s.host ?? null,
    port: s.port ?? null,
    username: s.username ?? null,
    password: s.password ?? null,
    sender_name: s.senderName ?? null,
    sender_email: s.senderEmail ?? null,
  };
}

function renderDefaultPermissions(cfg: Obj, path: string, existing: Set<string>) {
  const m = get(cfg, path);
  if (!isObj(m)) return [];
  return Object.keys(m)
    .filter((id) => m[id] === true && existing.has(id))
    .sort()
    .map((id) => ({ id }));
}

export function definitionIds(db: DB, projectId: string) {
  const team = new Set<string>(TEAM_SYSTEM_PERMISSION_IDS);
  const project = new Set<string>();
  for (const r of S(db).permissionIds.all(projectId) as { scope: string; id: string }[]) (r.scope === "team" ? team : project).add(r.id);
  return { team, project };
}

/** The legacy `config` object of the admin project, in a real 2.8.86 server's field order (REAL_PROJECT_CONFIG_KEYS in emulator/test/fidelity.test.ts). */
function renderLegacyConfig(db: DB, projectId: string, cfg: Obj) {
  const defs = definitionIds(db, projectId);
  const oauth = renderOAuthProviders(cfg);
  return {
    allow_localhost: bool(cfg, "domains.allowLocalhost", true),
    client_team_creation_enabled: bool(cfg, "teams.allowClientTeamCreation", false),
    client_user_deletion_enabled: bool(cfg, "users.allowClientUserDeletion", false),
    sign_up_enabled: bool(cfg, "auth.allowSignUp", true),
    oauth_account_merge_strategy: (get(cfg, "auth.oauth.accountMergeStrategy") as string | undefined) ?? "link_method",
    create_team_on_sign_up: bool(cfg, "teams.createPersonalTeamOnSignUp", false),
    credential_enabled: bool(cfg, "auth.password.allowSignIn", true),
    magic_link_enabled: bool(cfg, "auth.otp.allowSignIn", false),
    passkey_enabled: bool(cfg, "auth.passkey.allowSignIn", false),
    oauth_providers: oauth,
    enabled_oauth_providers: oauth.map((p) => ({ id: p.id })),
    domains: renderDomains(cfg),
    email_config: renderEmailConfig(cfg),
    email_theme: (get(cfg, "emails.selectedThemeId") as string | undefined) ?? DEFAULT_EMAIL_THEME_ID,
    team_creator_default_permissions: renderDefaultPermissions(cfg, "rbac.defaultPermissions.teamCreator", defs.team),
    team_member_default_permissions: renderDefaultPermissions(cfg, "rbac.defaultPermissions.teamMember", defs.team),
    user_default_permissions: renderDefaultPermissions(cfg, "rbac.defaultPermissions.signUp", defs.project),
    allow_user_api_keys: bool(cfg, "apiKeys.enabled.user", false),
    allow_team_api_keys: bool(cfg, "apiKeys.enabled.team", false),
  };
}

export function renderAdminProject(db: DB, projectId: string) {
  const p = S(db).project.get(projectId) as ProjectRow | undefined;
  if (!p) throw Errors.currentProjectNotFound(projectId);
  const cfg = JSON.parse(p.config_json) as Obj;
  const onboardingState = p.onboarding_state_json ? JSON.parse(p.onboarding_state_json) : null;
  return {
    id: p.id,
    display_name: p.display_name,
    description: p.description ?? "",
    logo_url: p.logo_url,
    logo_full_url: p.logo_full_url,
    logo_dark_mode_url: p.logo_dark_mode_url,
    logo_full_dark_mode_url: p.logo_full_dark_mode_url,
    created_at_millis: p.created_at_millis,
    is_production_mode: !!p.is_production_mode,
    is_development_environment: !!p.is_development_environment,
    owner_team_id: p.owner_team_id,
    onboarding_status: p.onboarding_status,
    ...(onboardingState !== null ? { onboarding_state: onboardingState } : {}),
    config: renderLegacyConfig(db, projectId, cfg),
  };
}

export function renderClientProject(db: DB, projectId: string) {
  const admin = renderAdminProject(db, projectId);
  const c = admin.config;
  return {
    id: admin.id,
    display_name: admin.display_name,
    config: {
      sign_up_enabled: c.sign_up_enabled,
      credential_enabled: c.credential_enabled,
      magic_link_enabled: c.magic_link_enabled,
      passkey_enabled: c.passkey_enabled,
      client_team_creation_enabled: c.client_team_creation_enabled,
      client_user_deletion_enabled: c.client_user_deletion_enabled,
      allow_localhost: c.allow_localhost,
      allow_user_api_keys: c.allow_user_api_keys,
      allow_team_api_keys: c.allow_team_api_keys,
      enabled_oauth_providers: c.enabled_oauth_providers,
      domains: c.domains,
    },
  };
}

/** The fully rendered config for `/internal/config`: the model + definitions + e-mail defaults. */
export function renderFullConfig(db: DB, projectId: string): Obj {
  const cfg: Obj = structuredClone(readProjectConfig(db, projectId));
  const permissions: Obj = {};
  for (const r of S(db).permissionDefs.all(projectId) as { scope: string; id: string; description: string | null; contained_json: string }[]) {
    const contained: Obj = {};
    for (const c of JSON.parse(r.contained_json) as string[]) contained[c] = true;
    permissions[r.id] = { ...(r.description !== null ? { description: r.description } : {}), scope: r.scope, containedPermissionIds: contained };
  }
  const rbac = isObj(cfg.rbac) ? cfg.rbac : {};
  cfg.rbac = { ...rbac, permissions };
  const emails = (isObj(cfg.emails) ? cfg.emails : {}) as Obj;
  const templates: Obj = {};
  for (const t of listEmailTemplates(cfg)) templates[t.id] = { displayName: t.display_name, tsxSource: t.tsx_source, ...(t.theme_id !== undefined ? { themeId: t.theme_id } : {}) };
  const themes: Obj = {};
  for (const t of listEmailThemes(cfg)) themes[t.id] = { displayName: t.display_name, tsxSource: t.tsx_source };
  cfg.emails = { ...emails, templates, themes };
  return cfg;
}
