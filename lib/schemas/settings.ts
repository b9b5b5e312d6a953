// Inputs of the Project settings forms, shared by the forms and their server actions.
// Each group's action takes only the fields that changed (the form sends a diff); the full
// lists (providers, trusted domains) replace the whole set, as `projectsCrudAdminUpdateSchema` does.
import { z } from "zod";
import { OAUTH_PROVIDER_IDS, SHARED_OAUTH_PROVIDER_IDS } from "@/lib/settings-dto";

/** `display_name` / `description` of `projectsCrudAdminUpdateSchema`; only the changed ones are sent. */
export const updateGeneralSettingsSchema = z
  .strictObject({
    displayName: z.string().trim().min(1, "Enter a display name").max(256, "At most 256 characters").optional(),
    description: z.string().trim().max(1024, "At most 1024 characters").optional(),
  })
  .refine((v) => v.displayName !== undefined || v.description !== undefined, { message: "Nothing to save" });
export type UpdateGeneralSettingsInput = z.infer<typeof updateGeneralSettingsSchema>;

export const generalSettingsFormSchema = z.object({
  displayName: z.string().trim().min(1, "Enter a display name").max(256, "At most 256 characters"),
  description: z.string().trim().max(1024, "At most 1024 characters"),
});
export type GeneralSettingsForm = z.infer<typeof generalSettingsFormSchema>;

/** The typed confirmation of a dangerous save; the server re-derives what it must be. */
const confirmation = z.string().max(512).optional();
const nothingToSave = { message: "Nothing to save" };
const someField = (v: Record<string, unknown>) => Object.entries(v).some(([k, x]) => k !== "confirmation" && x !== undefined);

// ── Sign-in and sign-up ─────────────────────────────────────────────────────────────────────

export const MERGE_STRATEGIES = ["link_method", "raise_error", "allow_duplicates"] as const;

const signInFields = {
  signUpEnabled: z.boolean(),
  password: z.boolean(),
  magicLink: z.boolean(),
  passkey: z.boolean(),
  requireEmailVerification: z.boolean(),
  oauthAccountMergeStrategy: z.enum(MERGE_STRATEGIES),
  allowUserApiKeys: z.boolean(),
  allowTeamApiKeys: z.boolean(),
};
export const signInSettingsFormSchema = z.object(signInFields);
export type SignInSettingsForm = z.infer<typeof signInSettingsFormSchema>;

export const updateSignInSettingsSchema = z
  .strictObject({ ...signInSettingsFormSchema.partial().shape, confirmation })
  .refine(someField, nothingToSave);
export type UpdateSignInSettingsInput = z.infer<typeof updateSignInSettingsSchema>;

// ── Teams ───────────────────────────────────────────────────────────────────────────────────

// Permission ids as `permissionDefinitionIdSchema` allows them (`$` marks the system ones).
const permissionIds = z.array(z.string().regex(/^\$?[a-z0-9_:]{1,100}$/i, "Not a permission id")).max(200);

export const teamSettingsFormSchema = z.object({
  createPersonalTeamOnSignUp: z.boolean(),
  clientTeamCreation: z.boolean(),
  clientUserDeletion: z.boolean(),
  teamCreatorDefaultPermissions: permissionIds,
  teamMemberDefaultPermissions: permissionIds,
  userDefaultPermissions: permissionIds,
});
export type TeamSettingsForm = z.infer<typeof teamSettingsFormSchema>;

export const updateTeamSettingsSchema = z.strictObject(teamSettingsFormSchema.partial().shape).refine(someField, nothingToSave);
export type UpdateTeamSettingsInput = z.infer<typeof updateTeamSettingsSchema>;

// ── Domains ─────────────────────────────────────────────────────────────────────────────────

/** Stack's rule for a trusted domain: a full http(s):// URL (a `*` wildcard in the host is allowed). */
export const trustedDomainUrl = z
  .string()
  .trim()
  .min(1, "Enter a URL")
  .max(2048, "At most 2048 characters")
  .regex(/^https?:\/\//, "Start with http:// or https://")
  .refine((v) => {
    try {
      const u = new URL(v.replace(/\*/g, "wildcard"));
      return u.hostname.length > 0 && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "Not a valid URL");

export const handlerPath = z.string().trim().min(1, "Enter a path").max(1024, "At most 1024 characters").regex(/^\//, "Start with /");

const trustedDomainList = z
  .array(z.strictObject({ domain: trustedDomainUrl, handlerPath }))
  .max(100, "At most 100 domains")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((d, i) => {
      if (seen.has(d.domain)) ctx.addIssue({ code: "custom", path: [i, "domain"], message: "Listed twice" });
      seen.add(d.domain);
    });
  });

export const domainSettingsFormSchema = z.object({ allowLocalhost: z.boolean(), trusted: trustedDomainList });
export type DomainSettingsForm = z.infer<typeof domainSettingsFormSchema>;

export const updateDomainSettingsSchema = z
  .strictObject({ allowLocalhost: z.boolean().optional(), trusted: trustedDomainList.optional(), confirmation })
  .refine(someField, nothingToSave);
export type UpdateDomainSettingsInput = z.infer<typeof updateDomainSettingsSchema>;

// ── OAuth providers ─────────────────────────────────────────────────────────────────────────

// The provider lists live in the zod-free DTO module: the OAuth card renders them on first paint.
export { OAUTH_PROVIDER_IDS, SHARED_OAUTH_PROVIDER_IDS, type OAuthProviderId } from "@/lib/settings-dto";

const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

export const oauthProviderSchema = z
  .strictObject({
    id: z.enum(OAUTH_PROVIDER_IDS),
    keys: z.enum(["shared", "own"]),
    clientId: optionalText(512),
    /** Write-only: empty keeps the secret the server has (the server refuses when it has none). */
    clientSecret: optionalText(1024),
    microsoftTenantId: optionalText(256),
    facebookConfigId: optionalText(256),
  })
  .superRefine((p, ctx) => {
    if (p.keys === "shared" && !(SHARED_OAUTH_PROVIDER_IDS as readonly string[]).includes(p.id)) {
      ctx.addIssue({ code: "custom", path: ["keys"], message: `${p.id} has no shared development keys: use your own client id and secret` });
    }
    if (p.keys === "own" && p.clientId === "") ctx.addIssue({ code: "custom", path: ["clientId"], message: "Enter the client id" });
  });
export type OAuthProviderInput = z.infer<typeof oauthProviderSchema>;

const providerList = z
  .array(oauthProviderSchema)
  .max(OAUTH_PROVIDER_IDS.length)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: "This provider is listed twice" });
      seen.add(p.id);
    });
  });

