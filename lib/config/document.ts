// The configuration document: what an export writes and what import, compare and restore diff.
// Isomorphic and pure. Write-only values (OAuth client secrets, the SMTP password) never appear:
// an export marks where they were left out, and a diff shows only that a new one would be set.
import { CONFIG_FORMAT, CONFIG_VERSION, NEW_SECRET, OMITTED_SECRET } from "@/lib/config/format";
import type { ConfigBody, ConfigDocument } from "@/lib/schemas/config";
import type { SettingsDTO } from "@/lib/settings-dto";

/** The importable part of the settings: the project id and the console's own label are not config. */
export function toConfigBody(s: SettingsDTO): ConfigBody {
  return {
    general: { displayName: s.general.displayName, description: s.general.description, isProductionMode: s.general.isProductionMode },
    signIn: { ...s.signIn, oauthAccountMergeStrategy: s.signIn.oauthAccountMergeStrategy as ConfigBody["signIn"]["oauthAccountMergeStrategy"] },
    oauthProviders: s.oauthProviders.map((p) => ({ ...p })),
    domains: { allowLocalhost: s.domains.allowLocalhost, trusted: s.domains.trusted.map((d) => ({ ...d })) },
    emails: { ...s.emails },
    teams: { ...s.teams },
  };
}

/** The versioned export: each write-only value replaced by the omitted marker and listed in `omitted`. */
export function exportDocument(s: SettingsDTO, project: { name: string }, now: Date): ConfigDocument {
  const config = toConfigBody(s);
  const omitted: string[] = [];
  for (const p of config.oauthProviders) {
    if (p.keys !== "own") continue;
    p.clientSecret = OMITTED_SECRET;
    omitted.push(`config.oauthProviders[${p.id}].clientSecret`);
  }
  if (config.emails.server === "own") {
    config.emails.password = OMITTED_SECRET;
    omitted.push("config.emails.password");
  }
  return { format: CONFIG_FORMAT, version: CONFIG_VERSION, exportedAt: now.toISOString(), project: { name: project.name, projectId: s.general.projectId }, omitted, config };
}

/**
 * `target` with every field it leaves open taken from `live`: a null where the live config has a
 * value (the file does not set it, or came from a release without it) keeps the live value.
 */
export function fillFromLive(target: ConfigBody, live: ConfigBody): ConfigBody {
  const keep = <T>(t: T | null, l: T | null): T | null => (t === null ? l : t);
  return {
    ...target,
    signIn: {
      ...target.signIn,
      anonymousSignUp: keep(target.signIn.anonymousSignUp, live.signIn.anonymousSignUp),
      requireEmailVerification: keep(target.signIn.requireEmailVerification, live.signIn.requireEmailVerification),
      oauthAccountMergeStrategy: keep(target.signIn.oauthAccountMergeStrategy, live.signIn.oauthAccountMergeStrategy),
      allowUserApiKeys: keep(target.signIn.allowUserApiKeys, live.signIn.allowUserApiKeys),
      allowTeamApiKeys: keep(target.signIn.allowTeamApiKeys, live.signIn.allowTeamApiKeys),
    },
    // A file from before themes were exported (or from a release without them) keeps the live theme.
    emails: target.emails.themeId == null && live.emails.themeId != null ? { ...target.emails, themeId: live.emails.themeId } : target.emails,
    teams: { ...target.teams, userDefaultPermissions: keep(target.teams.userDefaultPermissions, live.teams.userDefaultPermissions) },
  };
}

/**
 * What a diff compares: write-only values dropped where kept (omitted), shown as NEW_SECRET where
 * the file sets one, so the live config (which has none) and a round-tripped export are equal.
 */
export function comparable(body: ConfigBody): ConfigBody {
  const secret = (v: string | undefined) => (v === undefined || v === OMITTED_SECRET ? undefined : NEW_SECRET);
  const strip = <T extends object>(o: T, key: keyof T, value: string | undefined): T => {
    const copy = { ...o };
    if (value === undefined) delete copy[key];
    else (copy as Record<string, unknown>)[key as string] = value;
    return copy;
  };
  return {
    ...body,
    oauthProviders: body.oauthProviders.map((p) => strip(p, "clientSecret", secret(p.clientSecret))),
    emails: strip(body.emails, "password", secret(body.emails.password)),
  };
}
