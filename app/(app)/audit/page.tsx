import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import type { AuditLogRow } from "@/lib/audit-dto";
import { hasRole } from "@/lib/roles";
import { maskAuditEntry, masksPersonalData } from "@/lib/server/mask";
import { auditFacets, listAudit } from "@/lib/server/audit-query";
import { getCurrentProject } from "@/lib/server/current-project";
import { requireOperator } from "@/lib/server/session";
import { auditFilterOf, auditUrl } from "@/lib/url-state/audit";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const operator = await requireOperator();
  const project = await getCurrentProject();
  const { params } = auditUrl.parse(await searchParams);
  const filter = { ...auditFilterOf(params), projectSlug: project.slug };
  // One more than a page: whether there is a next page, without a count query.
  const [rows, facets] = await Promise.all([
    listAudit({ ...filter, limit: params.pageSize + 1, before: params.cursor ? Number(params.cursor) : undefined }),
    auditFacets(project.slug),
  ]);
  const entries: AuditLogRow[] = rows.slice(0, params.pageSize).map((r) => ({
    id: r.id,
    atMillis: r.atMillis,
    actorEmail: r.actorEmail,
    actorRole: r.actorRole,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetLabel: r.targetLabel,
    status: r.status,
    errorCode: r.errorCode,
    changes: r.changes,
  }));
  const nextCursor = rows.length > params.pageSize ? String(entries.at(-1)!.id) : null;
  // Users' names and e-mails in labels and changes are personal data: masked on the server for the roles that see it masked.
  const shown = masksPersonalData(operator.role) ? entries.map(maskAuditEntry) : entries;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="text-sm text-muted-foreground">
          Every change made through Stack Admin in {project.name}, including refused and failed attempts. Records are append-only and hash-chained
          (<code className="font-mono text-xs">npm run audit:verify</code>).
        </p>
      </div>
      <AuditTable entries={shown} nextCursor={nextCursor} facets={facets} canExport={hasRole(operator.role, "owner")} />
    </div>
  );
}
