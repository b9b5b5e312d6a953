// How many users a dangerous sign-in change affects, where that can be known cheaply. Isomorphic
// and pure: the server counts over a bounded read of `GET /users` (each user's `has_password`,
// `otp_auth_enabled`, `passkey_auth_enabled` and `oauth_providers`, `usersCrudServerReadSchema`);
// the dialogs word the result.
import type { DangerousChange } from "@/lib/config/danger";
import type { SettingsDTO } from "@/lib/settings-dto";

/** One user's ways to sign in, as Stack reports them. */
export type UserSignInMethods = { password: boolean; magicLink: boolean; passkey: boolean; oauth: string[] };

/** Counts over the users read: exact when `complete`, lower bounds when the project has more. */
export type SignInImpact = {
  scanned: number;
  complete: boolean;
  /** Per dangerous change's path (`signIn.password`, `oauthProviders[github]`): users who sign in with it. */
  using: Record<string, number>;
  /** Users who have a way to sign in now and would have none after the change. */
  lockedOut: number;
};

type Methods = Pick<SettingsDTO, "signIn" | "oauthProviders">;

const METHOD_KEYS = ["password", "magicLink", "passkey"] as const;

function ways(user: UserSignInMethods, config: Methods): number {
  const providers = new Set(config.oauthProviders.map((p) => p.id));
  return METHOD_KEYS.filter((k) => user[k] && config.signIn[k]).length + user.oauth.filter((id) => providers.has(id)).length;
}

/** The paths whose users can be counted: a sign-in method turned off, a provider removed. */
export function countablePaths(dangerous: DangerousChange[]): string[] {
  return dangerous.filter((d) => d.key === "disableAuthMethod" || d.key === "removeOAuthProvider").map((d) => d.path);
}

export function countSignInImpact(before: Methods, after: Methods, dangerous: DangerousChange[], users: UserSignInMethods[], complete: boolean): SignInImpact {
  const using: Record<string, number> = {};
  for (const path of countablePaths(dangerous)) {
    const provider = /^oauthProviders\[(.+)\]$/.exec(path)?.[1];
    const method = METHOD_KEYS.find((k) => path === `signIn.${k}`);
    using[path] = users.filter((u) => (provider !== undefined ? u.oauth.includes(provider) : method ? u[method] : false)).length;
  }
  const lockedOut = users.filter((u) => ways(u, before) > 0 && ways(u, after) === 0).length;
  return { scanned: users.length, complete, using, lockedOut };
}

const users = (n: number) => `${n} user${n === 1 ? "" : "s"}`;

/** "12 users" or "at least 12 users (of the first 1000 read; the project has more)". */
function amount(n: number, impact: SignInImpact): string {
  return impact.complete ? users(n) : `at least ${users(n)} (among the first ${impact.scanned} read; the project has more)`;
}

/**
 * The count line of one dangerous change, or null where there is nothing to count (sign-up off
 * touches no existing user; the e-mail server is no user's). `impact` null: counting failed.
 */
export function describeImpact(change: DangerousChange, impact: SignInImpact | null): string | null {
  if (change.key === "removeTrustedDomain") return "Users affected: not known (Stack does not record which domain a user signs in through).";
  if (change.key === "disableAuthMethod" || change.key === "removeOAuthProvider") {
    const n = impact?.using[change.path];
    return n === undefined ? "Users affected: not known (the count could not be made)." : `${amount(n, impact!)} sign in with it.`;
  }
  return null;
}

/** The line for the whole change: who would have no way left to sign in. */
export function describeLockout(impact: SignInImpact | null): string | null {
  if (!impact) return null;
  return impact.lockedOut === 0 && impact.complete ? "No user would be left without a way to sign in." : `${amount(impact.lockedOut, impact)} would be left with no way to sign in.`;
}
