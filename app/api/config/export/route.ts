import { NextResponse } from "next/server";
import { exportConfig } from "@/lib/server/config";
import { getCurrentStack } from "@/lib/server/current-project";
import { routeError, unauthenticated } from "@/lib/server/route-error";
import { getOperator } from "@/lib/server/session";

// The current project's configuration as a downloadable JSON document (write-only values omitted).
export async function GET() {
  const operator = await getOperator();
  if (!operator) return unauthenticated("exportConfig");
  const { client, project } = await getCurrentStack();
  try {
    const document = await exportConfig(client, project);
    const day = new Date().toISOString().slice(0, 10);
    return new NextResponse(`${JSON.stringify(document, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        // The slug is a configured one ([a-z0-9_-]), safe in a header.
        "content-disposition": `attachment; filename="stack-config-${project.slug}-${day}.json"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (err) {
    return routeError(err, { action: "exportConfig", operator, project });
  }
}
