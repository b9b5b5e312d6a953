import { describe, expect, it } from "vitest";
import { diffConfig } from "@/lib/config/diff";
import { comparable, exportDocument, fillFromLive, toConfigBody } from "@/lib/config/document";
import { copyPaths, parsePath } from "@/lib/config/paths";
import { NEW_SECRET, OMITTED_SECRET } from "@/lib/config/format";
import { settingsFixture } from "@/lib/testing/settings-fixture";

describe("config document", () => {
  it("round-trips: an export compared with the live config is an empty diff", () => {
    const live = toConfigBody(settingsFixture());
    const file = JSON.parse(JSON.stringify(exportDocument(settingsFixture(), { name: "Demo" }, new Date())));
    expect(diffConfig(comparable(live), comparable(file.config))).toEqual([]);
  });

  it("shows a new write-only value as set, never its text", () => {
    const live = toConfigBody(settingsFixture());
    const target = structuredClone(live);
    target.oauthProviders[0]!.clientSecret = "s3cret-value";
    target.emails.password = OMITTED_SECRET;
    const changes = diffConfig(comparable(live), comparable(target));
    expect(changes).toEqual([{ path: "oauthProviders[github].clientSecret", kind: "added", before: undefined, after: NEW_SECRET }]);
    expect(JSON.stringify(changes)).not.toContain("s3cret-value");
  });

  it("keeps the live value where a file leaves a release-specific field null", () => {
    const live = toConfigBody(settingsFixture());
    const target = structuredClone(live);
    target.signIn.oauthAccountMergeStrategy = null;
    target.signIn.allowUserApiKeys = null;
    expect(diffConfig(live, fillFromLive(target, live))).toEqual([]);
  });

  it("keeps the live e-mail theme when a file has none, and takes the file's when it has one", () => {
    const live = toConfigBody({ ...settingsFixture(), emails: { ...settingsFixture().emails, themeId: "theme-live" } });
    const older = structuredClone(live);
    delete older.emails.themeId;
    expect(diffConfig(live, fillFromLive(older, live))).toEqual([]);
    const other = structuredClone(live);
    other.emails.themeId = "theme-file";
    expect(diffConfig(live, fillFromLive(other, live))).toEqual([{ path: "emails.themeId", kind: "changed", before: "theme-live", after: "theme-file" }]);
  });
});

describe("config paths", () => {
  it("parses diff paths, keyed items included, and refuses malformed ones", () => {
    expect(parsePath("domains.trusted[https://a.example].handlerPath")).toEqual([{ key: "domains" }, { key: "trusted" }, { id: "https://a.example" }, { key: "handlerPath" }]);
    for (const bad of ["", ".a", "a.", "a..b", "[x]", "a[]", "a[x"]) expect(parsePath(bad), bad).toBeNull();
  });

  it("copies exactly the chosen rows: a scalar, a whole provider added, a domain removed", () => {
    const target = toConfigBody(settingsFixture());
    const source = structuredClone(target);
    source.signIn.magicLink = true;
    source.general.displayName = "Other";
    source.oauthProviders.push({ id: "microsoft", keys: "shared", clientId: null, microsoftTenantId: "tenant", facebookConfigId: null });
    source.domains.trusted = [];
    const paths = diffConfig(target, source).map((c) => c.path);
    expect(paths).toEqual(["general.displayName", "signIn.magicLink", "oauthProviders[microsoft]", "domains.trusted[https://app.example.com]"]);
    const { result, unknown } = copyPaths(target, source, ["signIn.magicLink", "oauthProviders[microsoft]", "domains.trusted[https://app.example.com]"]);
    expect(unknown).toEqual([]);
    expect(diffConfig(result, source).map((c) => c.path)).toEqual(["general.displayName"]);
    expect(target.signIn.magicLink, "the target itself is not modified").toBe(false);
  });

  it("reports paths that name nothing, and never writes through __proto__", () => {
    const target = toConfigBody(settingsFixture());
    const { unknown } = copyPaths(target, target, ["signIn.nope", "__proto__.polluted", "oauthProviders[nope].clientId", "general[x]"]);
    expect(unknown).toHaveLength(4);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
