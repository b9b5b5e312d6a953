import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";
import { getProject, listProjects, listProjectSummaries } from "@/lib/projects";

const saved = { ...process.env };

beforeEach(() => {
  resetEnvForTests();
  process.env.NEXTAUTH_SECRET = "x".repeat(32);
  process.env.STACK_API_URL = "http://127.0.0.1:8102";
  process.env.STACK_PROJECT_ID = "proj";
  process.env.STACK_SUPER_SECRET_ADMIN_KEY = "sak_single";
  delete process.env.STACK_PROJECTS_FILE;
  delete process.env.STACK_PROJECT_NAME;
});
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

describe("projects", () => {
  it("single-project env → one project `default` with its key", () => {
    expect(listProjects()).toEqual([
      { slug: "default", name: "Default project", projectId: "proj", apiUrl: "http://127.0.0.1:8102", adminKey: "sak_single" },
    ]);
    expect(getProject("default")?.adminKey).toBe("sak_single");
    expect(getProject("nope")).toBeNull();
    expect(JSON.stringify(listProjectSummaries())).not.toContain("sak_single");
  });
});
