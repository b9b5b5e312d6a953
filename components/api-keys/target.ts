import {
  createProjectApiKeyAction,
  createTeamApiKeyAction,
  createUserApiKeyAction,
  revokeConsoleApiKeyAction,
  revokeProjectApiKeyAction,
  revokeTeamApiKeyAction,
  revokeUserApiKeyAction,
} from "@/lib/actions/api-keys";
import type { ActionResult } from "@/lib/action-result";
import type { ApiKeyRow, CreatedApiKey, ExpiryPreset } from "@/lib/api-keys-dto";

/** Whose keys a list shows: serializable, so a server page can hand it to the client card. */
export type ApiKeyTarget = { kind: "user"; userId: string } | { kind: "team"; teamId: string } | { kind: "project" };

export type CreateKeyValues = {
  description: string;
  expiry: ExpiryPreset;
  publishableClientKey: boolean;
  secretServerKey: boolean;
  superSecretAdminKey: boolean;
};

/** The one create call per target (each action re-validates its own input). */
export function createKey(target: ApiKeyTarget, v: CreateKeyValues): Promise<ActionResult<CreatedApiKey>> {
  const base = { description: v.description, expiry: v.expiry };
  switch (target.kind) {
    case "user":
      return createUserApiKeyAction({ ...base, userId: target.userId });
    case "team":
      return createTeamApiKeyAction({ ...base, teamId: target.teamId });
    case "project":
      return createProjectApiKeyAction({ ...base, publishableClientKey: v.publishableClientKey, secretServerKey: v.secretServerKey, superSecretAdminKey: v.superSecretAdminKey });
  }
}

/** The one revoke call per target; the console's own key set has its own, stricter action. */
export function revokeKey(target: ApiKeyTarget, key: ApiKeyRow, confirmation: string): Promise<ActionResult<{ revoked: string }>> {
  switch (target.kind) {
    case "user":
      return revokeUserApiKeyAction({ userId: target.userId, apiKeyId: key.id, confirmation });
    case "team":
      return revokeTeamApiKeyAction({ teamId: target.teamId, apiKeyId: key.id, confirmation });
    case "project":
      return (key.isConsoleKey ? revokeConsoleApiKeyAction : revokeProjectApiKeyAction)({ apiKeyId: key.id, confirmation });
  }
}
