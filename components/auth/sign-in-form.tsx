"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function SignInForm({ callbackUrl, sso, initialError }: { callbackUrl: string; sso: boolean; initialError: string | null }) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const [ssoPending, setSsoPending] = useState(false);

  function onSso() {
    setSsoPending(true);
    setError(null);
    // Leaves the page for the provider; next-auth brings errors back as /sign-in?error=….
    signIn("oidc", { callbackUrl }).catch(() => {
      setSsoPending(false);
      setError("Single sign-on could not start. Try again.");
    });
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
      callbackUrl,
    });
    if (res?.ok && !res.error) {
      // A full navigation, so the server renders the signed-in shell with fresh cookies. The prop
      // was checked on the server; checked again here because this line is where the browser leaves.
      window.location.assign(safeCallbackUrl(callbackUrl, window.location.origin));
      return;
    }
    setPending(false);
    setError(res?.error && res.error !== "CredentialsSignin" ? res.error : "Wrong e-mail or password.");
  }

  return (
    <div className="space-y-4 rounded-lg border bg-card p-6 shadow-sm">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <div aria-live="polite">{error ? <ErrorBanner message={error} /> : null}</div>
        <Field id="email" label="E-mail">
          <Input name="email" type="email" autoComplete="username" required disabled={pending} />
        </Field>
        <Field id="password" label="Password">
          <Input name="password" type="password" autoComplete="current-password" required disabled={pending} />
        </Field>
        <Button type="submit" className="w-full" loading={pending}>
          Sign in
        </Button>
      </form>
      {sso ? (
        <Button variant="outline" className="w-full" onClick={onSso} loading={ssoPending} disabled={pending}>
          Continue with single sign-on
        </Button>
      ) : null}
    </div>
  );
}
