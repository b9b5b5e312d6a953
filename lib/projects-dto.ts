// What the dashboard may know about a configured Stack project: everything except its admin key.
// Pure types and constants, shared by server code and client components.

export const PROJECT_ENVIRONMENTS = ["development", "staging", "production"] as const;
export type ProjectEnvironment = (typeof PROJECT_ENVIRONMENTS)[number];

export type ProjectSummary = {
  slug: string;
  name: string;
  projectId: string;
  /** Origin of the Stack API, without `/api/v1`. */
  apiUrl: string;
  /** The operator-facing label from the project config; null when none is configured. */
  environment: ProjectEnvironment | null;
};
