import type { EmulatorConfig } from "./config";
import { statements, type DB } from "./db";

export const DEFAULT_EMAIL_THEME_ID = "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac";

/** A new project's config, in the config keys of stack-shared's environmentConfigSchema. */
export function defaultProjectConfig() {
  return {
    project: { requirePublishableClientKey: true },
    auth: {
      allowSignUp: true,
      password: { allowSignIn: true },
      otp: { allowSignIn: false },
      passkey: { allowSignIn: false },
      oauth: { accountMergeStrategy: "link_method", providers: {} as Record<string, unknown> },
    },
    users: { allowClientUserDeletion: false },
    teams: { allowClientTeamCreation: false, createPersonalTeamOnSignUp: false },
    domains: { allowLocalhost: true, trustedDomains: {} as Record<string, { baseUrl: string; handlerPath: string }> },
    apiKeys: { enabled: { user: false, team: false } },
    emails: {
      server: { isShared: true } as Record<string, unknown>,
      selectedThemeId: DEFAULT_EMAIL_THEME_ID,
      templates: {} as Record<string, unknown>,
      themes: {} as Record<string, unknown>,
    },
    rbac: {
      defaultPermissions: {
        teamCreator: { team_admin: true } as Record<string, boolean>,
        teamMember: { team_member: true } as Record<string, boolean>,
        signUp: {} as Record<string, boolean>,
      },
    },
    onboarding: { requireEmailVerification: false },
  };
}
export type ProjectConfigModel = ReturnType<typeof defaultProjectConfig>;

/**
 * A project's rendered config (`projects.config_json`) as the modules read it: every key
 * optional, since overrides may remove any of them.
 */
export type ProjectConfig = {
  project?: { requirePublishableClientKey?: boolean };
  auth?: {
    allowSignUp?: boolean;
    password?: { allowSignIn?: boolean };
    otp?: { allowSignIn?: boolean };
    passkey?: { allowSignIn?: boolean };
    oauth?: { accountMergeStrategy?: string; providers?: Record<string, unknown> };
  };
  users?: { allowClientUserDeletion?: boolean };
  teams?: { allowClientTeamCreation?: boolean; createPersonalTeamOnSignUp?: boolean };
  domains?: { allowLocalhost?: boolean; trustedDomains?: Record<string, { baseUrl?: string; handlerPath?: string } | null> };
  apiKeys?: { enabled?: { user?: boolean; team?: boolean } };
  emails?: { server?: Record<string, unknown>; selectedThemeId?: string; templates?: Record<string, unknown>; themes?: Record<string, unknown> };
  rbac?: { defaultPermissions?: { teamCreator?: Record<string, boolean>; teamMember?: Record<string, boolean>; signUp?: Record<string, boolean> } };
  onboarding?: { requireEmailVerification?: boolean };
  [key: string]: unknown;
};

function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

// Parsed configs, re-parsed only when the stored JSON text changes (every request reads one).
const configCache = new WeakMap<DB, Map<string, { raw: string; parsed: ProjectConfig }>>();
const configJsonStmt = statements((db) => db.prepare("SELECT config_json FROM projects WHERE id = ?").pluck());

/**
 * The rendered config of a project (`{}` for an unknown project). The one way every module
 * reads project settings. The result is shared and frozen: copy it (structuredClone) to change it.
 */
export function readProjectConfig(db: DB, projectId: string): ProjectConfig {
  const raw = configJsonStmt(db).get(projectId) as string | undefined;
  if (raw === undefined) return {};
  let m = configCache.get(db);
  if (!m) configCache.set(db, (m = new Map()));
  const hit = m.get(projectId);
  if (hit && hit.raw === raw) return hit.parsed;
  const parsed = deepFreeze(JSON.parse(raw) as ProjectConfig);
  m.set(projectId, { raw, parsed });
  return parsed;
}

export const TEAM_SYSTEM_PERMISSION_IDS = [
  "$delete_team",
  "$invite_members",
  "$manage_api_keys",
  "$read_members",
  "$remove_members",
  "$update_team",
] as const;

/** Creates a project with the defaults newer servers give one (team permission definitions team_member / team_admin). */
export function createProject(
  db: DB,
  p: { id: string; displayName: string; description?: string; createdAtMillis?: number },
) {
  const now = p.createdAtMillis ?? Date.now();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO projects (id, display_name, description, created_at_millis, config_json) VALUES (?, ?, ?, ?, ?)`,
    ).run(p.id, p.displayName, p.description ?? "", now, JSON.stringify(defaultProjectConfig()));
    const def = db.prepare(
      `INSERT INTO permission_definitions (project_id, scope, id, description, contained_json, created_at_millis) VALUES (?, 'team', ?, ?, ?, ?)`,
    );
    def.run(p.id, "team_member", "Default permission for team members", JSON.stringify(["$invite_members", "$read_members"]), now);
    def.run(p.id, "team_admin", "Default permission for team creators", JSON.stringify([...TEAM_SYSTEM_PERMISSION_IDS]), now);
  })();
}

export const DEMO_KEY_SET_ID = "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70";

/**
 * The deterministic demo project of issue #2: id and keys from env (documented defaults).
 * If the env keys change between runs, the seeded key set follows them.
 */
export function ensureDemoProject(db: DB, config: EmulatorConfig) {
  const exists = db.prepare("SELECT 1 FROM projects WHERE id = ?").get(config.projectId);
  if (!exists) createProject(db, { id: config.projectId, displayName: "Demo project", description: "Seeded by the Stack Auth emulator" });
  const keySetId = config.projectId === "6f4f1b9c-3a0e-4c55-9f2e-8d1e2b7a4c10" ? DEMO_KEY_SET_ID : undefined;
  const existing = db
    .prepare("SELECT id FROM api_key_sets WHERE project_id = ? AND description = 'Emulator demo keys'")
    .get(config.projectId) as { id: string } | undefined;
  // Other key sets of any project may hold a previously configured value: free it first.
  db.transaction(() => {
    db.prepare(
      `UPDATE api_key_sets SET publishable_client_key = NULL WHERE publishable_client_key = ? AND id IS NOT ?`,
    ).run(config.publishableClientKey, existing?.id ?? null);
    db.prepare(`UPDATE api_key_sets SET secret_server_key = NULL WHERE secret_server_key = ? AND id IS NOT ?`).run(
      config.secretServerKey,
      existing?.id ?? null,
    );
    db.prepare(`UPDATE api_key_sets SET super_secret_admin_key = NULL WHERE super_secret_admin_key = ? AND id IS NOT ?`).run(
      config.superSecretAdminKey,
      existing?.id ?? null,
    );
    if (existing) {
      db.prepare(
        `UPDATE api_key_sets SET publishable_client_key = ?, secret_server_key = ?, super_secret_admin_key = ?, manually_revoked_at_millis = NULL, expires_at_millis = ? WHERE id = ?`,
      ).run(config.publishableClientKey, config.secretServerKey, config.superSecretAdminKey, 4102444800000, existing.id);
    } else {
      db.prepare(
        `INSERT INTO api_key_sets (id, project_id, description, created_at_millis, expires_at_millis, publishable_client_key, secret_server_key, super_secret_admin_key)
         VALUES (?, ?, 'Emulator demo keys', ?, 4102444800000, ?, ?, ?)`,
      ).run(keySetId ?? crypto.randomUUID(), config.projectId, Date.now(), config.publishableClientKey, config.secretServerKey, config.superSecretAdminKey);
    }
  })();
}
