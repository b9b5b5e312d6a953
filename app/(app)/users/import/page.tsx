import type { Metadata } from "next";
import { ImportUsers } from "@/components/import/import-users";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/users/page-header";
import { hasRole, ROUTE_MIN_ROLE } from "@/lib/roles";
import { getCurrentStack } from "@/lib/server/current-project";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Import users" };

/** Admin-only: users from a CSV (another provider's export or a plain file), previewed before anything is written. */
export default async function ImportUsersPage() {
  const operator = await requireOperator();
  const minRole = ROUTE_MIN_ROLE["users-import"];
  if (!hasRole(operator.role, minRole)) {
    return <EmptyState title="Admins only" description={`Importing users needs the ${minRole} role; you are ${operator.role}.`} />;
  }
  const { project } = await getCurrentStack();
  return (
    <>
      <PageHeader title="Import users" description={`Create users of ${project.name} from a CSV file. Rows whose e-mail already has a user are skipped, so the same file can be imported again.`} />
      <ImportUsers />
    </>
  );
}
