import "server-only";

import { getServerEnv, type ServerEnv } from "@/lib/env";

/** A configured Stack project, including its admin key. Never send this object to the browser. */
export interface ProjectConfig {
  slug: string;
  name: string;
  projectId: string;
  apiUrl: string;
  adminKey: string;
}

/** What the UI may know about a project: everything except the key. */
export type ProjectSummary = Omit<ProjectConfig, "adminKey">;

let cache: { env: ServerEnv; projects: ProjectConfig[] } | null = null;

/** All configured projects (one, slug `default`, in single-project mode). */
export function listProjects(): ProjectConfig[] {
  const env = getServerEnv();
  if (!cache || cache.env !== env) {
    const projects = env.stack.projects.map((p) => {
      // getServerEnv() already verified that the variable is set.
      const adminKey = (process.env[p.adminKeyEnv] ?? "").trim();
      return { slug: p.slug, name: p.name, projectId: p.projectId, apiUrl: p.apiUrl, adminKey };
    });
    cache = { env, projects };
  }
  return cache.projects.map((p) => ({ ...p }));
}

export function getProject(slug: string): ProjectConfig | null {
  return listProjects().find((p) => p.slug === slug) ?? null;
}

/** The first configured project; the dashboard's fallback selection. */
export function getDefaultProject(): ProjectConfig {
  const [first] = listProjects();
  // parseServerEnv guarantees at least one project.
  return first;
}

/** Key-free view for DTOs and the project switcher. */
export function listProjectSummaries(): ProjectSummary[] {
  return listProjects().map(({ slug, name, projectId, apiUrl }) => ({ slug, name, projectId, apiUrl }));
}
