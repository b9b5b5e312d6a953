import { stringify } from "csv-stringify/sync";
import { Readable } from "node:stream";
import { NextResponse, type NextRequest } from "next/server";
import { parseExportColumns } from "@/lib/schemas/export";
import { writeAudit } from "@/lib/server/audit";
import { getCurrentStack } from "@/lib/server/current-project";
import { openUserWalk, userCsvRecord } from "@/lib/server/export";
import { forbiddenRoute, routeError, unauthenticated } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";
import { usersUrl } from "@/lib/url-state/users";
import type { UserRow } from "@/lib/users-dto";

const NO_STORE = { "cache-control": "private, no-store" };
const CSV_CHUNK_ROWS = 500;

/**
 * Every user matching the users table's filter and sort (all pages, not the one shown) as CSV,
 * with the columns the operator chose (`columns`, repeatable). Streamed: at most two upstream
 * pages are held and the stream applies backpressure to the walk, so memory stays bounded
 * however many users. The export is recorded before the first byte.
 */
export async function GET(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) return unauthenticated("exportUsers");
  const refused = await forbiddenRoute("exportUsers", operator);
  if (refused) return refused;
  const requestId = crypto.randomUUID();
  const actor = { email: operator.email, role: operator.role };
  const chosen = parseExportColumns(req.nextUrl.searchParams.getAll("columns"));
  if (!chosen.ok) {
    return NextResponse.json({ ok: false, code: "INVALID_INPUT", message: `Unknown export column: ${chosen.unknown.join(", ")}.` }, { status: 400, headers: NO_STORE });
  }
  const { params } = usersUrl.parse(req.nextUrl.searchParams);
  const { client, project } = await getCurrentStack();
  const filter = { q: params.q ?? null, filter: params.filter, sort: params.sort, asc: params.asc };
  try {
    await writeAudit({ actor, action: "exportUsers", project: { slug: project.slug, projectId: project.projectId }, status: "success", changes: { filter, columns: chosen.columns }, requestId });
  } catch {
    return NextResponse.json({ ok: false, code: "AUDIT_FAILED", message: `The export was not started: the audit log could not be written (request ${requestId}).` }, { status: 503, headers: NO_STORE });
  }

  let users: AsyncGenerator<UserRow>;
  try {
    users = await openUserWalk(client, params);
  } catch (err) {
    return routeError(err, { action: "exportUsers", operator, project });
  }
  const columns = chosen.columns;
  // One chunk per CSV_CHUNK_ROWS users, not per user: every chunk is a promise round through the
  // stream adapters and a socket write (a million of each made the export CPU-bound).
  async function* chunks() {
    let rows: string[][] = [];
    let header = true;
    for await (const u of users) {
      rows.push(userCsvRecord(u, columns));
      if (rows.length < CSV_CHUNK_ROWS) continue;
      yield stringify(rows, { header, columns: [...columns] });
      [rows, header] = [[], false];
    }
    yield stringify(rows, { header, columns: [...columns] });
  }
  const csv = Readable.from(chunks());
  const day = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(csv) as ReadableStream<Uint8Array>, {
    headers: {
      ...NO_STORE,
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="users-${project.slug}-${day}.csv"`,
    },
  });
}
