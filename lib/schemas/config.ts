// The configuration document (export / import) and the inputs of the config actions. Isomorphic:
// the import page validates a file with it before sending, the server validates again.
import { z } from "zod";
import { CONFIG_FORMAT, CONFIG_VERSION } from "@/lib/config/format";


// Stack's `oauth_account_merge_strategy` values (`projectsCrudAdminUpdateSchema`).
const MERGE_STRATEGIES = ["link_method", "raise_error", "allow_duplicates"] as const;

const text = (max: number) => z.string().max(max, `At most ${max} characters`);
const permissionIds = z.array(text(256).min(1, "Enter a permission id")).max(500);
const secret = z.string().min(1, "Enter the secret, or the omitted marker to keep the live one").max(4096);
/** Stack's trusted domains are full http(s) URLs (`urlSchema` in the domains config). */
const httpUrl = text(2048).refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === "http:" || u.protocol === "https:") && u.host !== "";
  } catch {
    return false;
  }
}, "Enter a full http:// or https:// URL");

export const configProviderSchema = z.strictObject({
  id: text(64).regex(/^[a-z0-9_-]+$/, "Use the provider's id, e.g. github"),
  keys: z.enum(["shared", "own"]),
  clientId: text(1024).nullable(),
  /** Absent or the omitted marker: the live secret stays. */
  clientSecret: secret.optional(),
  microsoftTenantId: text(256).nullable(),
  facebookConfigId: text(256).nullable(),
});

export const configBodySchema = z
  .strictObject({
    general: z.strictObject({
      displayName: z.string().trim().min(1, "Enter a display name").max(256, "At most 256 characters"),
      description: z.string().trim().max(1024, "At most 1024 characters"),
      isProductionMode: z.boolean(),
    }),
    signIn: z.strictObject({
      signUpEnabled: z.boolean(),
      password: z.boolean(),
      magicLink: z.boolean(),
      passkey: z.boolean(),
      // null: the field is not set by this file (or the release lacks it); the live value stays.
      anonymousSignUp: z.boolean().nullable(),
      requireEmailVerification: z.boolean().nullable(),
      oauthAccountMergeStrategy: z.enum(MERGE_STRATEGIES).nullable(),
      allowUserApiKeys: z.boolean().nullable(),
      allowTeamApiKeys: z.boolean().nullable(),
    }),
    oauthProviders: z.array(configProviderSchema).max(50),
    domains: z.strictObject({
      allowLocalhost: z.boolean(),
      trusted: z.array(z.strictObject({ domain: httpUrl, handlerPath: text(1024).startsWith("/", "Start the handler path with /") })).max(200),
    }),
    emails: z.strictObject({
      server: z.enum(["shared", "own"]),
      host: text(1024).min(1, "Enter the SMTP host").nullable(),
      port: z.int("Enter a whole port number").min(1).max(65535).nullable(),
      username: text(1024).min(1, "Enter the SMTP username").nullable(),
      password: secret.optional(),
      senderName: text(256).min(1, "Enter the sender name").nullable(),
      senderEmail: z.email("Enter the sender's e-mail address").max(256).nullable(),
      // `email_theme`: the theme new e-mails use (an existing theme's id). Absent or null: the live one stays.
      themeId: z.string().max(200).nullable().optional(),
    }),
    teams: z.strictObject({
      createPersonalTeamOnSignUp: z.boolean(),
      clientTeamCreation: z.boolean(),
      clientUserDeletion: z.boolean(),
      teamCreatorDefaultPermissions: permissionIds,
      teamMemberDefaultPermissions: permissionIds,
      userDefaultPermissions: permissionIds.nullable(),
    }),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.oauthProviders.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: "custom", path: ["oauthProviders", i, "id"], message: `Provider ${p.id} is listed twice` });
      seen.add(p.id);
      if (p.keys === "own" && !p.clientId) ctx.addIssue({ code: "custom", path: ["oauthProviders", i, "clientId"], message: "A provider with its own keys needs a client id" });
    });
    const domains = new Set<string>();
    c.domains.trusted.forEach((d, i) => {
      if (domains.has(d.domain)) ctx.addIssue({ code: "custom", path: ["domains", "trusted", i, "domain"], message: `${d.domain} is listed twice` });
      domains.add(d.domain);
    });
    // A `standard` e-mail server needs every field (`emailConfigSchema`).
    if (c.emails.server === "own") {
      for (const f of ["host", "port", "username", "senderName", "senderEmail"] as const) {
        if (c.emails[f] === null) ctx.addIssue({ code: "custom", path: ["emails", f], message: "Required with an own e-mail server" });
      }
    }
  });
