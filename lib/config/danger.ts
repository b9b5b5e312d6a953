// Which configuration changes are dangerous (lib/dangerous.ts has what each means and what the
// operator types). Isomorphic and pure: the settings forms, import, compare and rollback all
// classify with this one function, in the browser to warn and on the server to refuse.
import type { DangerousKey } from "@/lib/dangerous";
import type { SettingsDTO } from "@/lib/settings-dto";

export type DangerousChange = { key: DangerousKey; path: string; summary: string };

type Doc = Pick<SettingsDTO, "signIn" | "oauthProviders" | "domains" | "emails">;

const METHODS = [
  ["password", "Password"],
  ["magicLink", "Magic link / OTP"],
  ["passkey", "Passkey"],
] as const;

/** Is there any way left to sign in? A method switched on, or at least one OAuth provider. */
export function hasSignInMethod(doc: Doc): boolean {
  return METHODS.some(([k]) => doc.signIn[k]) || doc.oauthProviders.length > 0;
}

export function classifyConfigChange(before: Doc, after: Doc): DangerousChange[] {
  const out: DangerousChange[] = [];
  if (before.signIn.signUpEnabled && !after.signIn.signUpEnabled) out.push({ key: "disableSignUp", path: "signIn.signUpEnabled", summary: "Sign-up turned off" });
  for (const [k, label] of METHODS) {
    if (before.signIn[k] && !after.signIn[k]) out.push({ key: "disableAuthMethod", path: `signIn.${k}`, summary: `${label} sign-in turned off` });
  }
  const kept = new Set(after.oauthProviders.map((p) => p.id));
  for (const p of before.oauthProviders) {
    if (!kept.has(p.id)) out.push({ key: "removeOAuthProvider", path: `oauthProviders[${p.id}]`, summary: `OAuth provider ${p.id} removed` });
  }
  const domains = new Set(after.domains.trusted.map((d) => d.domain));
  for (const d of before.domains.trusted) {
    if (!domains.has(d.domain)) out.push({ key: "removeTrustedDomain", path: `domains.trusted[${d.domain}]`, summary: `Trusted domain ${d.domain} removed` });
  }
  const mailFields = ["server", "host", "port", "username", "senderName", "senderEmail"] as const;
  if (mailFields.some((f) => before.emails[f] !== after.emails[f])) out.push({ key: "changeEmailServer", path: "emails", summary: "E-mail server changed" });
  if (hasSignInMethod(before) && !hasSignInMethod(after)) out.push({ key: "leaveNoSignInMethod", path: "signIn", summary: "No sign-in method would be left" });
  return out;
}

/** What the operator types to leave a project with no way to sign in: the consequence itself. */
export const NO_SIGN_IN_PHRASE = "no one can sign in";

export type ConfirmationRule = { key: DangerousKey; expected: string; hint: string };

/**
 * The ONE typed value that confirms every dangerous change of one save. Leaving no sign-in method
 * wins (its exact consequence); a save whose only danger is removing one provider or one domain
 * names that target; anything else (several dangers, or sign-up / methods / e-mail server) asks
 * for the project's display name. Null when nothing is dangerous.
 */
export function confirmationFor(changes: DangerousChange[], projectName: string): ConfirmationRule | null {
  if (changes.length === 0) return null;
  if (changes.some((c) => c.key === "leaveNoSignInMethod")) return { key: "leaveNoSignInMethod", expected: NO_SIGN_IN_PHRASE, hint: `the words: ${NO_SIGN_IN_PHRASE}` };
  const only = changes.length === 1 ? changes[0]! : null;
  const target = only ? /\[(.*)\]$/.exec(only.path)?.[1] : undefined;
  if (only && target !== undefined && (only.key === "removeOAuthProvider" || only.key === "removeTrustedDomain")) {
    return { key: only.key, expected: target, hint: only.key === "removeOAuthProvider" ? "the provider id" : "the domain's URL" };
  }
  return { key: only?.key ?? changes[0]!.key, expected: projectName, hint: "the project's display name" };
}
