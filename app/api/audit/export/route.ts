import { stringify } from "csv-stringify";
import { Readable } from "node:stream";
import { NextResponse, type NextRequest } from "next/server";
import { writeAudit } from "@/lib/server/audit";
import { iterateAudit } from "@/lib/server/audit-query";
import { getCurrentProject } from "@/lib/server/current-project";
import { forbiddenRoute, unauthenticated } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";
import { auditFilterOf, auditUrl } from "@/lib/url-state/audit";

const COLUMNS = ["id", "at", "operator", "role", "action", "target_type", "target_id", "target_label", "result", "error_code", "message", "changes", "request_id"];

/**
 * The audit log of the current project as CSV, every record matching the page's filter, newest
 * first: streamed in batches (memory stays bounded however long the log). Owners only; the
 * export itself is recorded before the first byte.
 */
export async function GET(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) return unauthenticated("exportAudit");
  const requestId = crypto.randomUUID();
  const actor = { email: operator.email, role: operator.role };
  const refused = await forbiddenRoute("exportAudit", operator);
  if (refused) return refused;
  const project = await getCurrentProject();
  const { params } = auditUrl.parse(req.nextUrl.searchParams);
  const filter = { ...auditFilterOf(params), projectSlug: project.slug };
  try {
    await writeAudit({ actor, action: "exportAudit", project: { slug: project.slug, projectId: project.projectId }, status: "success", changes: { filter }, requestId });
  } catch {
    return NextResponse.json({ ok: false, code: "AUDIT_FAILED", message: `The export was not started: the audit log could not be written (request ${requestId}).` }, { status: 503 });
  }

  async function* records() {
    for await (const r of iterateAudit(filter)) {
      yield [
        r.id,
        new Date(r.atMillis).toISOString(),
        r.actorEmail,
        r.actorRole,
        r.action,
        r.targetType ?? "",
        r.targetId ?? "",
        r.targetLabel ?? "",
        r.status,
        r.errorCode ?? "",
        r.message ?? "",
        r.changes === null ? "" : JSON.stringify(r.changes),
        r.requestId,
      ];
    }
  }
  const csv = Readable.from(records()).pipe(stringify({ header: true, columns: COLUMNS }));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(csv) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${project.slug}-${day}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
