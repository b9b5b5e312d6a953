// DTOs of every API key the console shows (user, team and project keys) and the pure helpers
// that read them. Isomorphic: the server mappers and the client list share them. A DTO holds the
// last four characters of each secret at most; the full secret exists only in `CreatedApiKey`,
// the answer of the one create call.

export type ApiKeyOwnerType = "user" | "team";
export type ApiKeyOwner = { type: ApiKeyOwnerType; id: string };

/** One secret of a key: user and team keys have one (`sk_`/`pk_`), a project key set up to three. */
export type ApiKeySecretKind = "secret" | "public" | "publishable_client_key" | "secret_server_key" | "super_secret_admin_key";

export type ApiKeyRow = {
  id: string;
  description: string;
  createdAt: number;
  /** null: never expires (user and team keys may; project key sets always have an expiry). */
  expiresAt: number | null;
  revokedAt: number | null;
  secrets: { kind: ApiKeySecretKind; lastFour: string }[];
  /** Project key sets only: whether this set holds the admin key the console itself uses. */
  isConsoleKey: boolean;
};

/** What a key list shows: the keys (as read at `readAt`, for their expired state), or why there are none. */
export type ApiKeysView =
  | { status: "ok"; keys: ApiKeyRow[]; readAt: number }
  /** `allow_user_api_keys` / `allow_team_api_keys` is off: Stack answers 400 text until it is on. */
  | { status: "disabled"; message: string }
  /** The server's release has no user and team API keys (plain-text 404). */
  | { status: "unsupported" }
  | { status: "error"; code: string; message: string };

/** The answer of a create: the only time the full secrets exist outside Stack. */
export type CreatedApiKey = {
  id: string;
  description: string;
  expiresAt: number | null;
  secrets: { kind: ApiKeySecretKind; value: string }[];
};

export const SECRET_LABELS: Record<ApiKeySecretKind, string> = {
  secret: "Secret key",
  public: "Public key",
  publishable_client_key: "Publishable client key",
  secret_server_key: "Secret server key",
  super_secret_admin_key: "Super secret admin key",
};

// The prefixes Stack puts on each kind (createProjectApiKey in @stackframe/stack-shared; pck_/ssk_/sak_ for key sets).
const SECRET_PREFIXES: Record<ApiKeySecretKind, string> = {
  secret: "sk_",
  public: "pk_",
  publishable_client_key: "pck_",
  secret_server_key: "ssk_",
  super_secret_admin_key: "sak_",
};

/** The masked form shown after creation: the kind's prefix and the last four characters only. */
export function maskedSecret(kind: ApiKeySecretKind, lastFour: string): string {
  const tail = Array.from(lastFour).slice(-4).join("");
  return `${SECRET_PREFIXES[kind]}••••${tail}`;
}

export type ApiKeyState = "active" | "expired" | "revoked";

/**
 * Revoked wins over expired. A key whose expiry is now is expired: Stack authenticates a key set
 * only while `expires_at` is in the future.
 */
export function apiKeyState(key: Pick<ApiKeyRow, "expiresAt" | "revokedAt">, now: number): ApiKeyState {
  if (key.revokedAt !== null) return "revoked";
  if (key.expiresAt !== null && key.expiresAt <= now) return "expired";
  return "active";
}

/**
 * Project key sets need an expiry (`expires_at_millis` is required): "never" is sent as the first
 * of January 2100, the far-future time Stack itself gives the keys of a new project.
 */
export const NEVER_EXPIRES_AT = 4_102_444_800_000;

const DAY = 86_400_000;
export const EXPIRY_PRESETS = [
  { value: "1d", label: "1 day", ms: DAY },
  { value: "7d", label: "7 days", ms: 7 * DAY },
  { value: "30d", label: "30 days", ms: 30 * DAY },
  { value: "90d", label: "90 days", ms: 90 * DAY },
  { value: "1y", label: "1 year", ms: 365 * DAY },
  { value: "never", label: "Never", ms: null },
] as const;
export type ExpiryPreset = (typeof EXPIRY_PRESETS)[number]["value"];
export const EXPIRY_VALUES = EXPIRY_PRESETS.map((p) => p.value) as [ExpiryPreset, ...ExpiryPreset[]];

/** The expiry to send: null for "never" on user and team keys, NEVER_EXPIRES_AT for key sets. */
export function expiresAtFor(preset: ExpiryPreset, now: number, never: null | typeof NEVER_EXPIRES_AT): number | null {
  const ms = EXPIRY_PRESETS.find((p) => p.value === preset)?.ms;
  return ms === null || ms === undefined ? never : now + ms;
}

/** True for an expiry that means "never": none at all, or the far-future stand-in (or later). */
export function neverExpires(expiresAt: number | null): boolean {
  return expiresAt === null || expiresAt >= NEVER_EXPIRES_AT;
}

/** What the operator types to revoke the key set the console itself uses (DANGEROUS.revokeConsoleKey). */
export const CONSOLE_KEY_CONFIRMATION = "this console will stop working";
