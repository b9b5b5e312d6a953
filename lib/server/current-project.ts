import "server-only";

import { cookies } from "next/headers";
import type { ProjectSummary } from "@/lib/projects-dto";
import type { StackClient } from "@/lib/stack/client";
import { getStackClient } from "@/lib/stack/get-client";
import { getDefaultProject, getProject } from "@/lib/stack/projects";

// Route handlers check a posted slug with this (app code does not import lib/stack).
export { getProject } from "@/lib/stack/projects";

export const PROJECT_COOKIE = "stack-admin-project";

/** What pages, actions and server functions work with: a key-free summary and its client. */
export type CurrentStack = { project: ProjectSummary; client: StackClient };

/**
 * The operator's selected project, from a cookie holding only its slug. The slug is looked
 * up in server config every time, so a forged cookie can only pick a configured project.
 */
export async function getCurrentProject(): Promise<ProjectSummary> {
  const slug = (await cookies()).get(PROJECT_COOKIE)?.value;
  return (slug && getProject(slug)) || getDefaultProject();
}

export async function getCurrentStack(): Promise<CurrentStack> {
  const project = await getCurrentProject();
  return { project, client: getStackClient(project.slug) };
}
