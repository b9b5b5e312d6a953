"use client";

import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { sendPasswordResetAction, setUserPasswordAction } from "@/lib/actions/users";
import { lazyZodResolver } from "@/lib/forms/lazy-zod-resolver";
import type { SetUserPasswordInput } from "@/lib/schemas/users";
import { applyFieldErrors, FormMessage, useHydrated, type FormFailure } from "../form-utils";
import { useCan } from "../permissions";
import { SectionNote } from "./section-note";
import { useRunAction } from "./use-run-action";

// The action's own schema, loaded with zod on first validation.
const passwordResolver = lazyZodResolver<SetUserPasswordInput>(() => import("@/lib/schemas/users").then((m) => m.setUserPasswordSchema));

export function PasswordCard({ userId, hasEmail, hasPassword }: { userId: string; hasEmail: boolean; hasPassword: boolean }) {
  const id = useId();
  const { settle } = useRunAction();
  const reset = useRunAction();
  const [failure, setFailure] = useState<FormFailure>(null);
  const form = useForm<SetUserPasswordInput>({ resolver: passwordResolver, defaultValues: { userId, password: "" } });
  const hydrated = useHydrated();
  const canSet = useCan("setUserPasswordAction");
  const canReset = useCan("sendPasswordResetAction");
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const res = settle(await setUserPasswordAction(values), "Password set; the user was signed out everywhere", { errorShownInline: true });
    if (!res.ok) {
      applyFieldErrors(form.setError, res.fieldErrors, ["password"]);
      setFailure({ code: res.code, message: res.message });
      return;
    }
    form.reset({ userId, password: "" });
  });

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
        <CardHeader>
          <CardTitle id={`${id}-title`}>Password</CardTitle>
          <CardDescription>
            {hasPassword ? "The user has a password." : "The user has no password yet."}
            {canSet ? " Setting a new one signs the user out on every device." : null}
          </CardDescription>
        </CardHeader>
        {canSet || canReset ? (
          <CardContent className="grid gap-4">
            {hasEmail && canSet ? (
              <fieldset disabled={isSubmitting || !hydrated} className="grid gap-4">
                <Field id={`${id}-password`} label="New password" description="8–70 characters." error={errors.password?.message}>
                  <Input type="password" autoComplete="new-password" {...form.register("password")} />
                </Field>
              </fieldset>
            ) : !hasEmail ? (
              <SectionNote>A password needs a primary e-mail to sign in with. Add one in Profile first.</SectionNote>
            ) : null}
            {hasEmail && canReset ? (
              <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border bg-muted/40 px-3 py-2 text-sm">
                <p className="min-w-0 flex-1 text-muted-foreground">
                  {canSet ? "Or let the user choose" : "Let the user choose"}: e-mail them a reset link (it opens your app&apos;s first trusted domain).
                </p>
                <Button
                  variant="outline"
                  size="sm"
                  loading={reset.pending}
                  disabled={!hydrated}
                  onClick={() => reset.run(() => sendPasswordResetAction({ userId }), "Password-reset e-mail sent")}
                >
                  Send reset e-mail
                </Button>
              </div>
            ) : null}
            <FormMessage failure={failure} />
          </CardContent>
        ) : null}
        {hasEmail && canSet ? (
          <CardFooter className="justify-end">
            <Button type="submit" disabled={!isDirty} loading={isSubmitting}>
              Set password
            </Button>
          </CardFooter>
        ) : null}
      </form>
    </Card>
  );
}
