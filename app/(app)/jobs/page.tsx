import type { Metadata } from "next";
import { JobList } from "@/components/jobs/job-list";
import { PageHeader } from "@/components/users/page-header";
import { getCurrentProject } from "@/lib/server/current-project";
import { listJobs } from "@/lib/server/jobs";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requireOperator();
  const project = await getCurrentProject();
  const jobs = await listJobs(project);
  return (
    <div className="space-y-4">
      <PageHeader title="Jobs" description={`Bulk jobs in ${project.name}: they run on the server, so they carry on when you leave the page.`} />
      <JobList jobs={jobs} />
    </div>
  );
}
