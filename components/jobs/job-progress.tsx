"use client";

import { Ban } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RoleGate } from "@/components/ui/role-gate";
import { Spinner } from "@/components/ui/spinner";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { cancelJobAction } from "@/lib/actions/jobs";
import type { JobDto, JobState } from "@/lib/jobs-dto";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";

const POLL_MS = 1_000;

const STATE_TEXT: Record<JobState, string> = { running: "Running", done: "Finished", cancelled: "Cancelled", failed: "Stopped" };

function duration(secs: number): string {
  if (secs < 60) return `${Math.max(1, Math.round(secs))} s`;
  const m = Math.floor(secs / 60);
  return m < 60 ? `${m} min ${Math.round(secs % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Polls the job every second while it runs (no React Query: pages that show this need no provider). */
function useJob(jobId: string, onFinished?: (job: JobDto) => void) {
  const [job, setJob] = useState<JobDto | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  });
  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const next = await fetchJson<JobDto>(`/api/jobs/${encodeURIComponent(jobId)}`, ctrl.signal);
        setJob(next);
        setError(null);
        if (next.state !== "running") return finished.current?.(next);
      } catch (err) {
        if (ctrl.signal.aborted) return;
        setError(err instanceof ApiError ? err : new ApiError("CLIENT_ERROR", "Could not load the job.", 0));
      }
      timer = setTimeout(() => void load(), POLL_MS);
    };
    void load();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [jobId, tick]);
  return { job, error, refresh: () => setTick((t) => t + 1) };
}

/**
 * A bulk job's progress, polled from GET /api/jobs/[jobId] while it runs: the bar, done / failed /
 * skipped / remaining, rate and time left, Cancel, and the failed items with their error codes.
 * The job runs on the server: leaving or reloading the page changes nothing.
 */
export function JobProgress({ jobId, onFinished }: { jobId: string; onFinished?: (job: JobDto) => void }) {
  const { run, pending } = useActionRunner();
  const { job, error, refresh } = useJob(jobId, onFinished);
  if (!job) {
    if (error) return <ErrorBanner title="Could not load the job" message={error.message} code={error.code} />;
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
                  onSuccess: refresh,
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
