import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyConfigChange, exportConfig, previewConfigChange } from "@/lib/server/config";
import { listConfigHistory } from "@/lib/server/config-history";
import { getSettings, saveSettings, toSettingsDTO, updateGeneralSettings } from "@/lib/server/settings";
import { signInImpactOf } from "@/lib/server/config-impact";
import { getEmailSettingsData, previewEmailTheme, saveEmailTheme, sendTestEmailWith } from "@/lib/server/settings-emails";
import { createStackClient } from "@/lib/stack/client";
import { resetProjectPathCacheForTests } from "@/lib/stack/project";
import { adminProjectSchema } from "@/lib/stack/schemas";
import { useConsoleEnv, type ConsoleEnv } from "@/lib/testing/console-env";
import { startEmulatorProcess, TEST_PROJECT, type TestEmulator } from "@/lib/testing/emulator";
import { recorder } from "@/lib/testing/recorder";

// Real emulators over HTTP: the newest release and the February 2025 line (no /internal/projects/current).
let latest: TestEmulator;
let legacy: TestEmulator;
let r2886: TestEmulator;
let env: ConsoleEnv;
beforeAll(async () => {
  [latest, legacy, r2886] = await Promise.all([startEmulatorProcess({ release: "latest" }), startEmulatorProcess({ release: "2025-02" }), startEmulatorProcess({ release: "2.8.86" })]);
  resetProjectPathCacheForTests();
  // Every config write records its history in the console's database: a fresh SQLite file here.
  env = await useConsoleEnv(latest.url, "settings");
});
afterAll(async () => {
  await Promise.all([latest?.stop(), legacy?.stop(), r2886?.stop()]);
  await env?.dispose();
});

