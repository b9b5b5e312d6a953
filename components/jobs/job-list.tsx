import Link from "next/link";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { formatUtc } from "@/components/data-table/format-date";
import type { JobState, JobSummary } from "@/lib/jobs-dto";

const STATE: Record<JobState, { text: string; variant: BadgeVariant }> = {
  running: { text: "Running", variant: "default" },
  done: { text: "Finished", variant: "secondary" },
  cancelled: { text: "Cancelled", variant: "outline" },
  failed: { text: "Stopped", variant: "destructive" },
};

/** The project's recent jobs, newest first; each links to its progress. Server-rendered: no client JS. */
export function JobList({ jobs }: { jobs: JobSummary[] }) {
  if (jobs.length === 0) return <p className="text-sm text-muted-foreground">No bulk jobs yet. Select users on the Users page and choose a bulk action.</p>;
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full text-sm">
        <caption className="sr-only">Recent bulk jobs</caption>
        <thead className="bg-muted/40 text-left">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Job</th>
            <th scope="col" className="px-3 py-2 font-medium">State</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Done</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Failed</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Skipped</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Total</th>
            <th scope="col" className="px-3 py-2 font-medium">Started</th>
            <th scope="col" className="px-3 py-2 font-medium">By</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} className="border-t">
              <td className="px-3 py-2">
                <Link href={`/jobs/${j.id}`} className="font-medium underline-offset-4 hover:underline">
                  {j.label}
                </Link>
              </td>
              <td className="px-3 py-2">
                <Badge variant={STATE[j.state].variant}>{STATE[j.state].text}</Badge>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{j.counts.done}</td>
              <td className="px-3 py-2 text-right tabular-nums">{j.counts.failed}</td>
              <td className="px-3 py-2 text-right tabular-nums">{j.counts.skipped}</td>
              <td className="px-3 py-2 text-right tabular-nums">{j.counts.total}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatUtc(j.startedAt)}</td>
              <td className="px-3 py-2">{j.operator}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
