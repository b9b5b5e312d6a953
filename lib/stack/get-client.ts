import "server-only";

import { getServerEnv } from "@/lib/env";
import { getDefaultProject, getProject, type ProjectConfig } from "@/lib/projects";
import { createStackClient, type StackClient } from "@/lib/stack/client";

const clients = new Map<string, { project: ProjectConfig; timeoutMs: number; client: StackClient }>();

export class UnknownProjectError extends Error {
  constructor(slug: string) {
    super(`Unknown project "${slug}"`);
    this.name = "UnknownProjectError";
  }
}

/** The Stack client of a configured project (default project when no slug). Cached per slug. */
export function getStackClient(slug?: string): StackClient {
  const project = slug === undefined ? getDefaultProject() : getProject(slug);
  if (!project) throw new UnknownProjectError(slug ?? "");
  const timeoutMs = getServerEnv().stack.requestTimeoutMs;
  const hit = clients.get(project.slug);
  if (
    hit &&
    hit.timeoutMs === timeoutMs &&
    hit.project.apiUrl === project.apiUrl &&
    hit.project.projectId === project.projectId &&
    hit.project.adminKey === project.adminKey
  ) {
    return hit.client;
  }
  const client = createStackClient(project, { timeoutMs });
  clients.set(project.slug, { project, timeoutMs, client });
  return client;
}
