import crypto from "node:crypto";
import { z } from "zod";
import { statements, type DB } from "../db";
import { Errors, TextError } from "../errors";
import { DEFAULT_EMAIL_THEME_ID, TEAM_SYSTEM_PERMISSION_IDS, readProjectConfig } from "../project-bootstrap";
import { route, type EmulatorModule } from "../router";
import { s } from "../validation";

// Project configuration (CONTRACT §6.13, §6.14).
//
// ONE internal model: `projects.config_json` holds the rendered config in the config-key
// model of §6.14 (what auth.ts and the other modules read). It is rendered from layers:
//   base (the config the project was created with) ← project ← branch ← environment
// kept in `project_config_layers`. The legacy `config` object of the admin project, the
// client view and `/internal/config` are all rendered from that one model; the legacy
// PATCH writes into the environment override, like newer servers do.
// Overrides are stored in nested form (dotted keys expanded); `null` in an override removes
// the key from the rendered config.

export type Level = "project" | "branch" | "environment";
type Obj = Record<string, unknown>;

// ---------------------------------------------------------------------------------------
// Built-in e-mail themes and templates (part of the config defaults, §6.15.1)

export const BUILTIN_EMAIL_THEMES: { id: string; displayName: string; tsxSource: string }[] = [
  { id: DEFAULT_EMAIL_THEME_ID, displayName: "Default Light", tsxSource: themeSource("#ffffff", "#111827") },
  { id: "a0172b5d-cff0-463b-83bb-85124697373a", displayName: "Default Dark", tsxSource: themeSource("#111827", "#f9fafb") },
  { id: "c7e2d94f-8a1b-4e6d-b3f5-9d0a2e7c1b8f", displayName: "Default Colorful", tsxSource: themeSource("#eef2ff", "#312e81") },
];

function themeSource(bg: string, fg: string) {
  return `import { Html, Head, Tailwind, Body, Container } from '@react-email/components';

export function EmailTheme({ children }: { children: React.ReactNode }) {
  return (
    <Html>
      <Head />
      <Tailwind>
        <Body style={{ backgroundColor: "${bg}", color: "${fg}", fontFamily: "sans-serif" }}>
          <Container>{children}</Container>
        </Body>
      </Tailwind>
    </Html>
  );
}
`;
}

function templateSource(subject: string, heading: string, body: string) {
  return `import { type } from "arktype";
import { Button, Section, Text } from "@react-email/components";
import { Subject, NotificationCategory, Props } from "@stackframe/emails";

export const variablesSchema = type({});

export function EmailTemplate({ user, project }: Props<typeof variablesSchema.infer>) {
  return (
    <>
      <Subject value={\`${subject}\`} />
      <NotificationCategory value="Transactional" />
      <Section>
        <Text>${heading}</Text>
        <Text>${body}</Text>
      </Section>
    </>
  );
}
`;
}

export const BUILTIN_EMAIL_TEMPLATES: { id: string; displayName: string; tsxSource: string }[] = [
  { id: "e7d009ce-8d47-4528-b245-5bf119f2ffa3", displayName: "Email Verification", tsxSource: templateSource("Verify your email at ${project.displayName}", "Verify your email", "Click the button below to verify your email address.") },
  { id: "a70fb3a4-56c1-4e42-af25-49d25603abd0", displayName: "Password Reset", tsxSource: templateSource("Reset your password at ${project.displayName}", "Reset your password", "Click the button below to reset your password.") },
  { id: "822687fe-8d0a-4467-a0d1-416b6e639478", displayName: "Magic Link/OTP", tsxSource: templateSource("Sign in to ${project.displayName}", "Sign in", "Use the link or code below to sign in.") },
  { id: "e84de395-2076-4831-9c19-8e9a96a868e4", displayName: "Team Invitation", tsxSource: templateSource("You have been invited to join a team on ${project.displayName}", "Team invitation", "Click the button below to join the team.") },
  { id: "066dd73c-36da-4fd0-b6d6-ebf87683f8bc", displayName: "Sign In Invitation", tsxSource: templateSource("You have been invited to ${project.displayName}", "Sign-in invitation", "Click the button below to sign in.") },
  { id: "70372aee-0441-4d80-974c-2e858e40123a", displayName: "Payment Receipt", tsxSource: templateSource("Your receipt from ${project.displayName}", "Payment receipt", "Thank you for your purchase.") },
  { id: "f64b1afe-27ec-4a28-a277-7178f3261f9a", displayName: "Payment Failed", tsxSource: templateSource("Your payment to ${project.displayName} failed", "Payment failed", "We could not process your payment.") },
];

