import "server-only";

import type { z } from "zod";
import {
  CONSOLE_KEY_CONFIRMATION,
  expiresAtFor,
  NEVER_EXPIRES_AT,
  type ApiKeyOwner,
  type ApiKeyRow,
  type ApiKeySecretKind,
  type CreatedApiKey,
  type ApiKeysView,
} from "@/lib/api-keys-dto";
import { apiKeyLabel } from "@/lib/labels";
import type * as schemas from "@/lib/schemas/api-keys";
import { ActionRefusal, type ChangeRecorder } from "@/lib/server/action";
import { describeReadFailure, type ReadContext } from "@/lib/server/failure";
import * as stackProjectKeys from "@/lib/stack/api-keys";
import { getCapabilities } from "@/lib/stack/capabilities";
import type { StackClient } from "@/lib/stack/client";
import { StackHttpError } from "@/lib/stack/errors";
import type { StackProjectApiKey, StackTeamApiKey, StackUserApiKey } from "@/lib/stack/schemas";
import * as stackTeamKeys from "@/lib/stack/team-api-keys";
import * as stackUserKeys from "@/lib/stack/user-api-keys";

type In<S extends z.ZodType> = z.output<S>;

// ── DTO mappers ──────────────────────────────────────────────────────────────────────────────

export function toOwnedApiKeyRow(k: StackUserApiKey | StackTeamApiKey): ApiKeyRow {
  return {
    id: k.id,
    description: k.description,
    createdAt: k.created_at_millis,
    expiresAt: k.expires_at_millis ?? null,
    revokedAt: k.manually_revoked_at_millis ?? null,
    secrets: [{ kind: k.is_public ? "public" : "secret", lastFour: k.value.last_four }],
    isConsoleKey: false,
  };
}

const PROJECT_KINDS = ["publishable_client_key", "secret_server_key", "super_secret_admin_key"] as const;

export function toProjectApiKeyRow(k: StackProjectApiKey, isConsoleKey: boolean): ApiKeyRow {
  return {
    id: k.id,
    description: k.description,
    createdAt: k.created_at_millis,
    expiresAt: k.expires_at_millis,
    revokedAt: k.manually_revoked_at_millis ?? null,
    secrets: PROJECT_KINDS.flatMap((kind) => (k[kind] ? [{ kind, lastFour: k[kind].last_four }] : [])),
    isConsoleKey,
  };
}

// Stack answers plain text 400 until the project enables the key type (throwIfFeatureDisabled in
// Stack's api-keys handlers): "User API keys are not enabled for this project."
const isDisabledAnswer = (err: unknown): err is StackHttpError =>
  err instanceof StackHttpError && err.status === 400 && !err.hadKnownErrorHeader && /API keys are not enabled/i.test(err.text);

// ── User and team keys ───────────────────────────────────────────────────────────────────────

/** A user's or team's keys for its card: a note instead of an error when the project has them off. */
export async function listOwnedApiKeys(client: StackClient, owner: ApiKeyOwner, read: ReadContext): Promise<ApiKeysView> {
  try {
    if (!(await getCapabilities(client, client.projectSlug)).userApiKeys) return { status: "unsupported" };
    const keys = owner.type === "user" ? await stackUserKeys.listUserApiKeys(client, owner.id) : await stackTeamKeys.listTeamApiKeys(client, owner.id);
    return { status: "ok", keys: keys.map(toOwnedApiKeyRow), readAt: Date.now() };
  } catch (err) {
    if (isDisabledAnswer(err)) return { status: "disabled", message: err.text };
    const { code, message } = describeReadFailure(err, read);
    return { status: "error", code, message };
  }
}

function created(k: { id: string; description: string; expires_at_millis?: number | null; is_public: boolean }, value: string): CreatedApiKey {
  return { id: k.id, description: k.description, expiresAt: k.expires_at_millis ?? null, secrets: [{ kind: k.is_public ? "public" : "secret", value }] };
}

// The audit record names what was created, never the secret (the create answer is not recorded).
const createdChanges = (k: { description: string; expires_at_millis?: number | null }, kinds: string[]) => ({
  after: { description: k.description, expires_at_millis: k.expires_at_millis ?? null, kinds },
});

export async function createUserApiKey(client: StackClient, input: In<typeof schemas.createUserApiKeySchema>, rec: ChangeRecorder): Promise<CreatedApiKey> {
  const { value, ...key } = await stackUserKeys.createUserApiKey(client, input.userId, {
    description: input.description,
    expiresAtMillis: expiresAtFor(input.expiry, Date.now(), null),
  });
  rec.audit({ type: "user-api-key", id: key.id, label: apiKeyLabel(key) }, { user_id: key.user_id, ...createdChanges(key, [key.is_public ? "public" : "secret"]) });
  return created(key, value);
}

export async function createTeamApiKey(client: StackClient, input: In<typeof schemas.createTeamApiKeySchema>, rec: ChangeRecorder): Promise<CreatedApiKey> {
  const { value, ...key } = await stackTeamKeys.createTeamApiKey(client, input.teamId, {
    description: input.description,
    expiresAtMillis: expiresAtFor(input.expiry, Date.now(), null),
  });
  rec.audit({ type: "team-api-key", id: key.id, label: apiKeyLabel(key) }, { team_id: key.team_id, ...createdChanges(key, [key.is_public ? "public" : "secret"]) });
  return created(key, value);
}

