import "server-only";

import { listProjectSummaries } from "@/lib/projects";
import { getCurrentProject } from "@/lib/server/current-project";
import { requireOperator } from "@/lib/server/session";

/** What the signed-in shell shows; redirects to sign-in without a session. Never includes keys. */
export async function getShellContext() {
  const operator = await requireOperator();
  const current = await getCurrentProject();
  return {
    operator,
    projects: listProjectSummaries().map((p) => ({ slug: p.slug, name: p.name })),
    currentProject: { slug: current.slug, name: current.name },
  };
}