// ---------------------------------------------------------------------------------------
// Override algebra

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const clone = <T,>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** Expands dotted keys (`"a.b": 1` → `{a: {b: 1}}`) recursively; later keys win. */
export function expandDotted(o: Obj): Obj {
  const out: Obj = {};
  for (const [key, raw] of Object.entries(o)) {
    const value = isObj(raw) ? expandDotted(raw) : clone(raw);
    const parts = key.split(".");
    let cur = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      if (!isObj(cur[p])) cur[p] = {};
      cur = cur[p] as Obj;
    }
    const last = parts[parts.length - 1]!;
    if (isObj(value) && isObj(cur[last])) cur[last] = mergeOverrides(cur[last] as Obj, value);
    else cur[last] = value;
  }
  return out;
}

/** Merges two (nested) overrides; `b` wins, nulls are kept as removal markers. */
export function mergeOverrides(a: Obj, b: Obj): Obj {
  const out: Obj = clone(a);
  for (const [k, v] of Object.entries(b)) {
    if (isObj(v) && isObj(out[k])) out[k] = mergeOverrides(out[k] as Obj, v);
    else out[k] = clone(v);
  }
  return out;
}

/** Applies a nested override to a config: objects merge, `null` removes, anything else replaces. */
function applyOverride(config: Obj, override: Obj): Obj {
  const out: Obj = clone(config);
  for (const [k, v] of Object.entries(override)) {
    if (v === null) delete out[k];
    else if (isObj(v)) out[k] = applyOverride(isObj(out[k]) ? (out[k] as Obj) : {}, v);
    else out[k] = clone(v);
  }
  return out;
}

function removePath(o: Obj, dotted: string): Obj {
  const out = clone(o);
  const parts = dotted.split(".");
  let cur: Obj | undefined = out;
  for (let i = 0; i < parts.length - 1 && cur; i++) {
    const next: unknown = cur[parts[i]!];
    cur = isObj(next) ? next : undefined;
  }
  if (cur) delete cur[parts[parts.length - 1]!];
  return out;
}

// ---------------------------------------------------------------------------------------
// Storage

const migrations = [
  {
    id: "project-config-0001-layers",
    sql: `
CREATE TABLE project_config_layers (
  project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  base_json TEXT NOT NULL,
  project_json TEXT NOT NULL DEFAULT '{}',
  branch_json TEXT NOT NULL DEFAULT '{}',
  environment_json TEXT NOT NULL DEFAULT '{}',
  source_json TEXT NOT NULL DEFAULT '{"type":"unlinked"}'
);`,
  },
];

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
type LayersRow = { base_json: string; project_json: string; branch_json: string; environment_json: string; source_json: string };

function makeStatements(db: DB) {
  return {
    project: db.prepare("SELECT * FROM projects WHERE id = ?"),
    configJson: db.prepare("SELECT config_json FROM projects WHERE id = ?").pluck(),
    setConfigJson: db.prepare("UPDATE projects SET config_json = ? WHERE id = ?"),
    layers: db.prepare("SELECT base_json, project_json, branch_json, environment_json, source_json FROM project_config_layers WHERE project_id = ?"),
    insertLayers: db.prepare("INSERT INTO project_config_layers (project_id, base_json) VALUES (?, ?)"),
    setLevel: {
      project: db.prepare("UPDATE project_config_layers SET project_json = ? WHERE project_id = ?"),
      branch: db.prepare("UPDATE project_config_layers SET branch_json = ? WHERE project_id = ?"),
      environment: db.prepare("UPDATE project_config_layers SET environment_json = ? WHERE project_id = ?"),
    },
    setSource: db.prepare("UPDATE project_config_layers SET source_json = ? WHERE project_id = ?"),
    permissionDefs: db.prepare("SELECT scope, id, description, contained_json FROM permission_definitions WHERE project_id = ? ORDER BY id"),
    permissionIds: db.prepare("SELECT scope, id FROM permission_definitions WHERE project_id = ?"),
  };
}
const S = statements(makeStatements);


