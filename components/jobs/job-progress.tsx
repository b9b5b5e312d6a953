"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Ban } from "lucide-react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RoleGate } from "@/components/ui/role-gate";
import { Spinner } from "@/components/ui/spinner";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { cancelJobAction } from "@/lib/actions/jobs";
import type { JobDto, JobState } from "@/lib/jobs-dto";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";

export const jobKey = (jobId: string) => ["jobs", jobId] as const;
const POLL_MS = 1_000;

const STATE_TEXT: Record<JobState, string> = { running: "Running", done: "Finished", cancelled: "Cancelled", failed: "Stopped" };

function duration(secs: number): string {
  if (secs < 60) return `${Math.max(1, Math.round(secs))} s`;
  const m = Math.floor(secs / 60);
  return m < 60 ? `${m} min ${Math.round(secs % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * A bulk job's progress, polled from GET /api/jobs/[jobId] while it runs: the bar, done / failed /
 * skipped / remaining, rate and time left, Cancel, and the failed items with their error codes.
 * The job runs on the server: leaving or reloading the page changes nothing.
 */
export function JobProgress({ jobId, onFinished }: { jobId: string; onFinished?: (job: JobDto) => void }) {
  const queryClient = useQueryClient();
  const { run, pending } = useActionRunner();
  const query = useQuery({
    queryKey: jobKey(jobId),
    queryFn: async ({ signal }) => {
      const job = await fetchJson<JobDto>(`/api/jobs/${encodeURIComponent(jobId)}`, signal);
      if (job.state !== "running") onFinished?.(job);
      return job;
    },
    refetchInterval: (q) => (q.state.data && q.state.data.state !== "running" ? false : POLL_MS),
  });
  const job = query.data;
  if (!job) {
    if (query.error) {
      const e = query.error instanceof ApiError ? query.error : null;
      return <ErrorBanner title="Could not load the job" message={e?.message ?? "Could not load the job."} code={e?.code} />;
    }
    return <Spinner label="Loading the job" />;
  }

  const { counts } = job;
  const finished = counts.done + counts.failed + counts.skipped;
  const percent = counts.total === 0 ? 100 : Math.floor((finished / counts.total) * 100);
  const running = job.state === "running";
  const failedItems = job.items.filter((i) => i.state === "failed");
  const skippedItems = job.items.filter((i) => i.state === "skipped");

  return (
    <section aria-labelledby={`job-${job.id}`} className="space-y-3 rounded-md border p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`job-${job.id}`} className="mr-auto text-base font-semibold">
          {job.label}: {STATE_TEXT[job.state]}
          {running && job.cancelRequested ? " (cancelling…)" : ""}
        </h2>
        {running ? (
          <RoleGate action="cancelJob">
            <Button
              variant="outline"
              size="sm"
              disabled={pending || job.cancelRequested}
              onClick={() =>
                run(() => cancelJobAction({ jobId: job.id }), "Cancelling: the items in flight finish, nothing new starts.", {
                  refresh: false,
                  onSuccess: () => void queryClient.invalidateQueries({ queryKey: jobKey(job.id) }),
                })
              }
            >
              <Ban aria-hidden />
              Cancel job
            </Button>
          </RoleGate>
        ) : null}
      </div>
      <div
        role="progressbar"
        aria-label={`${job.label} progress`}
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={finished}
        aria-valuetext={`${finished} of ${counts.total} items`}
        className="h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4" aria-live="polite">
        <Count label="Done" value={counts.done} />
        <Count label="Failed" value={counts.failed} />
        <Count label="Skipped" value={counts.skipped} />
        <Count label={job.state === "cancelled" ? "Cancelled" : "Remaining"} value={job.state === "cancelled" ? counts.cancelled : counts.remaining} />
      </dl>
      <p className="text-sm text-muted-foreground">
        {job.rate !== null ? `${job.rate} per second` : "Starting…"}
        {running && job.etaSeconds !== null ? ` · about ${duration(job.etaSeconds)} left` : ""}
        {` · started by ${job.operator}`}
      </p>
      {job.error ? <p className="text-sm text-destructive">{job.error}</p> : null}
      {failedItems.length > 0 ? <ItemList title={`Failed (${counts.failed})`} items={failedItems} /> : null}
      {skippedItems.length > 0 ? <ItemList title={`Skipped (${counts.skipped})`} items={skippedItems} /> : null}
    </section>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="flex gap-2">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">{value.toLocaleString("en")}</dd>
    </div>
  );
}

function ItemList({ title, items }: { title: string; items: JobDto["items"] }) {
  return (
    <details open className="text-sm">
      <summary className="cursor-pointer font-medium">{title}</summary>
      <ul className="mt-2 max-h-64 space-y-1 overflow-auto">
        {items.map((i) => (
          <li key={i.seq} className="flex flex-wrap gap-x-2">
            <span className="font-medium">{i.target.label ?? i.target.id}</span>
            {i.errorCode ? <code className="text-destructive">{i.errorCode}</code> : null}
            {i.message ? <span className="text-muted-foreground">{i.message}</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
