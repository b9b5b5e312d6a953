import { NextResponse, type NextRequest } from "next/server";
import { isProgressId, parseExportColumns } from "@/lib/schemas/export";
import { writeAudit } from "@/lib/server/audit";
import { getCurrentStack } from "@/lib/server/current-project";
import { exportRefused, knownExportTotal, openUserCsv, trackExport, type CsvProgress } from "@/lib/server/export";
import { forbiddenRoute, routeError, unauthenticated } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";
import { resolveView } from "@/lib/server/views";
import { filterSearch, hasFilterParams, usersUrl } from "@/lib/url-state/users";

const NO_STORE = { "cache-control": "private, no-store" };

/**
 * Every user matching the users table's filter and sort (all pages, not the one shown) as CSV,
 * with the columns the operator chose (`columns`, repeatable). `view=<id>` alone exports a saved
 * view; otherwise the URL's filter is the export's. Streamed a page at a time (openUserCsv): the
 * walk waits for the download, so memory stays bounded however many users, and a closed download
 * stops it.
 * The export is recorded before the first byte; `progress=<uuid>` names it for the progress
 * readout (GET /api/users/export/progress).
 */
export async function GET(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) return unauthenticated("exportUsers");
  const refused = await forbiddenRoute("exportUsers", operator);
  if (refused) return refused;
  const sp = req.nextUrl.searchParams;
  const progressId = isProgressId(sp.get("progress")) ? sp.get("progress")! : null;
  const fail = (status: number, code: string, message: string) => {
    if (progressId) exportRefused(progressId, operator.email, message);
    return NextResponse.json({ ok: false, code, message }, { status, headers: NO_STORE });
  };
  const requestId = crypto.randomUUID();
  const actor = { email: operator.email, role: operator.role };
  const chosen = parseExportColumns(sp.getAll("columns"));
  if (!chosen.ok) return fail(400, "INVALID_INPUT", `Unknown export column: ${chosen.unknown.join(", ")}.`);
  const { client, project } = await getCurrentStack();
  let { params } = usersUrl.parse(sp);
  if (params.view && !hasFilterParams(sp)) {
    const view = await resolveView(project, params.view);
    if (!view) return fail(404, "VIEW_NOT_FOUND", "That saved view does not exist in this project.");
    params = view;
  }
  const filter = { view: params.view ?? null, search: filterSearch(params) };
  try {
    await writeAudit({ actor, action: "exportUsers", project: { slug: project.slug, projectId: project.projectId }, status: "success", changes: { filter, columns: chosen.columns }, requestId });
  } catch {
    return fail(503, "AUDIT_FAILED", `The export was not started: the audit log could not be written (request ${requestId}).`);
  }

  // Tracked from the start: the first page is counted while the total is still being read.
  const tracker = progressId ? trackExport(progressId, operator.email, null) : null;
  const progress: CsvProgress = {
    rows: (n) => tracker?.rows(n),
    done: () => tracker?.done(),
    failed: (err) => {
      // Headers are sent: the file ends early. The readout says so; the log has the cause.
      tracker?.failed(`The export stopped after some rows: Stack failed mid-way (request ${requestId}).`);
      console.error(`[exportUsers] walk failed (request ${requestId})`, err);
    },
  };
  let csv: ReadableStream<Uint8Array>;
  let total: number | null;
  try {
    [csv, total] = await Promise.all([openUserCsv(client, params, chosen.columns, progress), knownExportTotal(client, params)]);
  } catch (err) {
    const res = routeError(err, { action: "exportUsers", operator, project });
    tracker?.failed(((await res.clone().json()) as { message: string }).message);
    return res;
  }
  tracker?.knownTotal(total);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      ...NO_STORE,
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="users-${project.slug}-${day}.csv"`,
    },
  });
}
