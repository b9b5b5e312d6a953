"use client";

import { JobProgress } from "@/components/jobs/job-progress";
import { QueryProvider } from "@/lib/query/query-provider";

/** The import job's progress; loaded only once a job exists, so React Query stays out of the page's first paint. */
export default function ImportJob({ jobId }: { jobId: string }) {
  return (
    <QueryProvider>
      <JobProgress jobId={jobId} />
    </QueryProvider>
  );
}
