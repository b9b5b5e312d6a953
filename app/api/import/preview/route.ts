import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { importRequestSchema } from "@/lib/schemas/import";
import { getCurrentStack } from "@/lib/server/current-project";
import { previewImport } from "@/lib/server/import";
import { uploads } from "@/lib/server/import-store";
import { forbiddenRoute, routeError, unauthenticated } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";

const NO_STORE = { "cache-control": "private, no-store" };

/**
 * What importing the uploaded file with this mapping would do: every row validated (row number
 * and error), the counts, and which e-mails already have a user in the project (looked up for
 * the first valid rows only, so the preview stays a bounded number of Stack reads). Writes nothing.
 */
export async function POST(req: NextRequest) {
  const operator = await getOperator();
  if (!operator) return unauthenticated("previewImport");
  const refused = await forbiddenRoute("previewImport", operator);
  if (refused) return refused;
  const parsed = importRequestSchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) {
    return NextResponse.json({ ok: false, code: "INVALID_INPUT", message: z.flattenError(parsed.error).formErrors[0] ?? "The import settings are invalid." }, { status: 400, headers: NO_STORE });
  }
  const { project, client } = await getCurrentStack();
  try {
    const up = await (await uploads()).read(parsed.data.uploadId, { projectSlug: project.slug, operatorEmail: operator.email });
    if (!up) return NextResponse.json({ ok: false, code: "NOT_FOUND", message: "No such upload: upload the file again." }, { status: 404, headers: NO_STORE });
    return NextResponse.json(await previewImport(client, up.data, parsed.data.mapping), { headers: NO_STORE });
  } catch (err) {
    return routeError(err, { action: "previewImport", operator, project });
  }
}
