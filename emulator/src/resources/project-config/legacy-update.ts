import crypto from "node:crypto";
import { z } from "zod";
import type { DB } from "../../db";
import { Errors, TextError } from "../../errors";
import { readProjectConfig } from "../../project-bootstrap";
import { s } from "../../validation";
import { listEmailThemes } from "./email-library";
import { get, isObj, patchOverride, type Obj } from "./overrides";
import { definitionIds } from "./render";

// PATCH /internal/projects/current: the body (projectsCrudAdminUpdateSchema, with the legacy
// `config` object) and its translation into config keys of the environment override.

/** Stack's standard OAuth provider types; the shared (development) keys exist for the first four only. */
export const OAUTH_PROVIDER_IDS = ["google", "github", "microsoft", "spotify", "facebook", "discord", "gitlab", "bitbucket", "linkedin", "apple", "x", "twitch"] as const;
export const SHARED_OAUTH_PROVIDER_IDS = ["google", "github", "microsoft", "spotify"];

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

export const projectUpdateBody = z.strictObject({
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
export type ProjectUpdate = z.infer<typeof projectUpdateBody>;


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
      // check at write time. The emulator checks, to protect operators (KnownErrors.InvalidSharedOAuthProviderId).
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

export function updateProject(db: DB, projectId: string, body: ProjectUpdate) {
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