const credsFor = (emu: TestEmulator) => ({ slug: "s", name: "S", projectId: TEST_PROJECT.projectId, apiUrl: emu.url, adminKey: TEST_PROJECT.superSecretAdminKey, environment: "staging" as const });
const summary = { slug: "s", name: "S", projectId: TEST_PROJECT.projectId, apiUrl: "http://x", environment: "staging" as const };
/** Records audits; `typed` is what the operator typed (a mismatch throws, as ctx.confirm does). */
const admin = (emu: TestEmulator, path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${emu.url}/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { "x-stack-project-id": TEST_PROJECT.projectId, "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": TEST_PROJECT.superSecretAdminKey, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

/** `GET /internal/projects/current` as a real 2.8.86 server answered it (captured verbatim). */
const sample2886 = {"id": "5fa25379-ded0-41ad-951c-f59aaa726a2a", "display_name": "Real Stack Test Project", "description": "", "logo_url": null, "logo_full_url": null, "logo_dark_mode_url": null, "logo_full_dark_mode_url": null, "created_at_millis": 1796153545091, "is_production_mode": false, "owner_team_id": "89770053-a824-411c-a5e6-23401635b491", "onboarding_status": "completed", "config": {"allow_localhost": true, "client_team_creation_enabled": false, "client_user_deletion_enabled": false, "sign_up_enabled": true, "oauth_account_merge_strategy": "link_method", "create_team_on_sign_up": false, "credential_enabled": true, "magic_link_enabled": true, "passkey_enabled": false, "oauth_providers": [], "enabled_oauth_providers": [], "domains": [], "email_config": {"type": "shared"}, "email_theme": "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac", "team_creator_default_permissions": [{"id": "team_admin"}], "team_member_default_permissions": [{"id": "team_member"}], "user_default_permissions": [], "allow_user_api_keys": false, "allow_team_api_keys": false}};

describe("settings DTO", () => {
  it("drops the OAuth client secret and the SMTP password of a project that has both", async () => {
    const client = createStackClient(credsFor(latest));
    const res = await fetch(`${latest.url}/api/v1/internal/projects/current`, {
      method: "PATCH",
      headers: { "x-stack-project-id": TEST_PROJECT.projectId, "x-stack-access-type": "admin", "x-stack-super-secret-admin-key": TEST_PROJECT.superSecretAdminKey, "content-type": "application/json" },
      body: JSON.stringify({
        config: {
          oauth_providers: [{ id: "github", type: "standard", client_id: "gh-client-id", client_secret: "gh-secret-XYZZY" }],
          email_config: { type: "standard", host: "smtp.example.com", port: 587, username: "mailer", password: "smtp-pass-PLUGH", sender_name: "Acme", sender_email: "no-reply@example.com" },
        },
      }),
    });
    expect(res.status).toBe(200);
    const raw = await res.text();
    // The server does send both secrets back: the mapping is what drops them.
    expect(raw).toContain("gh-secret-XYZZY");
    expect(raw).toContain("smtp-pass-PLUGH");

    const dto = await getSettings(client, summary);
    const bytes = JSON.stringify(dto);
    expect(bytes).not.toContain("gh-secret-XYZZY");
    expect(bytes).not.toContain("smtp-pass-PLUGH");
    expect(dto.oauthProviders).toEqual([{ id: "github", keys: "own", clientId: "gh-client-id", microsoftTenantId: null, facebookConfigId: null }]);
    expect(dto.emails).toEqual({ server: "own", host: "smtp.example.com", port: 587, username: "mailer", senderName: "Acme", senderEmail: "no-reply@example.com", themeId: expect.any(String) });
    expect(dto.general.environment).toBe("staging");
  });

  it("maps a real 2.8.86 answer, and fields that release lacks are null", () => {
    const p = adminProjectSchema.parse(sample2886);
    const dto = toSettingsDTO(p, null);
    expect(dto.general).toEqual({ displayName: "Real Stack Test Project", description: "", projectId: p.id, environment: null, isProductionMode: false });
    expect(dto.signIn).toEqual({
      signUpEnabled: true,
      password: true,
      magicLink: true,
      passkey: false,
      anonymousSignUp: null,
      requireEmailVerification: null,
      oauthAccountMergeStrategy: "link_method",
      allowUserApiKeys: false,
      allowTeamApiKeys: false,
    });
    expect(dto.emails.server).toBe("shared");
    expect(dto.teams).toEqual({
      createPersonalTeamOnSignUp: false,
      clientTeamCreation: false,
      clientUserDeletion: false,
      teamCreatorDefaultPermissions: ["team_admin"],
      teamMemberDefaultPermissions: ["team_member"],
      userDefaultPermissions: [],
    });
  });
});

describe("updateGeneralSettings", () => {
  for (const rel of ["latest", "2025-02"] as const) {
    it(`sends only what changed and audits it (${rel})`, async () => {
      const emu = rel === "latest" ? latest : legacy;
      const client = createStackClient(credsFor(emu));
      const before = await getSettings(client, summary);
      const r = recorder();
      const saved = await updateGeneralSettings(client, summary, { displayName: `Renamed ${rel}`, description: before.general.description }, r);
      expect(saved.displayName).toBe(`Renamed ${rel}`);
      expect(r.audits).toEqual([
        {
          target: { type: "project", id: TEST_PROJECT.projectId, label: before.general.displayName },
          changes: { source: "settings", fields: [{ path: "general.displayName", kind: "changed", from: before.general.displayName, to: `Renamed ${rel}` }], secretsReplaced: [], dangerous: [] },
        },
      ]);
      expect((await getSettings(client, summary)).general.displayName).toBe(`Renamed ${rel}`);

      const none = recorder();
      await updateGeneralSettings(client, summary, { description: before.general.description }, none);
      expect(none.audits).toEqual([{ target: expect.objectContaining({ type: "project" }), changes: { source: "settings", fields: [], secretsReplaced: [], dangerous: [] } }]);
    });
  }
});

describe("writeProjectConfig (a settings save)", () => {
  for (const rel of ["latest", "2.8.86", "2025-02"] as const) {
    it(`refuses a dangerous change without the typed confirmation, then applies it with it (${rel})`, async () => {
      const emu = rel === "latest" ? latest : rel === "2.8.86" ? r2886 : legacy;
      const client = createStackClient(credsFor(emu));
      const before = await getSettings(client, summary);
      expect(before.signIn.signUpEnabled).toBe(true);
      const wrong = recorder("not the name");
      await expect(saveSettings(client, summary, { signIn: { signUpEnabled: false } }, wrong)).rejects.toThrow("CONFIRMATION_MISMATCH");
      expect(wrong.asked).toEqual([before.general.displayName]);
      expect((await getSettings(client, summary)).signIn.signUpEnabled).toBe(true);

      const right = recorder(before.general.displayName);
      const w = await saveSettings(client, summary, { signIn: { signUpEnabled: false } }, right);
      expect(w.dangerous.map((d) => d.key)).toEqual(["disableSignUp"]);
      expect(w.before.signIn.signUpEnabled).toBe(true);
      expect(w.after.signIn.signUpEnabled).toBe(false);
      const live = (await (await admin(emu, rel === "2025-02" ? "/projects/current" : "/internal/projects/current")).json()) as { config: { sign_up_enabled: boolean } };
      expect(live.config.sign_up_enabled).toBe(false);
      await saveSettings(client, summary, { signIn: { signUpEnabled: true } }, recorder());
    });
  }

  it("on 2.8.86 PATCH /projects/current is 405: the write went to /internal/projects/current", async () => {
    expect((await admin(r2886, "/projects/current", { method: "PATCH", body: { config: { allow_localhost: false } } })).status).toBe(405);
    const client = createStackClient(credsFor(r2886));
    const w = await saveSettings(client, summary, { domains: { allowLocalhost: false } }, recorder());
    expect(w.after.domains.allowLocalhost).toBe(false);
    expect(((await (await admin(r2886, "/internal/projects/current")).json()) as { config: { allow_localhost: boolean } }).config.allow_localhost).toBe(false);
    await saveSettings(client, summary, { domains: { allowLocalhost: true } }, recorder());
  });

  it("refuses to leave no sign-in method unless the exact consequence is typed", async () => {
    const client = createStackClient(credsFor(latest));
    const before = await getSettings(client, summary);
    const off = { signIn: { password: false, magicLink: false, passkey: false }, oauthProviders: [] };
    const byName = recorder(before.general.displayName);
    await expect(saveSettings(client, summary, off, byName)).rejects.toThrow("CONFIRMATION_MISMATCH");
    expect(byName.asked).toEqual(["no one can sign in"]);
    expect((await getSettings(client, summary)).signIn.password).toBe(before.signIn.password);
    const w = await saveSettings(client, summary, off, recorder("no one can sign in"));
    expect(w.after.signIn).toMatchObject({ password: false, magicLink: false, passkey: false });
    await saveSettings(client, summary, { signIn: { password: true, magicLink: before.signIn.magicLink } }, recorder());
  });

  it("keeps a write-only secret the operator leaves empty, replaces it when typed, and never returns it", async () => {
    const client = createStackClient(credsFor(latest));
    const gh = (secret: string) => ({ id: "github" as const, keys: "own" as const, clientId: "gh-id", clientSecret: secret, microsoftTenantId: "", facebookConfigId: "" });
    const first = await saveSettings(client, summary, { oauthProviders: [gh("secret-ONE")] }, recorder());
    expect(JSON.stringify(first)).not.toContain("secret-ONE");
    const read = async () => ((await (await admin(latest, "/internal/projects/current")).json()) as { config: { oauth_providers: { id: string; client_secret?: string; client_id?: string }[] } }).config.oauth_providers;
    await saveSettings(client, summary, { oauthProviders: [{ ...gh(""), clientId: "gh-id-2" }] }, recorder());
    expect(await read()).toEqual([expect.objectContaining({ id: "github", client_id: "gh-id-2", client_secret: "secret-ONE" })]);
    const r = recorder();
    await saveSettings(client, summary, { oauthProviders: [{ ...gh("secret-TWO"), clientId: "gh-id-2" }] }, r);
    expect(await read()).toEqual([expect.objectContaining({ client_secret: "secret-TWO" })]);
    expect(r.audits[0]?.changes).toMatchObject({ fields: [], secretsReplaced: ["oauthProviders[github].clientSecret"] });
    expect(JSON.stringify(r.audits)).not.toContain("secret-TWO");

    // A provider with own keys and no secret anywhere is refused before any write.
    await expect(saveSettings(client, summary, { oauthProviders: [{ ...gh(""), id: "gitlab" }] }, recorder("S"))).rejects.toThrow(/client secret of gitlab/);
    // An own SMTP server needs its password once: none is saved while the server is the shared one.
    const name = (await getSettings(client, summary)).general.displayName;
    await saveSettings(client, summary, { emails: { server: "shared" } }, recorder(name));
    await expect(
      saveSettings(client, summary, { emails: { server: "own", host: "smtp.example.com", port: 587, username: "u", password: "", senderName: "S", senderEmail: "s@example.com" } }, recorder("S")),
    ).rejects.toThrow(/SMTP password/);
  });
});

describe("writeProjectConfig (an import)", () => {
  it("applies every exported field, the e-mail theme included: export → import is an empty diff, and a changed theme is written", async () => {
    const client = createStackClient(credsFor(latest));
    const doc = await exportConfig(client, summary);
    const same = await previewConfigChange(client, summary, { kind: "import", document: doc });
    expect(same.changes).toEqual([]);

    const themes = ((await (await admin(latest, "/internal/email-themes")).json()) as { themes: { id: string }[] }).themes.map((t) => t.id);
    const other = themes.find((t) => t !== doc.config.emails.themeId)!;
    const changed = structuredClone(doc);
    changed.config.emails.themeId = other;
    changed.config.signIn.magicLink = !doc.config.signIn.magicLink;
    const source = { kind: "import" as const, document: changed };
    const preview = await previewConfigChange(client, summary, source);
    expect(preview.changes.map((c) => c.path).sort()).toEqual(["emails.themeId", "signIn.magicLink"]);
    const r = Object.assign(recorder(doc.config.general.displayName), { operator: { email: "ops@example.com" } });
    await applyConfigChange(client, summary, { source, previewHash: preview.hash }, r);
    expect(r.asked, "a whole-config apply is confirmed even when nothing in it is dangerous").toEqual([doc.config.general.displayName]);
    const live = (await (await admin(latest, "/internal/projects/current")).json()) as { config: { email_theme: string; magic_link_enabled: boolean } };
    expect(live.config).toMatchObject({ email_theme: other, magic_link_enabled: changed.config.signIn.magicLink });
    expect((await previewConfigChange(client, summary, source)).changes, "nothing left to apply").toEqual([]);
    const [newest] = await listConfigHistory(summary);
    expect(newest).toMatchObject({ kind: "console", actor: "ops@example.com", source: "import" });
    expect(newest?.fields.sort()).toEqual(["emails.themeId", "signIn.magicLink"]);

    // A stale preview is refused before anything is written.
    await expect(applyConfigChange(client, summary, { source: { kind: "import", document: doc }, previewHash: preview.hash }, recorder(doc.config.general.displayName))).rejects.toThrow(/changed since the preview/);
    const back = await previewConfigChange(client, summary, { kind: "import", document: doc });
    await applyConfigChange(client, summary, { source: { kind: "import", document: doc }, previewHash: back.hash }, recorder(doc.config.general.displayName));
    expect(((await (await admin(latest, "/internal/projects/current")).json()) as { config: { email_theme: string } }).config.email_theme).toBe(doc.config.emails.themeId);
  });
});

describe("counts for a guarded sign-in change", () => {
  it("counts, over the users Stack lists, who signs in with a provider or method being removed and who would be left without any", async () => {
    const client = createStackClient(credsFor(latest));
    const tag = crypto.randomUUID().slice(0, 8);
    const create = (body: object) => admin(latest, "/users", { method: "POST", body });
    // Users can only be linked to a provider the project has.
    const name = (await getSettings(client, summary)).general.displayName;
    await saveSettings(client, summary, { signIn: { password: true }, oauthProviders: [{ id: "github", keys: "shared", clientId: "", clientSecret: "", microsoftTenantId: "", facebookConfigId: "" }] }, recorder(name));
    const made = await Promise.all([
      create({ primary_email: `pw-${tag}@example.com`, password: "a-long-password-1" }),
      create({ primary_email: `gh-${tag}@example.com`, oauth_providers: [{ id: "github", account_id: `gh-${tag}`, email: `gh-${tag}@example.com` }] }),
      create({ primary_email: `both-${tag}@example.com`, password: "a-long-password-2", oauth_providers: [{ id: "github", account_id: `both-${tag}`, email: null }] }),
    ]);
    expect(made.map((r) => r.status)).toEqual([201, 201, 201]);
    const live = await getSettings(client, summary);
    const all = ((await (await admin(latest, "/users?limit=1000")).json()) as { items: { has_password: boolean; otp_auth_enabled: boolean; passkey_auth_enabled: boolean; oauth_providers: { id: string }[] }[] }).items;
    const withGithub = all.filter((u) => u.oauth_providers.some((p) => p.id === "github")).length;
    const githubOnly = all.filter((u) => u.oauth_providers.some((p) => p.id === "github") && !u.has_password && !(live.signIn.magicLink && u.otp_auth_enabled) && !(live.signIn.passkey && u.passkey_auth_enabled)).length;
    expect(withGithub).toBeGreaterThanOrEqual(2);

    const { impact } = await signInImpactOf(client, live, { password: live.signIn.password, magicLink: live.signIn.magicLink, passkey: live.signIn.passkey, providers: [] });
    expect(impact).toEqual({ scanned: all.length, complete: true, using: { "oauthProviders[github]": withGithub }, lockedOut: githubOnly });
    expect(githubOnly).toBeGreaterThanOrEqual(1);
    // Nothing dangerous, nothing counted.
    expect((await signInImpactOf(client, live, { password: true, magicLink: live.signIn.magicLink, passkey: live.signIn.passkey, providers: ["github"] })).impact).toBeNull();
  });
});

describe("e-mail themes", () => {
  it("lists each theme with its source; a theme is edited and previewed even with the shared server; one that does not render is refused", async () => {
    const client = createStackClient(credsFor(latest));
    const name = (await getSettings(client, summary)).general.displayName;
    await saveSettings(client, summary, { emails: { server: "shared" } }, recorder(name));
    const data = await getEmailSettingsData(client);
    const dark = data.themes?.find((t) => t.displayName === "Default Dark");
    expect(dark?.tsxSource).toContain("export function EmailTheme");
    const edited = dark!.tsxSource!.replace("#111827", "#0a3d62");
    const preview = await previewEmailTheme(client, { themeId: dark!.id, tsxSource: edited });
    expect(preview.html).toContain("#0a3d62");
    expect((await getEmailSettingsData(client)).themes?.find((t) => t.id === dark!.id)?.tsxSource, "a preview saves nothing").toBe(dark!.tsxSource);

    const r = recorder();
    await saveEmailTheme(client, { themeId: dark!.id, tsxSource: edited }, r);
    expect(r.audits).toEqual([{ target: { type: "emailTheme", id: dark!.id, label: "Default Dark" }, changes: { tsxSource: { fromLength: dark!.tsxSource!.length, toLength: edited.length } } }]);
    expect((await getEmailSettingsData(client)).themes?.find((t) => t.id === dark!.id)?.tsxSource).toBe(edited);
    await expect(saveEmailTheme(client, { themeId: dark!.id, tsxSource: "<Body>{children}</Body>" }, recorder())).rejects.toMatchObject({ code: "EMAIL_RENDERING_ERROR" });
    await expect(saveEmailTheme(client, { themeId: crypto.randomUUID(), tsxSource: edited }, recorder())).rejects.toThrow(/no longer exists/);
    await saveEmailTheme(client, { themeId: dark!.id, tsxSource: dark!.tsxSource! }, recorder());
  });

  it("is null on a release without themes (February 2025)", async () => {
    expect(await getEmailSettingsData(createStackClient(credsFor(legacy)))).toEqual({ templates: null, themes: null });
  });
});

describe("sendTestEmailWith", () => {
  it("uses the saved SMTP password only towards the saved server, and shows Stack's failure message", async () => {
    const client = createStackClient(credsFor(latest));
    const name = (await getSettings(client, summary)).general.displayName;
    const smtp = { host: "smtp.saved.test", port: 2525, username: "mailer", senderName: "S", senderEmail: "s@example.com" };
    await saveSettings(client, summary, { emails: { server: "own", ...smtp, password: "saved-PASSWORD" } }, recorder(name));
    const sent = await sendTestEmailWith(client, { recipientEmail: "ops@example.com", ...smtp, password: "" }, recorder());
    expect(sent).toEqual({ success: true, message: null });
    // Another host with an empty password would carry the saved secret elsewhere: refused.
    await expect(sendTestEmailWith(client, { recipientEmail: "ops@example.com", ...smtp, host: "attacker.example", password: "" }, recorder())).rejects.toThrow(/saved host, port and username/);
    const failed = await sendTestEmailWith(client, { recipientEmail: "ops@example.com", ...smtp, host: "fail.invalid", password: "typed" }, recorder());
    expect(failed.success).toBe(false);
    expect(failed.message).toMatch(/Failed to connect to the SMTP server fail\.invalid:2525/);
    await saveSettings(client, summary, { emails: { server: "shared" } }, recorder(name));
  });
});
