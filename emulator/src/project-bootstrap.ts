import type { EmulatorConfig } from "./config";
import type { DB } from "./db";

export const DEFAULT_EMAIL_THEME_ID = "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac";

/** A new project's config, in the config-key model of CONTRACT §6.14. */
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

export const TEAM_SYSTEM_PERMISSION_IDS = [
  "$delete_team",
  "$invite_members",
  "$manage_api_keys",
  "$read_members",
  "$remove_members",
  "$update_team",
] as const;

/** Creates a project with the defaults newer servers give one (§6.9: team_member / team_admin). */
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
