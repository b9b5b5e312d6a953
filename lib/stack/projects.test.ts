import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";
import { getDefaultProject, getProject, listProjects, projectCredentials } from "@/lib/stack/projects";

const saved = { ...process.env };

beforeEach(() => {
  resetEnvForTests();
  process.env.NEXTAUTH_SECRET = "x".repeat(32);
  process.env.STACK_API_URL = "http://127.0.0.1:8102";
  process.env.STACK_PROJECT_ID = "proj";
  process.env.STACK_SUPER_SECRET_ADMIN_KEY = "sak_single";
  delete process.env.STACK_PROJECTS_FILE;
  delete process.env.STACK_PROJECT_NAME;
  delete process.env.STACK_ENVIRONMENT;
});
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

describe("projects", () => {
  it("single-project env → one project `default`; only projectCredentials carries the key", () => {
    process.env.STACK_ENVIRONMENT = "staging";
    const summary = { slug: "default", name: "Default project", projectId: "proj", apiUrl: "http://127.0.0.1:8102", environment: "staging" };
    expect(listProjects()).toEqual([summary]);
    expect(getProject("default")).toEqual(summary);
    expect(getDefaultProject()).toEqual(summary);
    expect(getProject("nope")).toBeNull();
    expect(projectCredentials("default")).toEqual({ ...summary, adminKey: "sak_single" });
    expect(projectCredentials("nope")).toBeNull();
    expect(JSON.stringify([listProjects(), getProject("default"), getDefaultProject()])).not.toContain("sak_single");
  });
});