const revokedChanges = (k: { manually_revoked_at_millis?: number | null }) => ({ before: { revoked: k.manually_revoked_at_millis != null }, after: { revoked: true } });

/** Revokes a user's key (dangerous): the typed description is checked against the key as Stack has it now. */
export async function revokeUserApiKey(client: StackClient, input: In<typeof schemas.revokeUserApiKeySchema>, rec: ChangeRecorder): Promise<{ revoked: string }> {
  const key = await stackUserKeys.getUserApiKey(client, input.userId, input.apiKeyId);
  rec.audit({ type: "user-api-key", id: key.id, label: apiKeyLabel(key) }, { user_id: key.user_id, ...revokedChanges(key) });
  rec.confirm(apiKeyLabel(key));
  await stackUserKeys.revokeUserApiKey(client, input.userId, key.id);
  return { revoked: key.id };
}

export async function revokeTeamApiKey(client: StackClient, input: In<typeof schemas.revokeTeamApiKeySchema>, rec: ChangeRecorder): Promise<{ revoked: string }> {
  const key = await stackTeamKeys.getTeamApiKey(client, input.teamId, input.apiKeyId);
  rec.audit({ type: "team-api-key", id: key.id, label: apiKeyLabel(key) }, { team_id: key.team_id, ...revokedChanges(key) });
  rec.confirm(apiKeyLabel(key));
  await stackTeamKeys.revokeTeamApiKey(client, input.teamId, key.id);
  return { revoked: key.id };
}

// ── Project key sets ─────────────────────────────────────────────────────────────────────────

export async function listProjectApiKeys(client: StackClient, read: ReadContext): Promise<ApiKeysView> {
  try {
    const sets = await stackProjectKeys.listProjectApiKeys(client);
    return { status: "ok", keys: sets.map((s) => toProjectApiKeyRow(s, stackProjectKeys.isConsoleKeySet(client, s))), readAt: Date.now() };
  } catch (err) {
    const { code, message } = describeReadFailure(err, read);
    return { status: "error", code, message };
  }
}

export async function createProjectApiKey(client: StackClient, input: In<typeof schemas.createProjectApiKeySchema>, rec: ChangeRecorder): Promise<CreatedApiKey> {
  const set = await stackProjectKeys.createProjectApiKey(client, {
    description: input.description,
    expires_at_millis: expiresAtFor(input.expiry, Date.now(), NEVER_EXPIRES_AT) ?? NEVER_EXPIRES_AT,
    has_publishable_client_key: input.publishableClientKey,
    has_secret_server_key: input.secretServerKey,
    has_super_secret_admin_key: input.superSecretAdminKey,
  });
  const secrets: CreatedApiKey["secrets"] = PROJECT_KINDS.flatMap((kind) => {
    const value = set[kind];
    return value ? [{ kind: kind as ApiKeySecretKind, value }] : [];
  });
  rec.audit(
    { type: "project-api-key", id: set.id, label: apiKeyLabel(set) },
    createdChanges(set, secrets.map((s) => s.kind)),
  );
  return { id: set.id, description: set.description, expiresAt: set.expires_at_millis, secrets };
}

async function readSetForRevoke(client: StackClient, apiKeyId: string, rec: ChangeRecorder) {
  const set = await stackProjectKeys.getProjectApiKey(client, apiKeyId);
  const isConsoleKey = stackProjectKeys.isConsoleKeySet(client, set);
  rec.audit({ type: "project-api-key", id: set.id, label: apiKeyLabel(set) }, { ...revokedChanges(set), used_by_console: isConsoleKey });
  return { set, isConsoleKey };
}

/**
 * Revokes a project key set (dangerous): the typed description is checked against the set as read
 * now. The console's own set is refused here: it needs the consequence typed (revokeConsoleApiKey).
 */
export async function revokeProjectApiKey(client: StackClient, input: In<typeof schemas.revokeProjectApiKeySchema>, rec: ChangeRecorder): Promise<{ revoked: string }> {
  const { set, isConsoleKey } = await readSetForRevoke(client, input.apiKeyId, rec);
  if (isConsoleKey) {
    throw new ActionRefusal("CONSOLE_KEY", `Stack Admin itself uses this key set. To revoke it, type “${CONSOLE_KEY_CONFIRMATION}” in its own confirmation.`);
  }
  rec.confirm(apiKeyLabel(set));
  await stackProjectKeys.revokeProjectApiKey(client, set.id);
  return { revoked: set.id };
}

/** Revokes the key set the console itself uses: only with the exact consequence typed. */
export async function revokeConsoleApiKey(client: StackClient, input: In<typeof schemas.revokeProjectApiKeySchema>, rec: ChangeRecorder): Promise<{ revoked: string }> {
  const { set, isConsoleKey } = await readSetForRevoke(client, input.apiKeyId, rec);
  if (!isConsoleKey) throw new ActionRefusal("NOT_CONSOLE_KEY", "The console does not use this key set: revoke it with its description.");
  rec.confirm(CONSOLE_KEY_CONFIRMATION);
  await stackProjectKeys.revokeProjectApiKey(client, set.id);
  return { revoked: set.id };
}
