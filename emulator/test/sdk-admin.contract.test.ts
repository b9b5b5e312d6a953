import { StackAdminApp } from "@stackframe/js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, startTestEmulator, type TestEmulator } from "./helpers";

// Contract test: the official admin SDK (@stackframe/js 2.8.108), unchanged, against the emulator.

let emu: TestEmulator;
let app: StackAdminApp<boolean, string>;
beforeAll(async () => {
  emu = await startTestEmulator();
  app = new StackAdminApp({
    projectId: DEMO.projectId,
    baseUrl: emu.url,
    publishableClientKey: DEMO.publishableClientKey,
    secretServerKey: DEMO.secretServerKey,
    superSecretAdminKey: DEMO.superSecretAdminKey,
    tokenStore: "memory",
  });
});
afterAll(() => emu.stop());

describe("official admin SDK against the emulator", () => {
  it("getProject() reads the project and its legacy config", async () => {
    const project = await app.getProject();
    expect(project.id).toBe(DEMO.projectId);
    expect(project.displayName).toBe("Demo project");
    expect(project.isDevelopmentEnvironment).toBe(true);
    expect(project.config.signUpEnabled).toBe(true);
    expect(project.config.credentialEnabled).toBe(true);
    expect(project.config.emailConfig).toEqual({ type: "shared" });
    expect(project.config.teamCreatorDefaultPermissions).toEqual([{ id: "team_admin" }]);
    expect(project.config.oauthProviders).toEqual([]);
  });

  it("project.update() writes display name, booleans, OAuth providers and domains", async () => {
    const project = await app.getProject();
    await project.update({
      displayName: "Renamed by SDK",
      config: {
        signUpEnabled: false,
        magicLinkEnabled: true,
        oauthProviders: [
          { id: "google", type: "shared" },
          { id: "github", type: "standard", clientId: "gh-client", clientSecret: "gh-secret" },
        ],
        domains: [{ domain: "https://app.example.com", handlerPath: "/handler" }],
      },
    });
    const after = await app.getProject();
    expect(after.displayName).toBe("Renamed by SDK");
    expect(after.config.signUpEnabled).toBe(false);
    expect(after.config.magicLinkEnabled).toBe(true);
    expect(after.config.oauthProviders).toEqual([
      { id: "github", type: "standard", clientId: "gh-client", clientSecret: "gh-secret", facebookConfigId: undefined, microsoftTenantId: undefined, appleBundleIds: undefined },
      { id: "google", type: "shared" },
    ]);
    expect(after.config.domains).toEqual([{ domain: "https://app.example.com", handlerPath: "/handler" }]);
    // raw view agrees
    const raw = await emu.fetch("/internal/projects/current");
    expect(raw.body.display_name).toBe("Renamed by SDK");
  });

  it("project.update({ requirePublishableClientKey }) and getConfig()/updateConfig() use the override API", async () => {
    const project = await app.getProject();
    await project.update({ requirePublishableClientKey: false });
    const keyless = await emu.fetch("/projects/current", { accessType: null, headers: { "x-stack-project-id": DEMO.projectId, "x-stack-access-type": "client" } });
    expect(keyless.status).toBe(200);
    await project.update({ requirePublishableClientKey: true });

    await project.updateConfig({ "teams.allowClientTeamCreation": true });
    const cfg = (await project.getConfig()) as { teams: { allowClientTeamCreation: boolean }; rbac: { permissions: Record<string, unknown> } };
    expect(cfg.teams.allowClientTeamCreation).toBe(true);
    expect(Object.keys(cfg.rbac.permissions)).toEqual(expect.arrayContaining(["team_admin", "team_member"]));
    expect((await app.getProject()).config.clientTeamCreationEnabled).toBe(true);
  });

  it("createInternalApiKey / listInternalApiKeys / revoke", async () => {
    const created = await app.createInternalApiKey({
      description: "SDK key",
      expiresAt: new Date(Date.now() + 86_400_000),
      hasPublishableClientKey: false,
      hasSecretServerKey: true,
      hasSuperSecretAdminKey: false,
    });
    expect(created.secretServerKey).toMatch(/^ssk_/);
    expect(created.publishableClientKey).toBeUndefined();
    const listed = (await app.listInternalApiKeys()).find((k) => k.id === created.id)!;
    expect(listed.secretServerKey).toEqual({ lastFour: created.secretServerKey!.slice(-4) });
    expect(listed.publishableClientKey).toBeNull();
    expect(listed.isValid()).toBe(true);

    const authed = await emu.fetch("/projects/current", { accessType: null, headers: { "x-stack-project-id": DEMO.projectId, "x-stack-access-type": "server", "x-stack-secret-server-key": created.secretServerKey! } });
    expect(authed.status).toBe(200);
    await listed.revoke();
    const revoked = (await app.listInternalApiKeys()).find((k) => k.id === created.id)!;
    expect(revoked.whyInvalid()).toBe("manually-revoked");
    const denied = await emu.fetch("/projects/current", { accessType: null, headers: { "x-stack-project-id": DEMO.projectId, "x-stack-access-type": "server", "x-stack-secret-server-key": created.secretServerKey! } });
    expect(denied.status).toBe(401);
  });

  it("e-mail reads: templates, themes, drafts, sent log, test e-mail", async () => {
    const templates = await app.listEmailTemplates();
    expect(templates).toHaveLength(7);
    expect(templates.find((t) => t.id === "a70fb3a4-56c1-4e42-af25-49d25603abd0")?.displayName).toBe("Password Reset");
    const themes = await app.listEmailThemes();
    expect(themes.map((t) => t.displayName)).toEqual(["Default Light", "Default Dark", "Default Colorful"]);
    expect(await app.listEmailDrafts()).toEqual([]);
    const result = await app.sendTestEmail({
      recipientEmail: "ops@example.com",
      emailConfig: { host: "smtp.example.com", port: 587, username: "u", password: "p", senderEmail: "noreply@example.com", senderName: "Example" },
    });
    expect(result.status).toBe("ok");
    const failed = await app.sendTestEmail({
      recipientEmail: "ops@example.com",
      emailConfig: { host: "fail.invalid", port: 587, username: "u", password: "p", senderEmail: "noreply@example.com", senderName: "Example" },
    });
    expect(failed.status).toBe("error");
    const sent = await app.listSentEmails();
    expect(sent.some((e) => e.recipient === "ops@example.com")).toBe(true);
  });

  it("email config round-trips through project.update()", async () => {
    const project = await app.getProject();
    const emailConfig = { type: "standard" as const, host: "smtp.example.com", port: 465, username: "user", password: "secret", senderName: "Example", senderEmail: "noreply@example.com" };
    await project.update({ config: { emailConfig } });
    expect((await app.getProject()).config.emailConfig).toEqual(emailConfig);
    const created = await app.createEmailTemplate("SDK template");
    expect((await app.listEmailTemplates()).some((t) => t.id === created.id)).toBe(true);
  });

  it("metrics and svix token through the SDK's interface", async () => {
    const iface = (app as unknown as { _interface: { getMetrics: (a: boolean) => Promise<{ total_users: number; daily_users: unknown[] }>; getMetricsUserCounts: () => Promise<unknown>; getSvixToken: () => Promise<{ token: string }> } })._interface;
    const m = await iface.getMetrics(false);
    expect(typeof m.total_users).toBe("number");
    expect(m.daily_users).toHaveLength(31);
    expect(await iface.getMetricsUserCounts()).toEqual({ total_users: expect.any(Number), anonymous_users: expect.any(Number) });
    expect(typeof (await iface.getSvixToken()).token).toBe("string");
    expect((await app.sendTestWebhook({ endpointId: "ep_1" })).status).toBe("ok");
  });
});
