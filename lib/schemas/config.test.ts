import { describe, expect, it } from "vitest";
import { exportDocument } from "@/lib/config/document";
import { OMITTED_SECRET } from "@/lib/config/format";
import { parseConfigDocument, previewConfigChangeSchema } from "@/lib/schemas/config";
import { settingsFixture } from "@/lib/testing/settings-fixture";

const exported = () => JSON.parse(JSON.stringify(exportDocument(settingsFixture(), { name: "Demo" }, new Date(0))));

describe("config document schema", () => {
  it("reads back what an export writes, secrets marked as omitted", () => {
    const doc = exported();
    expect(doc.omitted).toEqual(["config.oauthProviders[github].clientSecret", "config.emails.password"]);
    expect(doc.config.oauthProviders[0].clientSecret).toBe(OMITTED_SECRET);
    expect(doc.config.oauthProviders[1]).not.toHaveProperty("clientSecret");
    const parsed = parseConfigDocument(JSON.stringify(doc));
    expect(parsed.ok).toBe(true);
  });

  it("names each invalid field by its path in the file", () => {
    const doc = exported();
    doc.config.emails.port = "587";
    doc.config.emails.host = null;
    doc.config.domains.trusted.push({ domain: "app.example.org", handlerPath: "handler" });
    doc.config.oauthProviders.push({ ...doc.config.oauthProviders[0] });
    doc.config.signIn.password = "yes";
    const parsed = parseConfigDocument(JSON.stringify(doc));
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^config\.signIn\.password: /),
        expect.stringMatching(/^config\.emails\.port: /),
        "config.domains.trusted.1.domain: Enter a full http:// or https:// URL",
        "config.domains.trusted.1.handlerPath: Start the handler path with /",
      ]),
    );
  });

  it("checks the rules across fields once the types are right", () => {
    const doc = exported();
    doc.config.emails.host = null;
    doc.config.oauthProviders.push({ ...doc.config.oauthProviders[0] });
    doc.config.oauthProviders[1].keys = "own";
    const parsed = parseConfigDocument(JSON.stringify(doc));
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      "config.oauthProviders.1.clientId: A provider with its own keys needs a client id",
      "config.oauthProviders.2.id: Provider github is listed twice",
      "config.emails.host: Required with an own e-mail server",
    ]);
  });

  it("refuses unknown fields, another format, a newer version and non-JSON", () => {
    const doc = exported();
    doc.config.signIn.client_secret = "x";
    expect(parseConfigDocument(JSON.stringify(doc))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^config\.signIn: .*client_secret/)] });
    expect(parseConfigDocument(JSON.stringify({ ...exported(), format: "other" }))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^format: Not a Stack Admin configuration file/)] });
    expect(parseConfigDocument(JSON.stringify({ ...exported(), version: 2 }))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^version: Unsupported version/)] });
    expect(parseConfigDocument("{")).toMatchObject({ ok: false, errors: [expect.stringMatching(/not valid JSON/)] });
  });

  it("parses an action's source from JSON text, with the file's issues in the message", () => {
    const ok = previewConfigChangeSchema.safeParse({ source: JSON.stringify({ kind: "import", document: exported() }) });
    expect(ok.success && ok.data.source.kind).toBe("import");
    const doc = exported();
    doc.config.emails.port = 0;
    const bad = previewConfigChangeSchema.safeParse({ source: JSON.stringify({ kind: "import", document: doc }) });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/^config\.emails\.port: /);
    for (const source of ["{", JSON.stringify({ kind: "copy", from: "../x", paths: ["signIn.password"] }), JSON.stringify({ kind: "restore", versionId: "1", side: "after" })]) {
      expect(previewConfigChangeSchema.safeParse({ source }).success, source).toBe(false);
    }
  });
});
