import type { Metadata } from "next";
import { ApiKeysCard } from "@/components/api-keys/api-keys-card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/users/page-header";
import { createProjectApiKeyAction } from "@/lib/actions/api-keys";
import { hasRole } from "@/lib/roles";
import { canRun } from "@/lib/server/action";
import { listProjectApiKeys } from "@/lib/server/api-keys";
import { getCurrentStack } from "@/lib/server/current-project";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "API keys" };

/** Admin-only: the project's key sets (publishable client, secret server, super secret admin keys). */
export default async function ApiKeysPage() {
  const operator = await requireOperator();
  if (!hasRole(operator.role, "admin")) {
    return <EmptyState title="Admins only" description={`Project API keys need the admin role; you are ${operator.role}.`} />;
  }
  const { project, client } = await getCurrentStack();
  const view = await listProjectApiKeys(client, { action: "viewProjectApiKeys", operator, project });
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            The key sets of {project.name}: what your apps send to Stack as <code className="font-mono text-xs">x-stack-publishable-client-key</code>,{" "}
            <code className="font-mono text-xs">x-stack-secret-server-key</code> or <code className="font-mono text-xs">x-stack-super-secret-admin-key</code>.
          </>
        }
      />
      <ApiKeysCard
        target={{ kind: "project" }}
        view={view}
        canManage={canRun(operator.role, createProjectApiKeyAction)}
        title="Key sets"
        description="Newest first, expired and revoked sets included. Stack shows only the last four characters of each key; a revoked set stops working at once."
      />
    </>
  );
}
