import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, expectKnownError, startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let userId: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  userId = crypto.randomUUID();
  emu.db.prepare("INSERT INTO users (id, project_id, signed_up_at_millis, last_active_at_millis, password_hash) VALUES (?, ?, ?, ?, 'x')").run(userId, DEMO.projectId, Date.now(), Date.now());
  emu.db
    .prepare("INSERT INTO contact_channels (id, project_id, user_id, type, value, value_lower, is_primary, is_verified, used_for_auth, created_at_millis) VALUES (?, ?, ?, 'email', 'Ada@Example.com', 'ada@example.com', 1, 1, 1, ?)")
    .run(crypto.randomUUID(), DEMO.projectId, userId, Date.now());
});
afterAll(() => emu.stop());

const outbox = async (kind: string) => {
  const res = await fetch(`${emu.url}/__emulator/outbox?kind=${kind}&project_id=${DEMO.projectId}`);
  return ((await res.json()) as { items: { payload: Record<string, unknown> }[] }).items.map((i) => i.payload);
};
const SMTP = { type: "standard", host: "smtp.example.com", port: 587, username: "u", password: "p", sender_name: "Example", sender_email: "noreply@example.com" };
const useCustomServer = () => emu.fetch("/internal/projects/current", { method: "PATCH", body: { config: { email_config: SMTP } } });
const useSharedServer = () => emu.fetch("/internal/projects/current", { method: "PATCH", body: { config: { email_config: { type: "shared" } } } });

const BUILTIN_TEMPLATE_IDS = [
  "e7d009ce-8d47-4528-b245-5bf119f2ffa3",
  "a70fb3a4-56c1-4e42-af25-49d25603abd0",
  "822687fe-8d0a-4467-a0d1-416b6e639478",
  "e84de395-2076-4831-9c19-8e9a96a868e4",
  "066dd73c-36da-4fd0-b6d6-ebf87683f8bc",
  "70372aee-0441-4d80-974c-2e858e40123a",
  "f64b1afe-27ec-4a28-a277-7178f3261f9a",
];

