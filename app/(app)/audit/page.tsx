import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { listAudit } from "@/lib/server/audit";
import { getCurrentProject } from "@/lib/server/current-project";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Audit log" };

const PAGE = 50;
const STATUS_VARIANT = { success: "success", failure: "destructive", refused: "warning" } as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  await requireOperator();
  const project = await getCurrentProject();
  const before = Number((await searchParams).before);
  const rows = listAudit({ limit: PAGE + 1, before: Number.isInteger(before) && before > 0 ? before : undefined, projectSlug: project.slug });
  const more = rows.length > PAGE;
  const page = rows.slice(0, PAGE);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="text-sm text-muted-foreground">Every change made through Stack Admin in {project.name}, including refused and failed attempts.</p>
      </div>
      {page.length === 0 ? (
        <EmptyState title="No changes recorded yet" description="Changes made from this dashboard appear here." />
      ) : (
        <div className="overflow-x-auto rounded-md border">
          <table className="w-full text-sm">
            <thead className="bg-muted/50 text-left text-muted-foreground">
              <tr>
                <th className="px-3 py-2 font-medium">When (UTC)</th>
                <th className="px-3 py-2 font-medium">Operator</th>
                <th className="px-3 py-2 font-medium">Action</th>
                <th className="px-3 py-2 font-medium">Target</th>
                <th className="px-3 py-2 font-medium">Result</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {page.map((r) => (
                <tr key={r.id} className="align-top">
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{new Date(r.atMillis).toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="px-3 py-2">
                    {r.actorEmail} <span className="text-muted-foreground">({r.actorRole})</span>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{r.action}</td>
                  <td className="px-3 py-2">
                    {r.targetType === "user" && r.targetId ? (
                      <Link href={`/users/${r.targetId}`} prefetch={false} className="hover:underline">
                        {r.targetLabel ?? r.targetId}
                      </Link>
                    ) : (
                      (r.targetLabel ?? r.targetId ?? "—")
                    )}
                    {r.changes ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs text-muted-foreground">Changes</summary>
                        <pre className="mt-1 max-w-xl overflow-x-auto rounded bg-muted p-2 text-xs">{JSON.stringify(r.changes, null, 2)}</pre>
                      </details>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    <Badge variant={STATUS_VARIANT[r.status]}>{r.status}</Badge>
                    {r.errorCode ? <div className="mt-1 font-mono text-xs text-muted-foreground">{r.errorCode}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more ? (
        <Link href={`/audit?before=${page.at(-1)!.id}`} prefetch={false} className={buttonVariants({ variant: "outline" })}>
          Older entries
        </Link>
      ) : null}
    </div>
  );
}
