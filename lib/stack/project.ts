import "server-only";

import type { StackClient } from "@/lib/stack/client";
import { isRouteMissing } from "@/lib/stack/errors";
import { adminProjectSchema, type StackAdminProject } from "@/lib/stack/schemas";
import { compact } from "@/lib/stack/util";

/**
 * Admin project object + legacy config (`projectsCrudAdminReadSchema`). New servers serve it at
 * `/internal/projects/current`; Feb-2025 servers at `/projects/current`. We try the new path first and
 * fall back when the route is missing (plain-text 404), remembering the answer per server + project.
 */

const NEW_PATH = "/internal/projects/current";
const OLD_PATH = "/projects/current";
const legacyServers = new Set<string>();
const keyOf = (client: StackClient) => `${client.apiUrl}|${client.projectId}`;

async function withPathFallback<T>(client: StackClient, run: (path: string) => Promise<T>): Promise<T> {
  if (legacyServers.has(keyOf(client))) return run(OLD_PATH);
  try {
    return await run(NEW_PATH);
  } catch (err) {
    if (!isRouteMissing(err)) throw err;
    legacyServers.add(keyOf(client));
    return run(OLD_PATH);
  }
}

export async function getAdminProject(client: StackClient): Promise<StackAdminProject> {
  return withPathFallback(client, (path) =>
    client.request({ path, endpoint: `GET ${path}`, schema: adminProjectSchema }),
  );
}

export interface OAuthProviderWrite {
  id: string;
  type: "shared" | "standard";
  client_id?: string;
  client_secret?: string;
  facebook_config_id?: string;
  microsoft_tenant_id?: string;
  /** [NEW] */
  apple_bundle_ids?: string[];
  /** [OLD] servers require it on every listed provider. */
  enabled?: boolean;
}

export interface EmailConfigWrite {
  type: "shared" | "standard";
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  sender_name?: string;
  sender_email?: string;
}

/** `projectsCrudAdminUpdateSchema`'s `config`. Arrays replace the whole set; [NEW] fields are rejected by old servers. */
export interface UpdateProjectConfigBody {
  sign_up_enabled?: boolean;
  credential_enabled?: boolean;
  magic_link_enabled?: boolean;
  passkey_enabled?: boolean;
  client_team_creation_enabled?: boolean;
  client_user_deletion_enabled?: boolean;
  allow_localhost?: boolean;
  create_team_on_sign_up?: boolean;
  allow_user_api_keys?: boolean;
  allow_team_api_keys?: boolean;
  require_email_verification?: boolean;
  oauth_account_merge_strategy?: "link_method" | "raise_error" | "allow_duplicates";
  email_theme?: string;
  oauth_providers?: OAuthProviderWrite[];
  domains?: Array<{ domain: string; handler_path: string }>;
  email_config?: EmailConfigWrite;
  team_creator_default_permissions?: Array<{ id: string }>;
  team_member_default_permissions?: Array<{ id: string }>;
  user_default_permissions?: Array<{ id: string }>;
}

export interface UpdateProjectBody {
  display_name?: string;
  description?: string | null;
  is_production_mode?: boolean;
  logo_url?: string | null;
  logo_full_url?: string | null;
  logo_dark_mode_url?: string | null;
  logo_full_dark_mode_url?: string | null;
  config?: UpdateProjectConfigBody;
}

export async function updateAdminProject(client: StackClient, body: UpdateProjectBody): Promise<StackAdminProject> {
  const wire = compact({ ...body, config: body.config ? compact(body.config) : undefined });
  return withPathFallback(client, (path) =>
    client.request({ method: "PATCH", path, endpoint: `PATCH ${path}`, body: wire, schema: adminProjectSchema }),
  );
}

/** Test hook: forget which servers were detected as legacy. */
export function resetProjectPathCacheForTests(): void {
  legacyServers.clear();
}
