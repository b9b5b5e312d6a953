import "server-only";

import { classifyConfigChange, type DangerousChange } from "@/lib/config/danger";
import { countablePaths, countSignInImpact, type SignInImpact, type UserSignInMethods } from "@/lib/config/impact";
import type { SignInMethodsInput } from "@/lib/schemas/settings";
import { log } from "@/lib/server/log";
import type { SettingsDTO } from "@/lib/settings-dto";
import type { StackClient } from "@/lib/stack/client";
import { listUsers } from "@/lib/stack/users";

// The counts a guarded sign-in change shows. Stack has no "users by sign-in method" query, so the
// console reads a bounded number of users (two pages of 500) and says so when the project has more.
const PAGE_SIZE = 500;
const MAX_PAGES = 2;

type Methods = Pick<SettingsDTO, "signIn" | "oauthProviders">;

const methodsOf = (u: { has_password: boolean; otp_auth_enabled: boolean; passkey_auth_enabled: boolean; oauth_providers: { id: string }[] }): UserSignInMethods => ({
  password: u.has_password,
  magicLink: u.otp_auth_enabled,
  passkey: u.passkey_auth_enabled,
  oauth: u.oauth_providers.map((p) => p.id),
});

/** null when nothing in `dangerous` concerns existing users, or when the users could not be read (the dialog says "not known"). */
export async function readSignInImpact(client: StackClient, before: Methods, after: Methods, dangerous: DangerousChange[]): Promise<SignInImpact | null> {
  if (countablePaths(dangerous).length === 0 && !dangerous.some((d) => d.key === "leaveNoSignInMethod")) return null;
  try {
    const users: UserSignInMethods[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await listUsers(client, { limit: PAGE_SIZE, cursor });
      users.push(...res.items.map(methodsOf));
      if (!res.nextCursor) return countSignInImpact(before, after, dangerous, users, true);
      cursor = res.nextCursor;
    }
    return countSignInImpact(before, after, dangerous, users, false);
  } catch (err) {
    log("warn", "could not count the users a sign-in change affects", { error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

/** For a settings dialog: the live config against the sign-in methods the form would leave on. */
export async function signInImpactOf(client: StackClient, live: SettingsDTO, input: SignInMethodsInput): Promise<{ impact: SignInImpact | null }> {
  const after: SettingsDTO = {
    ...live,
    signIn: { ...live.signIn, password: input.password, magicLink: input.magicLink, passkey: input.passkey },
    oauthProviders: input.providers.map((id) => live.oauthProviders.find((p) => p.id === id) ?? { id, keys: "shared", clientId: null, microsoftTenantId: null, facebookConfigId: null }),
  };
  return { impact: await readSignInImpact(client, live, after, classifyConfigChange(live, after)) };
}
