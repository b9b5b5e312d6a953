import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recorder } from "@/lib/testing/recorder";
import { useConsoleEnv, type ConsoleEnv } from "@/lib/testing/console-env";
import { startEmulatorProcess, type TestEmulator } from "@/lib/testing/emulator";

// The users bulk operations against a real emulator over HTTP: each runs the single action's
// lib/server function per user, over selected ids or every user matching a users-table filter;
// the dangerous ones start only with the exact count, counted on the server.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

let emu: TestEmulator;
let env: ConsoleEnv;

beforeAll(async () => {
  emu = await startEmulatorProcess();
  env = await useConsoleEnv(emu.url, "bulk");
});
afterAll(async () => {
  await (await import("@/lib/server/jobs/runner")).resetRunnerForTests();
  await emu?.stop();
  await env?.dispose();
});

const jobs = () => import("@/lib/server/jobs");
async function ctx(typed = "", role: "admin" | "support" = "admin") {
  const { getDefaultProject } = await import("@/lib/stack/projects");
  const project = getDefaultProject();
  const client = (await import("@/lib/stack/get-client")).getStackClient(project.slug);
  return { operator: { email: "admin@example.com", role }, project, client, confirm: recorder(typed).confirm };
}
const seed = (tag: string, n: number) =>
  Promise.all(Array.from({ length: n }, async (_, i) => (await emu.fetch("/users", { method: "POST", body: { primary_email: `${tag}-${i}@example.com`, display_name: `${tag} ${i}` } })).body.id as string));
async function done(jobId: string) {
  const { getJob } = await jobs();
  const { getDefaultProject } = await import("@/lib/stack/projects");
  for (let i = 0; i < 400; i++) {
    const job = await getJob(jobId, getDefaultProject());
    if (job && job.state !== "running") return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("job did not finish");
}

describe("bulk operations over users", () => {
  it("deletes every user matching a search (beyond one page), confirmed by the exact count", async () => {
    const ids = await seed("bulkdel", 30);
    const keep = await seed("keepme", 2);
    const { startUserJob, countUserSelection } = await jobs();
    const selection = { kind: "filter" as const, search: "q=bulkdel&pageSize=10" };
    expect(await countUserSelection((await ctx()).client, selection)).toBe(30);
    await expect(startUserJob(await ctx("29"), "deleteUsers", selection)).rejects.toThrow("CONFIRMATION_MISMATCH");
    for (const id of ids) expect((await emu.fetch(`/users/${id}`)).status).toBe(200);
    const { jobId, total } = await startUserJob(await ctx("30"), "deleteUsers", selection);
    expect(total).toBe(30);
    const job = await done(jobId);
    expect(job.counts).toMatchObject({ done: 30, failed: 0 });
    for (const id of ids) expect((await emu.fetch(`/users/${id}`)).status).toBe(404);
    for (const id of keep) expect((await emu.fetch(`/users/${id}`)).status).toBe(200);
  });

  it("restricts with the public reason and private note, then lifts; selected ids count once", async () => {
    const ids = await seed("restrict", 3);
    const { startUserJob } = await jobs();
    const selection = { kind: "ids" as const, userIds: [...ids, ids[0]!] };
    const first = await startUserJob(await ctx("", "support"), "restrictUsers", selection, { restricted: true, publicReason: "Spam wave", privateDetails: "ticket 42" });
    expect(first.total).toBe(3);
    expect((await done(first.jobId)).counts.done).toBe(3);
    for (const id of ids) expect((await emu.fetch(`/users/${id}`)).body).toMatchObject({ restricted_by_admin: true, restricted_by_admin_reason: "Spam wave", restricted_by_admin_private_details: "ticket 42" });
    const lift = await startUserJob(await ctx("", "support"), "restrictUsers", selection, { restricted: false, publicReason: null, privateDetails: null });
    await done(lift.jobId);
    for (const id of ids) expect((await emu.fetch(`/users/${id}`)).body.restricted_by_admin).toBe(false);
  });

  it("refuses a dangerous job to a role below its item action's", async () => {
    const [id] = await seed("norole", 1);
    const { startUserJob } = await jobs();
    await expect(startUserJob(await ctx("1", "support"), "deleteUsers", { kind: "ids", userIds: [id!] })).rejects.toThrow(/admin role/);
    expect((await emu.fetch(`/users/${id}`)).status).toBe(200);
  });

  it("adds to and removes from a team, keeping Stack's code for a user already in it", async () => {
    const ids = await seed("teamed", 3);
    const team = (await emu.fetch("/teams", { method: "POST", body: { display_name: "Bulk team" } })).body.id as string;
    await emu.fetch(`/team-memberships/${team}/${ids[0]}`, { method: "POST", body: {} });
    const { startUserJob } = await jobs();
    const add = await done((await startUserJob(await ctx(), "addUsersToTeam", { kind: "ids", userIds: ids }, { teamId: team })).jobId);
    expect(add.counts).toMatchObject({ done: 2, failed: 1 });
    expect(add.items).toEqual([expect.objectContaining({ target: { type: "user", id: ids[0], label: null }, errorCode: "TEAM_MEMBERSHIP_ALREADY_EXISTS" })]);
    const members = async () => ((await emu.fetch(`/users?team_id=${team}`)).body.items as { id: string }[]).map((u) => u.id).sort();
    expect(await members()).toEqual([...ids].sort());
    const remove = await done((await startUserJob(await ctx(), "removeUsersFromTeam", { kind: "ids", userIds: ids.slice(0, 2) }, { teamId: team })).jobId);
    expect(remove.counts).toMatchObject({ done: 2, failed: 0 });
    expect(await members()).toEqual([ids[2]!]);
  });

  it("grants and revokes a project permission", async () => {
    const ids = await seed("granted", 2);
    expect((await emu.fetch("/project-permission-definitions", { method: "POST", body: { id: "bulk_reader" } })).status).toBe(201);
    const { startUserJob } = await jobs();
    const grants = async (id: string) => ((await emu.fetch(`/project-permissions?user_id=${id}`)).body.items as { id: string }[]).map((p) => p.id);
    await done((await startUserJob(await ctx(), "grantProjectPermission", { kind: "ids", userIds: ids }, { permissionId: "bulk_reader" })).jobId);
    for (const id of ids) expect(await grants(id)).toContain("bulk_reader");
    await done((await startUserJob(await ctx(), "revokeProjectPermission", { kind: "ids", userIds: ids }, { permissionId: "bulk_reader" })).jobId);
    for (const id of ids) expect(await grants(id)).not.toContain("bulk_reader");
  });

  it("revokes every session of each user", async () => {
    const ids = await seed("sessions", 2);
    for (const id of ids) for (let i = 0; i < 2; i++) await emu.fetch("/auth/sessions", { method: "POST", body: { user_id: id } });
    const sessions = async (id: string) => ((await emu.fetch(`/auth/sessions?user_id=${id}`)).body.items as unknown[]).length;
    expect(await sessions(ids[0]!)).toBe(2);
    const { startUserJob } = await jobs();
    const job = await done((await startUserJob(await ctx("2"), "revokeUserSessions", { kind: "ids", userIds: ids })).jobId);
    expect(job.counts).toMatchObject({ done: 2, failed: 0 });
    for (const id of ids) expect(await sessions(id)).toBe(0);
  });
});
