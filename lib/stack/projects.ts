import "server-only";

import { getServerEnv, type ServerEnv } from "@/lib/env";
import type { ProjectSummary } from "@/lib/projects-dto";

/**
 * A configured Stack project with its admin key. Only lib/stack sees this shape: everything
 * above it gets a ProjectSummary and a StackClient whose key lives in a closure.
 */
export type ProjectCredentials = ProjectSummary & { adminKey: string };

let cache: { env: ServerEnv; projects: ProjectCredentials[] } | null = null;

function loadProjects(): ProjectCredentials[] {
  const env = getServerEnv();
  if (!cache || cache.env !== env) {
    const projects = env.stack.projects.map((p) => ({
      slug: p.slug,
      name: p.name,
      projectId: p.projectId,
      apiUrl: p.apiUrl,
      environment: p.environment,
      // getServerEnv() already verified that the variable is set.
      adminKey: (process.env[p.adminKeyEnv] ?? "").trim(),
    }));
    cache = { env, projects };
  }
  return cache.projects;
}

const summarize = ({ slug, name, projectId, apiUrl, environment }: ProjectCredentials): ProjectSummary => ({ slug, name, projectId, apiUrl, environment });

/** The credentials of a configured project, for building its client (lib/stack/get-client.ts). */
export function projectCredentials(slug: string): ProjectCredentials | null {
  const hit = loadProjects().find((p) => p.slug === slug);
  return hit ? { ...hit } : null;
}

/** All configured projects (one, slug `default`, in single-project mode), without keys. */
export function listProjects(): ProjectSummary[] {
  return loadProjects().map(summarize);
}

export function getProject(slug: string): ProjectSummary | null {
  const hit = loadProjects().find((p) => p.slug === slug);
  return hit ? summarize(hit) : null;
}

/** The first configured project; the dashboard's fallback selection. */
export function getDefaultProject(): ProjectSummary {
  // parseServerEnv guarantees at least one project.
  return summarize(loadProjects()[0]);
}
