import "server-only";

import { getCurrentProject } from "@/lib/server/current-project";
import { requireOperator } from "@/lib/server/session";
import { listProjects } from "@/lib/stack/projects";

/** What the signed-in shell shows; redirects to sign-in without a session. Never includes keys. */
export async function getShellContext() {
  const operator = await requireOperator();
  const current = await getCurrentProject();
  return {
    operator,
    projects: listProjects().map((p) => ({ slug: p.slug, name: p.name, environment: p.environment })),
    currentProject: { slug: current.slug, name: current.name, environment: current.environment },
  };
}