function loadLayers(db: DB, projectId: string) {
  const s = S(db);
  let row = s.layers.get(projectId) as LayersRow | undefined;
  if (!row) {
    const base = (s.configJson.get(projectId) as string | undefined) ?? "{}";
    s.insertLayers.run(projectId, base);
    row = { base_json: base, project_json: "{}", branch_json: "{}", environment_json: "{}", source_json: '{"type":"unlinked"}' };
  }
  return {
    base: JSON.parse(row.base_json) as Obj,
    project: JSON.parse(row.project_json) as Obj,
    branch: JSON.parse(row.branch_json) as Obj,
    environment: JSON.parse(row.environment_json) as Obj,
    source: JSON.parse(row.source_json) as Obj,
  };
}

export function getOverride(db: DB, projectId: string, level: Level): Obj {
  return db.transaction(() => loadLayers(db, projectId)[level])();
}

/** Replaces one level's override and re-renders config_json, in one transaction. */
export function setOverride(db: DB, projectId: string, level: Level, override: Obj) {
  db.transaction(() => {
    const layers = loadLayers(db, projectId);
    layers[level] = override;
    S(db).setLevel[level].run(JSON.stringify(override), projectId);
    const rendered = applyOverride(applyOverride(applyOverride(layers.base, layers.project), layers.branch), layers.environment);
    S(db).setConfigJson.run(JSON.stringify(rendered), projectId);
  })();
}

/** Merges `delta` (dotted or nested keys) into one level's override. */
export function patchOverride(db: DB, projectId: string, level: Level, delta: Obj) {
  db.transaction(() => {
    const current = loadLayers(db, projectId)[level];
    setOverride(db, projectId, level, mergeOverrides(current, expandDotted(delta)));
  })();
}

// ---------------------------------------------------------------------------------------
// Rendering