export const oauthSettingsFormSchema = z.object({ providers: providerList });
export type OAuthSettingsForm = z.infer<typeof oauthSettingsFormSchema>;

/** The whole provider list (it replaces the set); secrets only for the providers whose secret changes. */
export const updateOAuthProvidersSchema = z.strictObject({ providers: providerList, confirmation });
export type UpdateOAuthProvidersInput = z.infer<typeof updateOAuthProvidersSchema>;

// ── E-mail server ───────────────────────────────────────────────────────────────────────────

const smtpFields = {
  host: z.string().trim().min(1, "Enter the SMTP host").max(253, "At most 253 characters"),
  port: z.number("Enter a port").int("A whole number").min(1, "1 to 65535").max(65535, "1 to 65535"),
  username: z.string().trim().min(1, "Enter the username").max(256, "At most 256 characters"),
  /** Write-only, ≤ 70 (`emailConfigSchema`); empty keeps the saved one. */
  password: z.string().max(70, "At most 70 characters"),
  senderName: z.string().trim().min(1, "Enter the sender name").max(256, "At most 256 characters"),
  senderEmail: z.email("Enter an e-mail address").max(254),
};

const ownServer = z.object({ server: z.literal("own"), ...smtpFields });
const sharedServer = z.object({ server: z.literal("shared") });

export const emailServerFormSchema = z
  .object({
    server: z.enum(["shared", "own"]),
    host: z.string(),
    port: z.union([z.string(), z.number()]),
    username: z.string(),
    password: z.string(),
    senderName: z.string(),
    senderEmail: z.string(),
  })
  .superRefine((v, ctx) => {
    // The SMTP fields stay in the form while "shared" is picked; they are checked and sent only for "own".
    if (v.server !== "own") return;
    for (const [name, rule] of Object.entries(smtpFields)) {
      const value = v[name as keyof typeof smtpFields];
      // The port is typed as text: a number once it is all digits.
      const r = rule.safeParse(name === "port" && typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value);
      if (!r.success) ctx.addIssue({ code: "custom", path: [name], message: r.error.issues[0]?.message ?? "Invalid" });
    }
  });
export type EmailServerForm = z.infer<typeof emailServerFormSchema>;

/** A `standard` server needs all six fields together (Stack's `emailConfigSchema`); the password may stay as saved. */
export const updateEmailServerSchema = z.strictObject({
  email: z.discriminatedUnion("server", [z.strictObject(ownServer.shape), z.strictObject(sharedServer.shape)]),
  confirmation,
});
export type UpdateEmailServerInput = z.infer<typeof updateEmailServerSchema>;

/** `POST /internal/send-test-email`: the settings as typed (not saved); an empty password uses the saved one. */
export const sendTestEmailSchema = z.strictObject({ recipientEmail: z.email("Enter an e-mail address").max(254), ...smtpFields });
export type SendTestEmailInput = z.infer<typeof sendTestEmailSchema>;

// ── E-mail templates and themes ─────────────────────────────────────────────────────────────

const templateSource = z.string().min(1, "The source is empty").max(200_000, "At most 200,000 characters");

export const emailTemplateSourceSchema = z.strictObject({ templateId: z.uuid("Not a template id"), tsxSource: templateSource });
export type EmailTemplateSourceInput = z.infer<typeof emailTemplateSourceSchema>;

export const emailThemeSchema = z.strictObject({ themeId: z.uuid("Not a theme id") });

export const emailThemeSourceSchema = z.strictObject({ themeId: z.uuid("Not a theme id"), tsxSource: templateSource });
export type EmailThemeSourceInput = z.infer<typeof emailThemeSourceSchema>;
export type EmailThemeInput = z.infer<typeof emailThemeSchema>;

// ── Counts for a guarded sign-in change ─────────────────────────────────────────────────────

/** The sign-in methods and OAuth provider ids a settings form would leave on (the dialog counts who loses what). */
export const signInMethodsSchema = z.strictObject({
  password: z.boolean(),
  magicLink: z.boolean(),
  passkey: z.boolean(),
  providers: z.array(z.string().regex(/^[a-z0-9_-]{1,64}$/, "Not a provider id")).max(50),
});
export type SignInMethodsInput = z.infer<typeof signInMethodsSchema>;
