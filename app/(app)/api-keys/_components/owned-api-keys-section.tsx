import { ApiKeysCard } from "@/components/api-keys/api-keys-card";
import { createTeamApiKeyAction, createUserApiKeyAction } from "@/lib/actions/api-keys";
import type { ApiKeyOwner } from "@/lib/api-keys-dto";
import { canRun } from "@/lib/server/action";
import { listOwnedApiKeys } from "@/lib/server/api-keys";
import { getCurrentStack } from "@/lib/server/current-project";
import { requireOperator } from "@/lib/server/session";

/**
 * A user's or team's API keys, read on its own (render it inside <Suspense> with
 * ApiKeysCardSkeleton), so the page around it does not wait for Stack's key list.
 */
export async function OwnedApiKeysSection({ owner }: { owner: ApiKeyOwner }) {
  const operator = await requireOperator();
  const { client, project } = await getCurrentStack();
  const view = await listOwnedApiKeys(client, owner, { action: owner.type === "user" ? "viewUserApiKeys" : "viewTeamApiKeys", operator, project });
  const canManage = canRun(operator.role, owner.type === "user" ? createUserApiKeyAction : createTeamApiKeyAction);
  return <ApiKeysCard target={owner.type === "user" ? { kind: "user", userId: owner.id } : { kind: "team", teamId: owner.id }} view={view} canManage={canManage} />;
}