const get = (o: unknown, path: string): unknown => {
  let cur = o;
  for (const p of path.split(".")) {
    if (!isObj(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
};
const bool = (o: unknown, path: string, dflt: boolean) => {
  const v = get(o, path);
  return typeof v === "boolean" ? v : dflt;
};

export const SHARED_OAUTH_PROVIDER_IDS = ["google", "github", "microsoft", "spotify"];
export const OAUTH_PROVIDER_IDS = ["google", "github", "microsoft", "spotify", "facebook", "discord", "gitlab", "bitbucket", "linkedin", "apple", "x", "twitch"] as const;

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

function definitionIds(db: DB, projectId: string) {
  const team = new Set<string>(TEAM_SYSTEM_PERMISSION_IDS);
  const project = new Set<string>();
  for (const r of S(db).permissionIds.all(projectId) as { scope: string; id: string }[]) (r.scope === "team" ? team : project).add(r.id);
  return { team, project };
}

/** The legacy `config` object of the admin project (§6.13.2), field order of the real sample. */
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

/** The e-mail templates of a project (built-ins, then custom ones from the config). */
export function listEmailTemplates(cfg: Obj) {
  const saved = get(cfg, "emails.templates");
  const shared = !isObj(get(cfg, "emails.server")) || get(cfg, "emails.server.isShared") !== false;
  const out = new Map<string, { id: string; display_name: string; tsx_source: string; theme_id?: string | false }>();
  for (const t of BUILTIN_EMAIL_TEMPLATES) out.set(t.id, { id: t.id, display_name: t.displayName, tsx_source: t.tsxSource });
  if (!shared && isObj(saved)) {
    for (const [id, t] of Object.entries(saved)) {
      if (!isObj(t)) continue;
      const base = out.get(id);
      const entry: { id: string; display_name: string; tsx_source: string; theme_id?: string | false } = {
        id,
        display_name: typeof t.displayName === "string" ? t.displayName : (base?.display_name ?? "Untitled"),
        tsx_source: typeof t.tsxSource === "string" ? t.tsxSource : (base?.tsx_source ?? ""),
      };
      if (typeof t.themeId === "string" || t.themeId === false) entry.theme_id = t.themeId;
      out.set(id, entry);
    }
  }
  return [...out.values()];
}

/** The e-mail themes of a project (built-ins, then custom ones from the config). */
export function listEmailThemes(cfg: Obj) {
  const saved = get(cfg, "emails.themes");
  const out = new Map<string, { id: string; display_name: string; tsx_source: string }>();
  for (const t of BUILTIN_EMAIL_THEMES) out.set(t.id, { id: t.id, display_name: t.displayName, tsx_source: t.tsxSource });
  if (isObj(saved)) {
    for (const [id, t] of Object.entries(saved)) {
      if (!isObj(t)) continue;
      const base = out.get(id);
      out.set(id, {
        id,
        display_name: typeof t.displayName === "string" ? t.displayName : (base?.display_name ?? "Untitled"),
        tsx_source: typeof t.tsxSource === "string" ? t.tsxSource : (base?.tsx_source ?? ""),
      });
    }
  }
  return [...out.values()];
}

export function isSharedEmailServer(cfg: Obj) {
  return get(cfg, "emails.server.isShared") !== false;
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

// ---------------------------------------------------------------------------------------
// Legacy PATCH → config keys (§6.13.3, mapping table of §6.14)

const oauthProviderWrite = z
  .strictObject({
    id: z.enum(OAUTH_PROVIDER_IDS),
    type: z.enum(["shared", "standard"]),
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
    facebook_config_id: z.string().optional(),
    microsoft_tenant_id: z.string().optional(),
    apple_bundle_ids: z.array(z.string()).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.type !== "standard") return;
    for (const f of ["client_id", "client_secret"] as const) {
      if (p[f] === undefined || p[f] === "") ctx.addIssue({ code: "custom", path: [f], message: "must be defined and non-empty" });
    }
  });

const emailConfigWrite = z
  .strictObject({
    type: z.enum(["shared", "standard"]),
    host: z.string().optional(),
    port: z.number().int().min(0).max(65535).optional(),
    username: z.string().optional(),
    password: z.string().max(70).optional(),
    sender_name: z.string().optional(),
    sender_email: z.string().email().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type !== "standard") return;
    for (const f of ["host", "port", "username", "password", "sender_name", "sender_email"] as const) {
      if (e[f] === undefined || e[f] === "") ctx.addIssue({ code: "custom", path: [f], message: "must be defined and non-empty" });
    }
  });

const domainWrite = z.strictObject({
  domain: z.string().regex(/^https?:\/\//, { message: "URL must start with http:// or https://" }).refine((v) => {
    try {
      new URL(v.replace(/\*/g, "wildcard"));
      return true;
    } catch {
      return false;
    }
  }, { message: "must be a valid URL" }),
  handler_path: z.string().regex(/^\//, { message: "must start with /" }),
});

const permissionList = z.array(z.strictObject({ id: z.string() }));

const onboardingStatuses = ["config_choice", "apps_selection", "auth_setup", "domain_setup", "email_theme_setup", "payments_setup", "welcome", "completed"] as const;

const projectUpdateBody = z.strictObject({
  display_name: z.string().optional(),
  description: z.string().nullable().optional(),
  logo_url: s.imageUrl().nullable().optional(),
  logo_full_url: s.imageUrl().nullable().optional(),
  logo_dark_mode_url: s.imageUrl().nullable().optional(),
  logo_full_dark_mode_url: s.imageUrl().nullable().optional(),
  is_production_mode: z.boolean().optional(),
  onboarding_status: z.enum(onboardingStatuses).optional(),
  onboarding_state: z
    .strictObject({
      selected_config_choice: z.enum(["create-new", "link-existing"]),
      selected_apps: z.array(z.string()),
      selected_sign_in_methods: z.array(z.enum(["credential", "magicLink", "passkey", "google", "github", "microsoft"])),
      selected_email_theme_id: z.string().nullable(),
      selected_payments_country: z.enum(["US", "OTHER"]),
    })
    .nullable()
    .optional(),
  config: z
    .strictObject({
      sign_up_enabled: z.boolean().optional(),
      credential_enabled: z.boolean().optional(),
      magic_link_enabled: z.boolean().optional(),
      passkey_enabled: z.boolean().optional(),
      client_team_creation_enabled: z.boolean().optional(),
      client_user_deletion_enabled: z.boolean().optional(),
      allow_localhost: z.boolean().optional(),
      allow_user_api_keys: z.boolean().optional(),
      allow_team_api_keys: z.boolean().optional(),
      email_config: emailConfigWrite.optional(),
      email_theme: z.string().uuid().optional(),
      domains: z.array(domainWrite).optional(),
      oauth_providers: z.array(oauthProviderWrite).optional(),
      create_team_on_sign_up: z.boolean().optional(),
      team_creator_default_permissions: permissionList.optional(),
      team_member_default_permissions: permissionList.optional(),
      user_default_permissions: permissionList.optional(),
      oauth_account_merge_strategy: z.enum(["link_method", "raise_error", "allow_duplicates"]).optional(),
      require_email_verification: z.boolean().optional(),
    })
    .optional(),
});
type ProjectUpdate = z.infer<typeof projectUpdateBody>;


/** Translates a legacy PATCH `config` into a nested environment-override delta. */
function legacyConfigToOverride(db: DB, projectId: string, c: NonNullable<ProjectUpdate["config"]>): Obj {
  const current = readProjectConfig(db, projectId);
  const o: Obj = {};
  const set = (path: string, v: unknown) => {
    if (v !== undefined) o[path] = v;
  };
  set("auth.allowSignUp", c.sign_up_enabled);
  set("auth.password.allowSignIn", c.credential_enabled);
  set("auth.otp.allowSignIn", c.magic_link_enabled);
  set("auth.passkey.allowSignIn", c.passkey_enabled);
  set("teams.allowClientTeamCreation", c.client_team_creation_enabled);
  set("users.allowClientUserDeletion", c.client_user_deletion_enabled);
  set("domains.allowLocalhost", c.allow_localhost);
  set("apiKeys.enabled.user", c.allow_user_api_keys);
  set("apiKeys.enabled.team", c.allow_team_api_keys);
  set("teams.createPersonalTeamOnSignUp", c.create_team_on_sign_up);
  set("auth.oauth.accountMergeStrategy", c.oauth_account_merge_strategy);
  set("onboarding.requireEmailVerification", c.require_email_verification);

  if (c.email_theme !== undefined) {
    if (!listEmailThemes(current).some((t) => t.id === c.email_theme)) {
      throw new TextError(400, `Email theme ${c.email_theme} does not exist.`);
    }
    set("emails.selectedThemeId", c.email_theme);
  }

  if (c.email_config !== undefined) {
    const e = c.email_config;
    set(
      "emails.server",
      e.type === "shared"
        ? { isShared: true, host: null, port: null, username: null, password: null, senderName: null, senderEmail: null }
        : { isShared: false, provider: "smtp", host: e.host, port: e.port, username: e.username, password: e.password, senderName: e.sender_name, senderEmail: e.sender_email },
    );
  }

  const defs = definitionIds(db, projectId);
  const perms = (list: { id: string }[] | undefined, path: string, existing: Set<string>, scope: string) => {
    if (list === undefined) return;
    const m: Obj = {};
    const oldMap = get(current, path);
    if (isObj(oldMap)) for (const k of Object.keys(oldMap)) m[k] = null;
    for (const { id } of list) {
      if (!existing.has(id)) throw new TextError(400, `Permission with ID "${id}" does not exist in the ${scope} scope.`);
      m[id] = true;
    }
    set(path, m);
  };
  perms(c.team_creator_default_permissions, "rbac.defaultPermissions.teamCreator", defs.team, "team");
  perms(c.team_member_default_permissions, "rbac.defaultPermissions.teamMember", defs.team, "team");
  perms(c.user_default_permissions, "rbac.defaultPermissions.signUp", defs.project, "project");

  if (c.domains !== undefined) {
    const m: Obj = {};
    const old = get(current, "domains.trustedDomains");
    if (isObj(old)) for (const k of Object.keys(old)) m[k] = null;
    for (const d of c.domains) m[crypto.randomUUID()] = { baseUrl: d.domain, handlerPath: d.handler_path };
    set("domains.trustedDomains", m);
  }

  if (c.oauth_providers !== undefined) {
    // Newer servers: the list replaces the set (providers not listed are removed).
    const seen = new Set<string>();
    for (const p of c.oauth_providers) {
      if (seen.has(p.id)) throw new TextError(400, `Duplicate OAuth provider ID: ${p.id}`);
      seen.add(p.id);
      // Old servers reject shared keys for providers that have none; newer servers do not
      // check at write time. The emulator checks, to protect operators (CONTRACT §6.13.4).
      if (p.type === "shared" && !SHARED_OAUTH_PROVIDER_IDS.includes(p.id)) throw Errors.invalidSharedOAuthProviderId(p.id);
    }
    const m: Obj = {};
    const old = get(current, "auth.oauth.providers");
    if (isObj(old)) for (const k of Object.keys(old)) m[k] = null;
    for (const p of c.oauth_providers) {
      const prov: Obj = { type: p.id, isShared: p.type === "shared", allowSignIn: true, allowConnectedAccounts: true };
      if (p.type === "standard") {
        prov.clientId = p.client_id;
        prov.clientSecret = p.client_secret;
        if (p.facebook_config_id !== undefined) prov.facebookConfigId = p.facebook_config_id;
        if (p.microsoft_tenant_id !== undefined) prov.microsoftTenantId = p.microsoft_tenant_id;
        if (p.apple_bundle_ids !== undefined) {
          const bundles: Obj = {};
          for (const b of p.apple_bundle_ids) bundles[crypto.randomUUID()] = { bundleId: b };
          prov.appleBundles = bundles;
        }
      }
      m[p.id] = prov;
    }
    set("auth.oauth.providers", m);
  }
  return o;
}

function updateProject(db: DB, projectId: string, body: ProjectUpdate) {
  db.transaction(() => {
    if (body.config) {
      const delta = legacyConfigToOverride(db, projectId, body.config);
      if (Object.keys(delta).length > 0) patchOverride(db, projectId, "environment", delta);
    }
    const cols: [string, unknown][] = [];
    if (body.display_name !== undefined) cols.push(["display_name", body.display_name]);
    if (body.description !== undefined) cols.push(["description", body.description ?? ""]);
    for (const k of ["logo_url", "logo_full_url", "logo_dark_mode_url", "logo_full_dark_mode_url"] as const) {
      if (body[k] !== undefined) cols.push([k, body[k]]);
    }
    if (body.is_production_mode !== undefined) cols.push(["is_production_mode", body.is_production_mode ? 1 : 0]);
    if (body.onboarding_status !== undefined) cols.push(["onboarding_status", body.onboarding_status]);
    if (body.onboarding_state !== undefined) cols.push(["onboarding_state_json", body.onboarding_state === null ? null : JSON.stringify(body.onboarding_state)]);
    if (cols.length > 0) {
      db.prepare(`UPDATE projects SET ${cols.map(([c]) => `${c} = ?`).join(", ")} WHERE id = ?`).run(...cols.map(([, v]) => v), projectId);
    }
  })();
}

/** Deletes a project with everything that belongs to it (cascades + every table with a project_id). */
export function deleteProject(db: DB, projectId: string) {
  db.transaction(() => {
    db.prepare("DELETE FROM projects WHERE id = ?").run(projectId);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'projects'")
      .pluck()
      .all() as string[];
    for (const t of tables) {
      const cols = db.prepare(`PRAGMA table_info("${t.replace(/"/g, '""')}")`).all() as { name: string }[];
      if (cols.some((c) => c.name === "project_id")) db.prepare(`DELETE FROM "${t.replace(/"/g, '""')}" WHERE project_id = ?`).run(projectId);
    }
  })();
}

// ---------------------------------------------------------------------------------------
// Routes

const levelParams = z.strictObject({ level: z.enum(["project", "branch", "environment"]) });
const resetLevelParams = z.strictObject({ level: z.enum(["branch", "environment"]) });

function parseConfigString(s: string): Obj {
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    throw new TextError(400, "Invalid config JSON");
  }
  if (!isObj(v)) throw new TextError(400, "Config override must be a JSON object");
  return v;
}

function assertServerLevel(accessType: string, level: Level) {
  if (accessType === "server" && level !== "branch") throw new TextError(403, "Server access can only manage branch config overrides.");
}

const sourceSchema = z.union([
  z.strictObject({
    type: z.literal("pushed-from-github"),
    owner: z.string(),
    repo: z.string(),
    branch: z.string(),
    commit_hash: z.string(),
    config_file_path: z.string(),
    workflow_path: z.string().optional(),
  }),
  z.strictObject({ type: z.literal("pushed-from-unknown") }),
  z.strictObject({ type: z.literal("unlinked") }),
]);

export const projectConfigModule: EmulatorModule = {
  name: "project-config",
  migrations,
  routes: [
    route({
      method: "GET",
      path: "/internal/projects/current",
      access: ["admin"],
      handler: ({ auth, services }) => renderAdminProject(services.db, auth.projectId),
    }),
    route({
      method: "PATCH",
      path: "/internal/projects/current",
      access: ["admin"],
      body: projectUpdateBody,
      handler: ({ auth, body, services }) => {
        updateProject(services.db, auth.projectId, body);
        return renderAdminProject(services.db, auth.projectId);
      },
    }),
    route({
      method: "DELETE",
      path: "/internal/projects/current",
      access: ["admin"],
      handler: ({ auth, services }) => {
        deleteProject(services.db, auth.projectId);
        return { success: true };
      },
    }),
    route({
      method: "GET",
      path: "/projects/current",
      access: ["client", "server", "admin"],
      handler: ({ auth, services }) => renderClientProject(services.db, auth.projectId),
    }),
    route({
      method: "GET",
      path: "/internal/config",
      access: ["admin"],
      handler: ({ auth, services }) => ({ config_string: JSON.stringify(renderFullConfig(services.db, auth.projectId)) }),
    }),
    route({
      method: "GET",
      path: "/internal/config/override/:level",
      access: ["server", "admin"],
      params: levelParams,
      handler: ({ auth, params, services }) => {
        assertServerLevel(auth.accessType, params.level);
        return { config_string: JSON.stringify(getOverride(services.db, auth.projectId, params.level)) };
      },
    }),
    route({
      method: "PUT",
      path: "/internal/config/override/:level",
      access: ["server", "admin"],
      params: levelParams,
      body: z.strictObject({ config_string: z.string(), source: sourceSchema.optional() }),
      handler: ({ auth, params, body, services }) => {
        assertServerLevel(auth.accessType, params.level);
        const parsed = parseConfigString(body.config_string);
        if (params.level === "branch" && !body.source) throw new TextError(400, "source is required for branch level config");
        const db = services.db;
        db.transaction(() => {
          setOverride(db, auth.projectId, params.level, expandDotted(parsed));
          if (params.level === "branch" && body.source) S(db).setSource.run(JSON.stringify(body.source), auth.projectId);
        })();
        return { success: true };
      },
    }),
    route({
      method: "PATCH",
      path: "/internal/config/override/:level",
      access: ["server", "admin"],
      params: levelParams,
      body: z.strictObject({ config_override_string: z.string() }),
      handler: ({ auth, params, body, services }) => {
        assertServerLevel(auth.accessType, params.level);
        patchOverride(services.db, auth.projectId, params.level, parseConfigString(body.config_override_string));
        return { success: true };
      },
    }),
    route({
      method: "POST",
      path: "/internal/config/override/:level/reset-keys",
      access: ["server", "admin"],
      params: resetLevelParams,
      body: z.strictObject({ keys: z.array(z.string()) }),
      handler: ({ auth, params, body, services }) => {
        assertServerLevel(auth.accessType, params.level);
        const db = services.db;
        db.transaction(() => {
          let o = getOverride(db, auth.projectId, params.level);
          for (const k of body.keys) o = removePath(o, k);
          setOverride(db, auth.projectId, params.level, o);
        })();
        return { success: true };
      },
    }),
    route({
      method: "GET",
      path: "/internal/config/source",
      access: ["server", "admin"],
      handler: ({ auth, services }) => {
        const db = services.db;
        return { source: db.transaction(() => loadLayers(db, auth.projectId).source)() };
      },
    }),
    route({
      method: "DELETE",
      path: "/internal/config/source",
      access: ["server", "admin"],
      handler: ({ auth, services }) => {
        const db = services.db;
        db.transaction(() => {
          loadLayers(db, auth.projectId);
          S(db).setSource.run(JSON.stringify({ type: "unlinked" }), auth.projectId);
        })();
        return { success: true };
      },
    }),
  ],
};