export type ConfigBody = z.infer<typeof configBodySchema>;
export type ConfigProvider = z.infer<typeof configProviderSchema>;

export const configDocumentSchema = z.strictObject({
  format: z.literal(CONFIG_FORMAT, `Not a Stack Admin configuration file (format must be "${CONFIG_FORMAT}")`),
  version: z.literal(CONFIG_VERSION, `Unsupported version: this console reads version ${CONFIG_VERSION}`),
  exportedAt: z.string().max(64).optional(),
  /** Where it came from: informational, an import applies to the current project. */
  project: z.strictObject({ name: text(256), projectId: text(256) }).optional(),
  /** The paths whose write-only values were left out. */
  omitted: z.array(text(512)).max(500).optional(),
  config: configBodySchema,
});
export type ConfigDocument = z.infer<typeof configDocumentSchema>;

/** One issue per line, each named by its path in the file: `config.emails.port: Enter a whole port number`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(file)"}: ${i.message}`);
}

/** Parses a file's text: JSON first, then the document schema. */
export function parseConfigDocument(textValue: string): { ok: true; document: ConfigDocument } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(textValue);
  } catch (err) {
    return { ok: false, errors: [`(file): not valid JSON (${err instanceof Error ? err.message : "parse error"})`] };
  }
  const parsed = configDocumentSchema.safeParse(json);
  return parsed.success ? { ok: true, document: parsed.data } : { ok: false, errors: describeIssues(parsed.error) };
}

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** What a config change applies: an imported file, fields copied from another project, or a stored version. */
export const configSourceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("import"), document: configDocumentSchema }),
  z.strictObject({
    kind: z.literal("copy"),
    from: z.string().regex(SLUG, "Pick a configured project"),
    paths: z.array(text(2300).min(1)).min(1, "Pick at least one field").max(500),
  }),
  z.strictObject({ kind: z.literal("restore"), versionId: z.uuid("Pick a stored version"), side: z.enum(["before", "after"]) }),
]);
export type ConfigSource = z.infer<typeof configSourceSchema>;

const MAX_SOURCE = 100_000;

/**
 * The source travels as JSON text (a file is text anyway), parsed here so a malformed one is an
 * INVALID_INPUT with its issues rather than a decoding error.
 */
const sourceText = z
  .string()
  .max(MAX_SOURCE, `At most ${MAX_SOURCE} characters`)
  .transform((value, ctx): ConfigSource => {
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Not valid JSON" });
      return z.NEVER;
    }
    const parsed = configSourceSchema.safeParse(json);
    if (!parsed.success) {
      // Paths as in the file (`config.emails.port`), not inside the source wrapper.
      const lines = describeIssues(parsed.error).map((l) => l.replace(/^document\./, ""));
      ctx.addIssue({ code: "custom", message: lines.slice(0, 20).join("\n") });
      return z.NEVER;
    }
    return parsed.data;
  });

export const previewConfigChangeSchema = z.strictObject({ source: sourceText });
export type PreviewConfigChangeInput = z.input<typeof previewConfigChangeSchema>;

export const applyConfigChangeSchema = z.strictObject({
  source: sourceText,
  /** The hash of the diff the operator saw (from the preview): the server refuses another one. */
  previewHash: z.string().regex(/^[0-9a-f]{64}$/, "Preview the change first"),
  confirmation: z.string().max(512),
});
export type ApplyConfigChangeInput = z.input<typeof applyConfigChangeSchema>;
