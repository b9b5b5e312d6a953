import "server-only";

import { getServerEnv } from "@/lib/env";
import { createStackClient, type StackClient } from "@/lib/stack/client";
import { projectCredentials, type ProjectCredentials } from "@/lib/stack/projects";

const clients = new Map<string, { project: ProjectCredentials; timeoutMs: number; client: StackClient }>();

export class UnknownProjectError extends Error {
  constructor(slug: string) {
    super(`Unknown project "${slug}"`);
    this.name = "UnknownProjectError";
  }
}

/** The Stack client of a configured project. Cached per slug; rebuilt when its config changes. */
export function getStackClient(slug: string): StackClient {
  const creds = projectCredentials(slug);
  if (!creds) throw new UnknownProjectError(slug);
  const timeoutMs = getServerEnv().stack.requestTimeoutMs;
  const hit = clients.get(creds.slug);
  if (
    hit &&
    hit.timeoutMs === timeoutMs &&
    hit.project.apiUrl === creds.apiUrl &&
    hit.project.projectId === creds.projectId &&
    hit.project.adminKey === creds.adminKey
  ) {
    return hit.client;
  }
  const client = createStackClient(creds, { timeoutMs });
  clients.set(creds.slug, { project: creds, timeoutMs, client });
  return client;
}