describe("TSX templates", () => {
  it("lists the seven built-ins under their fixed ids", async () => {
    const res = await emu.fetch("/internal/email-templates");
    expect(res.status).toBe(200);
    expect(res.body.templates.map((t: { id: string }) => t.id)).toEqual(BUILTIN_TEMPLATE_IDS);
    for (const t of res.body.templates) {
      expect(Object.keys(t)).toEqual(["id", "display_name", "tsx_source"]);
      expect(t.tsx_source).toContain("<Subject");
    }
  });

  it("create/patch/delete need a custom e-mail server", async () => {
    expectKnownError(await emu.fetch("/internal/email-templates", { method: "POST", body: { display_name: "Welcome" } }), "REQUIRES_CUSTOM_EMAIL_SERVER", 400);
    expectKnownError(
      await emu.fetch(`/internal/email-templates/${BUILTIN_TEMPLATE_IDS[0]}`, { method: "PATCH", body: { tsx_source: "x" } }),
      "REQUIRES_CUSTOM_EMAIL_SERVER",
      400,
    );
    expectKnownError(await emu.fetch(`/internal/email-templates/${BUILTIN_TEMPLATE_IDS[0]}`, { method: "DELETE" }), "REQUIRES_CUSTOM_EMAIL_SERVER", 400);
  });

  it("with a custom server: create (200 {id}), patch → rendered_html, delete → {}", async () => {
    await useCustomServer();
    const created = await emu.fetch("/internal/email-templates", { method: "POST", body: { display_name: "Welcome" } });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body)).toEqual(["id"]);
    const id = created.body.id;
    let list = (await emu.fetch("/internal/email-templates")).body.templates;
    expect(list.find((t: { id: string }) => t.id === id).display_name).toBe("Welcome");

    const src = `export function EmailTemplate() { return (<><Subject value="Hi there" /><NotificationCategory value="Transactional" /><Text>Welcome aboard</Text></>); }`;
    const patched = await emu.fetch(`/internal/email-templates/${id}`, { method: "PATCH", body: { tsx_source: src, theme_id: false } });
    expect(patched.status).toBe(200);
    expect(Object.keys(patched.body)).toEqual(["rendered_html"]);
    expect(patched.body.rendered_html).toContain("Welcome aboard");
    list = (await emu.fetch("/internal/email-templates")).body.templates;
    expect(list.find((t: { id: string }) => t.id === id)).toEqual({ id, display_name: "Welcome", tsx_source: src, theme_id: false });
    // the template lives in the config model
    const cfg = JSON.parse((await emu.fetch("/internal/config")).body.config_string);
    expect(cfg.emails.templates[id].tsxSource).toBe(src);

    const bad = expectKnownError(await emu.fetch(`/internal/email-templates/${id}`, { method: "PATCH", body: { tsx_source: "<Text>no subject</Text>" } }), "EMAIL_RENDERING_ERROR", 400);
    expect(typeof bad.details?.error).toBe("string");
    const unknown = await emu.fetch(`/internal/email-templates/${crypto.randomUUID()}`, { method: "PATCH", body: { tsx_source: src } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("x-stack-known-error")).toBeNull();

    const del = await emu.fetch(`/internal/email-templates/${id}`, { method: "DELETE" });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({});
    expect((await emu.fetch("/internal/email-templates")).body.templates.some((t: { id: string }) => t.id === id)).toBe(false);
    expect((await emu.fetch(`/internal/email-templates/${id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("while shared again, the list shows only the defaults whatever was saved", async () => {
    await useCustomServer();
    const id = (await emu.fetch("/internal/email-templates", { method: "POST", body: { display_name: "Saved" } })).body.id;
    await useSharedServer();
    const ids = (await emu.fetch("/internal/email-templates")).body.templates.map((t: { id: string }) => t.id);
    expect(ids).toEqual(BUILTIN_TEMPLATE_IDS);
    expect(ids).not.toContain(id);
  });
});

describe("themes, drafts and rendering", () => {
  it("lists the three built-in themes; create/get/patch/delete a custom one", async () => {
    const list = await emu.fetch("/internal/email-themes");
    expect(list.body.themes).toEqual([
      { id: "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac", display_name: "Default Light" },
      { id: "a0172b5d-cff0-463b-83bb-85124697373a", display_name: "Default Dark" },
      { id: "c7e2d94f-8a1b-4e6d-b3f5-9d0a2e7c1b8f", display_name: "Default Colorful" },
    ]);
    const id = (await emu.fetch("/internal/email-themes", { method: "POST", body: { display_name: "Brand" } })).body.id;
    expect((await emu.fetch(`/internal/email-themes/${id}`)).body.display_name).toBe("Brand");
    // A source that does not export EmailTheme does not render: refused, nothing saved.
    const bad = await emu.fetch(`/internal/email-themes/${id}`, { method: "PATCH", body: { tsx_source: "<Body style={{ backgroundColor: \"#654321\" }}>{children}</Body>" } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("EMAIL_RENDERING_ERROR");
    const ok = await emu.fetch(`/internal/email-themes/${id}`, { method: "PATCH", body: { tsx_source: "export function EmailTheme({ children }) { return <Body style={{ backgroundColor: \"#123456\" }}>{children}</Body>; }" } });
    expect(ok.body).toEqual({ display_name: "Brand" });
    expect((await emu.fetch(`/internal/email-themes/${id}`)).body.tsx_source).toContain("#123456");
    expect((await emu.fetch("/emails/render-email", { method: "POST", body: { template_tsx_source: "<Text>Hi</Text>", theme_tsx_source: "<Body>{children}</Body>" } })).body.code).toBe("EMAIL_RENDERING_ERROR");
    // the new theme can be selected as the project theme
    const sel = await emu.fetch("/internal/projects/current", { method: "PATCH", body: { config: { email_theme: id } } });
    expect(sel.body.config.email_theme).toBe(id);
    expect((await emu.fetch(`/internal/email-themes/${id}`, { method: "DELETE" })).status).toBe(400);
    await emu.fetch("/internal/projects/current", { method: "PATCH", body: { config: { email_theme: "1df07ae6-abf3-4a40-83a5-a1a2cbe336ac" } } });
    expect((await emu.fetch(`/internal/email-themes/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await emu.fetch(`/internal/email-themes/${id}`)).status).toBe(404);
  });

  it("drafts: create, list, patch, delete", async () => {
    const id = (await emu.fetch("/internal/email-drafts", { method: "POST", body: { display_name: "News", theme_id: false } })).body.id;
    let drafts = (await emu.fetch("/internal/email-drafts")).body.drafts;
    expect(drafts).toEqual([{ id, display_name: "News", theme_id: false, tsx_source: expect.any(String), sent_at_millis: null }]);
    expect((await emu.fetch(`/internal/email-drafts/${id}`, { method: "PATCH", body: { display_name: "News 2", theme_id: null } })).status).toBe(200);
    drafts = (await emu.fetch("/internal/email-drafts")).body.drafts;
    expect(drafts[0].display_name).toBe("News 2");
    expect("theme_id" in drafts[0]).toBe(false);
    expect((await emu.fetch(`/internal/email-drafts/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await emu.fetch("/internal/email-drafts")).body.drafts).toEqual([]);
    expect((await emu.fetch(`/internal/email-drafts/${id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("render-email renders a template with a theme; needs exactly one template choice", async () => {
    const res = await emu.fetch("/emails/render-email", { method: "POST", body: { template_id: BUILTIN_TEMPLATE_IDS[1], theme_id: "a0172b5d-cff0-463b-83bb-85124697373a" } });
    expect(res.status).toBe(200);
    expect(res.body.html).toContain("Reset your password");
    expect(res.body.html).toContain("#111827");
    const plain = await emu.fetch("/emails/render-email", { method: "POST", body: { template_tsx_source: "<Text>Hello</Text>", theme_id: false } });
    expect(plain.body.html).toContain("<p>Hello</p>");
    expect((await emu.fetch("/emails/render-email", { method: "POST", body: {} })).status).toBe(400);
    expectKnownError(await emu.fetch("/emails/render-email", { method: "POST", accessType: "server", body: {} }), "INSUFFICIENT_ACCESS_TYPE", 401);
  });
});

describe("sending, the log and the test e-mail", () => {
  it("send-email needs a custom server and existing users; records one e-mail per recipient", async () => {
    await useSharedServer();
    expectKnownError(await emu.fetch("/emails/send-email", { method: "POST", accessType: "server", body: { user_ids: [userId], html: "<p>x</p>", subject: "S" } }), "REQUIRES_CUSTOM_EMAIL_SERVER", 400);
    await useCustomServer();
    const missing = crypto.randomUUID();
    const err = expectKnownError(await emu.fetch("/emails/send-email", { method: "POST", accessType: "server", body: { user_ids: [userId, missing], html: "<p>x</p>", subject: "S" } }), "USER_ID_DOES_NOT_EXIST", 400);
    expect(err.details).toEqual({ user_id: missing });
    const ok = await emu.fetch("/emails/send-email", { method: "POST", accessType: "server", body: { user_ids: [userId], html: "<p>Big news</p>", subject: "News" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ results: [{ user_id: userId }] });
    const tpl = await emu.fetch("/emails/send-email", { method: "POST", accessType: "admin", body: { all_users: true, template_id: BUILTIN_TEMPLATE_IDS[0] } });
    expect(tpl.status).toBe(200);
    const sent = await outbox("email");
    expect(sent.some((e) => e.subject === "News" && (e.to as string[])[0] === "Ada@Example.com")).toBe(true);
    expect(sent.some((e) => String(e.subject).startsWith("Verify your email at"))).toBe(true);
    const log = await emu.fetch("/internal/emails");
    expect(log.status).toBe(200);
    expect(log.body.is_paginated).toBe(false);
    expect(log.body.items[0]).toEqual({ id: expect.any(String), subject: expect.stringContaining("Verify your email"), sent_at_millis: expect.any(Number), to: ["Ada@Example.com"] });
    expect((await emu.fetch("/emails/send-email", { method: "POST", accessType: "server", body: { user_ids: [userId] } })).status).toBe(400);
    expectKnownError(await emu.fetch("/emails/send-email", { method: "POST", accessType: "client", body: {} }), "INSUFFICIENT_ACCESS_TYPE", 401);
  });

  it("send-test-email: 200 success and recorded; failure switch reports in the body", async () => {
    const cfg = { host: "smtp.example.com", port: 465, username: "u", password: "p", sender_name: "S", sender_email: "s@example.com" };
    const ok = await emu.fetch("/internal/send-test-email", { method: "POST", body: { recipient_email: "ops@example.com", email_config: cfg } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ success: true });
    expect((await outbox("email")).some((e) => e.type === "test" && (e.to as string[])[0] === "ops@example.com")).toBe(true);
    const fail = await emu.fetch("/internal/send-test-email", { method: "POST", body: { recipient_email: "ops@example.com", email_config: { ...cfg, host: "fail.invalid" } } });
    expect(fail.status).toBe(200);
    expect(fail.body.success).toBe(false);
    expect(typeof fail.body.error_message).toBe("string");
    const bad = expectKnownError(await emu.fetch("/internal/send-test-email", { method: "POST", body: { recipient_email: "nope", email_config: cfg } }), "SCHEMA_ERROR", 400);
    expect(bad.error).toContain("body.recipient_email must be a valid email");
  });

  it("send-sign-in-invitation records an e-mail; the callback must be trusted", async () => {
    expectKnownError(
      await emu.fetch("/internal/send-sign-in-invitation", { method: "POST", body: { email: "new@example.com", callback_url: "https://evil.example.net/handler" } }),
      "REDIRECT_URL_NOT_WHITELISTED",
      400,
    );
    const ok = await emu.fetch("/internal/send-sign-in-invitation", { method: "POST", body: { email: "new@example.com", callback_url: "http://localhost:3000/handler/sign-in" } });
    expect(ok.status).toBe(200);
    expect((await outbox("email")).some((e) => e.type === "sign_in_invitation" && (e.to as string[])[0] === "new@example.com")).toBe(true);
  });

  it("password reset: same answer for known and unknown addresses, only a known one is recorded", async () => {
    await emu.fetch("/internal/projects/current", { method: "PATCH", body: { config: { domains: [{ domain: "https://app.example.com", handler_path: "/handler" }] } } });
    const known = await emu.fetch("/auth/password/send-reset-code", { method: "POST", accessType: "client", body: { email: "ada@example.com", callback_url: "https://app.example.com/handler/password-reset" } });
    expect(known.status).toBe(200);
    expect(known.body).toEqual({ success: "maybe, only if user with e-mail exists" });
    const unknown = await emu.fetch("/auth/password/send-reset-code", { method: "POST", accessType: "server", body: { email: "nobody@example.com", callback_url: "https://app.example.com/handler/password-reset" } });
    expect(unknown.body).toEqual(known.body);
    const resets = (await outbox("email")).filter((e) => e.type === "password_reset");
    expect(resets).toHaveLength(1);
    expect(resets[0]!.user_id).toBe(userId);
    expect(String(resets[0]!.link)).toMatch(/^https:\/\/app\.example\.com\/handler\/password-reset\?code=/);
    expectKnownError(
      await emu.fetch("/auth/password/send-reset-code", { method: "POST", accessType: "client", body: { email: "ada@example.com", callback_url: "https://evil.example.net/x" } }),
      "REDIRECT_URL_NOT_WHITELISTED",
      400,
    );
    await emu.fetch("/internal/projects/current", { method: "PATCH", body: { config: { credential_enabled: false } } });
    expectKnownError(
      await emu.fetch("/auth/password/send-reset-code", { method: "POST", accessType: "client", body: { email: "ada@example.com", callback_url: "https://app.example.com/handler/x" } }),
      "PASSWORD_AUTHENTICATION_NOT_ENABLED",
      400,
    );
    await emu.fetch("/internal/projects/current", { method: "PATCH", body: { config: { credential_enabled: true } } });
  });
});

describe("webhooks", () => {
  it("svix-token answers 201 {token}; admin only", async () => {
    const res = await emu.fetch("/webhooks/svix-token", { method: "POST", body: {} });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(["token"]);
    expect(typeof res.body.token).toBe("string");
    expect((await emu.fetch("/webhooks/svix-token", { method: "POST" })).status).toBe(201);
    expectKnownError(await emu.fetch("/webhooks/svix-token", { method: "POST", accessType: "server", body: {} }), "INSUFFICIENT_ACCESS_TYPE", 401);
  });

  it("send-test-webhook reports success (or the failure switch) and records it", async () => {
    const ok = await emu.fetch("/internal/send-test-webhook", { method: "POST", body: { endpoint_id: "ep_123" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ success: true });
    const fail = await emu.fetch("/internal/send-test-webhook", { method: "POST", body: { endpoint_id: "ep_fail" } });
    expect(fail.body.success).toBe(false);
    expect(typeof fail.body.error_message).toBe("string");
    expect((await outbox("webhook-test")).map((e) => e.endpoint_id)).toEqual(["ep_123", "ep_fail"]);
    expectKnownError(await emu.fetch("/internal/send-test-webhook", { method: "POST", body: {} }), "SCHEMA_ERROR", 400);
  });
});
