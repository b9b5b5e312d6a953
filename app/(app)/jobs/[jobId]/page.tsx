import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JobProgress } from "@/components/jobs/job-progress";
import { PageHeader } from "@/components/users/page-header";
import { jobIdSchema } from "@/lib/schemas/jobs";
import { getCurrentProject } from "@/lib/server/current-project";
import { getJob } from "@/lib/server/jobs";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Job" };

// The job's progress: the page only checks that the job is this project's; <JobProgress> polls it.
export default async function JobPage({ params }: { params: Promise<{ jobId: string }> }) {
  await requireOperator();
  const id = jobIdSchema.safeParse((await params).jobId);
  if (!id.success) notFound();
  const project = await getCurrentProject();
  const job = await getJob(id.data, project);
  if (!job) notFound();
  return (
    <div className="space-y-4">
      <PageHeader title={job.label} description={`${job.counts.total.toLocaleString("en")} items in ${project.name}. The job runs on the server: reloading or leaving this page does not stop it.`} />
      <JobProgress jobId={job.id} />
      <Link href="/jobs" className="text-sm underline-offset-4 hover:underline">
        All jobs
      </Link>
    </div>
  );
}
