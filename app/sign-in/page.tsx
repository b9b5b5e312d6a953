import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getServerEnv } from "@/lib/env";
import { getOperator } from "@/lib/server/session";
import { safeCallbackUrl } from "@/lib/safe-callback-url";

export const metadata: Metadata = { title: "Sign in" };

// next-auth sends its error codes here (pages.error). Only these texts are ever shown: the query
// string is the visitor's to write, so it never reaches the page as text.
const ERRORS: Record<string, string> = {
  AccessDenied: "This account has no access to Stack Admin.",
  OAuthSignin: "Single sign-on could not start. Try again.",
  OAuthCallback: "Single sign-on failed. Try again.",
  Callback: "Single sign-on failed. Try again.",
  SessionRequired: "Sign in to continue.",
};
const UNKNOWN_ERROR = "Sign-in failed. Try again.";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const env = getServerEnv();
  const callbackUrl = safeCallbackUrl(params.callbackUrl, env.nextAuth.url);
  if (await getOperator()) redirect(callbackUrl);
  const sso = env.oidc !== null;
  const error = params.error ? (Object.hasOwn(ERRORS, params.error) ? ERRORS[params.error] : UNKNOWN_ERROR) : null;
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-1 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Stack Admin</h1>
          <p className="text-sm text-muted-foreground">Sign in to manage your Stack Auth projects.</p>
        </div>
        <SignInForm callbackUrl={callbackUrl} sso={sso} initialError={error} />
      </div>
    </main>
  );
}
