import { NextResponse, type NextRequest } from "next/server";
import type { ImportUploadDto } from "@/lib/import-dto";
import { suggestMapping } from "@/lib/import-presets";
import { IMPORT_MAX_CHUNKS, uploadId } from "@/lib/schemas/import";
import { getCurrentStack } from "@/lib/server/current-project";
import { parseCsv } from "@/lib/server/import";
import { uploads } from "@/lib/server/import-store";
import { forbiddenRoute, routeError, unauthenticated } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";

const NO_STORE = { "cache-control": "private, no-store" };
const bad = (message: string, status = 400) => NextResponse.json({ ok: false, code: "INVALID_INPUT", message }, { status, headers: NO_STORE });

/**
 * A users CSV, one piece (≤ 1 MB, under the console's request body limit) per request, in order:
 * the first without `upload` (it names the file), the others with the id it returned and their
 * `seq`; `done=1` on the last parses the whole file on the server and answers its first row and
 * the suggested mapping. Nothing reaches Stack here.
 */
export async function POST(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) return unauthenticated("uploadImport");
  const refused = await forbiddenRoute("uploadImport", operator);
  if (refused) return refused;
  const { project } = await getCurrentStack();
  const owner = { projectSlug: project.slug, operatorEmail: operator.email };
  const sp = req.nextUrl.searchParams;
  try {
    const piece = Buffer.from(await req.arrayBuffer());
    const store = await uploads();
    let id = sp.get("upload");
    if (id === null) {
      id = await store.create(owner, (sp.get("name") ?? "users.csv").replace(/[^\w.\- ]/g, "_"), piece);
    } else {
      const seq = Number(sp.get("seq"));
      if (!uploadId.safeParse(id).success) return bad("Not a valid upload id.");
      if (!Number.isInteger(seq) || seq < 1 || seq >= IMPORT_MAX_CHUNKS) return bad("Not a valid piece number.");
      if (!(await store.append(id, owner, seq, piece))) return bad("No such upload: upload the file again.", 404);
    }
    if (sp.get("done") !== "1") return NextResponse.json({ uploadId: id }, { headers: NO_STORE });
    const up = await store.read(id, owner);
    if (!up) return bad("No such upload: upload the file again.", 404);
    const rows = parseCsv(up.data);
    const { preset, mapping } = suggestMapping(rows[0]!);
    const dto: ImportUploadDto = { uploadId: id, fileName: up.fileName, bytes: up.bytes, firstRow: rows[0]!.map((c) => c.slice(0, 200)), preset, mapping };
    return NextResponse.json(dto, { headers: NO_STORE });
  } catch (err) {
    return routeError(err);
  }
}
