import "server-only";

import { cookies } from "next/headers";
import { getDefaultProject, getProject, type ProjectConfig } from "@/lib/projects";
import { getStackClient } from "@/lib/stack/get-client";

export const PROJECT_COOKIE = "stack-admin-project";

/**
 * The operator's selected project, from a cookie holding only its slug. The slug is looked
 * up in server config every time, so a forged cookie can only pick a configured project.
 */
export async function getCurrentProject(): Promise<ProjectConfig> {
  const slug = (await cookies()).get(PROJECT_COOKIE)?.value;
  return (slug && getProject(slug)) || getDefaultProject();
}

export async function getCurrentStack() {
  const project = await getCurrentProject();
  return { project, client: getStackClient(project.slug) };
}
