import "server-only";

import { getServerEnv, splitAdminKeys, type ServerEnv } from "@/lib/env";
import type { ProjectSummary } from "@/lib/projects-dto";

/**
 * A configured Stack project with its admin key. Only lib/stack sees this shape: everything
 * above it gets a ProjectSummary and a StackClient whose key lives in a closure.
 */
export type ProjectCredentials = ProjectSummary & { adminKey: string };

/**
 * Every configured key of a project, newest first. During a rotation the key variable lists the
 * new key and the old one (`sak_new,sak_old`); lib/stack/get-client.ts uses the newest that works.
 */
type Configured = ProjectCredentials & { adminKeys: string[] };

let cache: { env: ServerEnv; projects: Configured[] } | null = null;

function loadProjects(): Configured[] {
  const env = getServerEnv();
  if (!cache || cache.env !== env) {
    const projects = env.stack.projects.map((p) => {
      // getServerEnv() already verified that the variable holds at least one key.
      const adminKeys = splitAdminKeys(process.env[p.adminKeyEnv]);
      return { slug: p.slug, name: p.name, projectId: p.projectId, apiUrl: p.apiUrl, environment: p.environment, adminKey: adminKeys[0] ?? "", adminKeys };
    });
    cache = { env, projects };
  }
  return cache.projects;
}

const summarize = ({ slug, name, projectId, apiUrl, environment }: ProjectCredentials): ProjectSummary => ({ slug, name, projectId, apiUrl, environment });

/** The credentials of a configured project (its newest key), for building its client (lib/stack/get-client.ts). */
export function projectCredentials(slug: string): ProjectCredentials | null {
  const hit = loadProjects().find((p) => p.slug === slug);
  if (!hit) return null;
  const { adminKeys: _all, ...creds } = hit;
  return creds;
}

/** All keys of a configured project, newest first (one element unless a rotation is under way). */
export function projectKeyRing(slug: string): string[] {
  return [...(loadProjects().find((p) => p.slug === slug)?.adminKeys ?? [])];
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
