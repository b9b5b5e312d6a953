import { z } from "zod";

// Isomorphic: the same schemas drive the forms (zodResolver) and the server actions.

const trimmed = z.string().trim();
const optionalEmail = trimmed
  .max(254)
  .refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid e-mail address.")
  .transform((v) => (v === "" ? null : v.toLowerCase()));
const optionalUrl = trimmed
  .max(1_000_000)
  .refine((v) => v === "" || /^https?:\/\/\S+$/.test(v) || /^data:image\//.test(v), "Enter an http(s) URL.")
  .transform((v) => (v === "" ? null : v));
// Every id below ends up in a Stack path. Stack's route schemas take each of them as a UUID
// (`yupString().uuid()` for session, contact-channel and linked-account ids; `userIdOrMeSchema`).
const userId = z.uuid("Not a valid user id.");
const sessionId = z.uuid("Not a valid session id.");
const contactChannelId = z.uuid("Not a valid contact channel id.");
const linkedAccountId = z.uuid("Not a valid linked account id.");
const confirmation = z.string().max(512);

/**
 * The password hashes Stack imports: bcrypt in Modular Crypt Format with at most 16 rounds
 * (`getPasswordHashAlgorithm` in @stackframe/stack-shared utils/hashes: `/^\$2[ayb]\$.{56}$/`).
 */
export const BCRYPT_HASH_RE = /^\$2[aby]\$(0[4-9]|1[0-6])\$[./A-Za-z0-9]{53}$/;
export const isBcryptHash = (v: string) => BCRYPT_HASH_RE.test(v);

const jsonObject = z.record(z.string(), z.unknown());

export const createUserSchema = z.object({
  primaryEmail: optionalEmail,
  password: z
    .string()
    .max(70, "At most 70 characters.")
    .refine((v) => v === "" || v.length >= 8, "At least 8 characters, or leave empty.")
    .transform((v) => (v === "" ? null : v)),
  displayName: trimmed.max(256, "At most 256 characters.").transform((v) => (v === "" ? null : v)),
  primaryEmailVerified: z.boolean(),
  // Imports (lib/server/import-run.ts) also carry these; the create form leaves them out.
  passwordHash: z.string().max(100).refine(isBcryptHash, "Not a bcrypt hash ($2a$/$2b$/$2y$, at most 16 rounds).").optional(),
  clientMetadata: jsonObject.optional(),
  clientReadOnlyMetadata: jsonObject.optional(),
  serverMetadata: jsonObject.optional(),
}).refine((v) => v.primaryEmail !== null || (v.password === null && v.passwordHash === undefined), {
  message: "A password needs an e-mail address to sign in with.",
  path: ["password"],
}).refine((v) => v.password === null || v.passwordHash === undefined, {
  message: "Send a password or a password hash, not both.",
  path: ["passwordHash"],
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserProfileSchema = z.object({
  userId,
  displayName: trimmed.max(256, "At most 256 characters.").transform((v) => (v === "" ? null : v)),
  primaryEmail: optionalEmail,
  primaryEmailVerified: z.boolean(),
  profileImageUrl: optionalUrl,
});
export type UpdateUserProfileInput = z.input<typeof updateUserProfileSchema>;

export const setUserPasswordSchema = z.object({
  userId,
  password: z.string().min(8, "At least 8 characters.").max(70, "At most 70 characters."),
});
export type SetUserPasswordInput = z.input<typeof setUserPasswordSchema>;

export const METADATA_FIELDS = ["client_metadata", "client_read_only_metadata", "server_metadata"] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/** Parses JSON text; any JSON value is allowed (`usersCrudServerUpdateSchema` takes any JSON value for the metadata fields). Empty text means null. */
export const jsonText = z.string().max(100_000, "At most 100,000 characters.").transform((text, ctx) => {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    ctx.addIssue({ code: "custom", message: `Invalid JSON: ${(e as Error).message}` });
    return z.NEVER;
  }
});

export const updateUserMetadataSchema = z.object({
  userId,
  field: z.enum(METADATA_FIELDS),
  json: jsonText,
});
export type UpdateUserMetadataInput = z.input<typeof updateUserMetadataSchema>;

export const restrictUserSchema = z
  .object({
    userId,
    restricted: z.boolean(),
    publicReason: trimmed.max(1000, "At most 1,000 characters.").transform((v) => (v === "" ? null : v)),
    privateDetails: trimmed.max(5000, "At most 5,000 characters.").transform((v) => (v === "" ? null : v)),
  });
export type RestrictUserInput = z.input<typeof restrictUserSchema>;

export const userConfirmationSchema = z.object({ userId, confirmation });
export type UserConfirmationInput = z.input<typeof userConfirmationSchema>;

export const revokeSessionSchema = z.object({ userId, sessionId });

export const addContactChannelSchema = z.object({
  userId,
  email: trimmed.min(1, "Enter an e-mail address.").max(254, "At most 254 characters.").pipe(z.email("Enter a valid e-mail address.")),
  isVerified: z.boolean(),
  usedForAuth: z.boolean(),
});
export type AddContactChannelInput = z.input<typeof addContactChannelSchema>;

export const contactChannelRefSchema = z.object({ userId, channelId: contactChannelId });
export const setContactChannelFlagsSchema = contactChannelRefSchema.extend({
  isVerified: z.boolean().optional(),
  usedForAuth: z.boolean().optional(),
  isPrimary: z.literal(true).optional(),
});

export const linkedAccountRefSchema = z.object({ userId, providerId: linkedAccountId });
export const updateLinkedAccountSchema = linkedAccountRefSchema.extend({
  allowSignIn: z.boolean().optional(),
  allowConnectedAccounts: z.boolean().optional(),
});

/** Why an operator reveals personal data or impersonates: written to the audit log. */
const reason = trimmed.min(10, "Say why, in at least 10 characters: it goes into the audit log.").max(500, "At most 500 characters.");

export const revealUserDataSchema = z.object({ userId, reason });
export type RevealUserDataInput = z.input<typeof revealUserDataSchema>;

/** Impersonation sessions are short: at most an hour, 15 minutes unless the operator asks for less or more. */
export const IMPERSONATION_MAX_MINUTES = 60;
export const IMPERSONATION_DEFAULT_MINUTES = 15;
export const impersonateUserSchema = z.object({
  userId,
  reason,
  expiresInMinutes: z
    .number("Enter a number of minutes.")
    .int("Enter a whole number of minutes.")
    .min(1, "At least 1 minute.")
    .max(IMPERSONATION_MAX_MINUTES, `At most ${IMPERSONATION_MAX_MINUTES} minutes.`),
});
export type ImpersonateUserInput = z.input<typeof impersonateUserSchema>;
