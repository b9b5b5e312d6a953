import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getServerEnv } from "@/lib/env";
import { getOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied: "This account has no access to Stack Admin.",
  OAuthSignin: "Single sign-on could not start. Try again.",
  OAuthCallback: "Single sign-on failed. Try again.",
  SessionRequired: "Sign in to continue.",
};

// Only same-site relative paths: an open redirect would hand the session to another site.
function safeCallback(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getOperator()) redirect(callbackUrl);
  const sso = getServerEnv().oidc !== null;
  const error = params.error ? (ERRORS[params.error] ?? params.error) : null;
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
