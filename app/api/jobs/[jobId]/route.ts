import { NextResponse, type NextRequest } from "next/server";
import { jobIdSchema } from "@/lib/schemas/jobs";
import { getCurrentStack } from "@/lib/server/current-project";
import { getJob, maskJob } from "@/lib/server/jobs";
import { maskedFor } from "@/lib/server/mask";
import { forbiddenRoute, routeError, unauthenticated } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";

const NO_STORE = { "cache-control": "private, no-store" };

// A bulk job's progress and failed items, polled by <JobProgress>. Jobs of another project are
// answered like unknown ones (404).
export async function GET(_req: NextRequest, { params }: { params: Promise<{ jobId: string }> }) {
  const operator = await getOperator();
  if (!operator) return unauthenticated("getJob");
  const refused = await forbiddenRoute("getJob", operator);
  if (refused) return refused;
  const id = jobIdSchema.safeParse((await params).jobId);
  if (!id.success) return NextResponse.json({ ok: false, code: "INVALID_INPUT", message: "Not a valid job id." }, { status: 400, headers: NO_STORE });
  const { project } = await getCurrentStack();
  try {
    const job = await getJob(id.data, project);
    if (!job) return NextResponse.json({ ok: false, code: "NOT_FOUND", message: "No such job in this project." }, { status: 404, headers: NO_STORE });
    return NextResponse.json(maskedFor(operator.role, job, maskJob), { headers: NO_STORE });
  } catch (err) {
    return routeError(err);
  }
}
