import type { Metadata } from "next";
import { z } from "zod";
import { ImportUsers } from "@/components/import/import-users";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/users/page-header";
import { hasRole, ROUTE_MIN_ROLE } from "@/lib/roles";
import { getCurrentStack } from "@/lib/server/current-project";
// Registers the "importUsers" job operation in this process, so a job started before a restart resumes.
import "@/lib/server/import-run";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Import users" };

/** Admin-only: users from a CSV (another provider's export or a plain file), previewed before anything is written. */
export default async function ImportUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const operator = await requireOperator();
  const minRole = ROUTE_MIN_ROLE["users-import"];
  if (!hasRole(operator.role, minRole)) {
    return <EmptyState title="Admins only" description={`Importing users needs the ${minRole} role; you are ${operator.role}.`} />;
  }
  const { project } = await getCurrentStack();
  // ?job=<id> after a start: the job's progress again (GET /api/jobs/[jobId] checks it is this project's).
  const job = z.uuid().safeParse((await searchParams).job);
  return (
    <>
      <PageHeader title="Import users" description={`Create users of ${project.name} from a CSV file. Rows whose e-mail already has a user are skipped, so the same file can be imported again.`} />
      <ImportUsers resumeJobId={job.success ? job.data : null} />
    </>
  );
}
