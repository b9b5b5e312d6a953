"use client";

import { useId } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { sendPasswordResetAction, setUserPasswordAction } from "@/lib/actions/users";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useCan } from "../permissions";
import { SectionNote } from "./section-note";

const passwordSchema = () => import("@/lib/schemas/users").then((m) => m.setUserPasswordSchema);

export function PasswordCard({ userId, hasEmail, hasPassword }: { userId: string; hasEmail: boolean; hasPassword: boolean }) {
  const id = useId();
  const reset = useActionRunner();
  const { form, onSubmit, failure, pending } = useActionForm({
    schema: passwordSchema,
    defaultValues: { userId, password: "" },
    action: setUserPasswordAction,
    success: "Password set; the user was signed out everywhere",
    onSuccess: ({ form }) => form.reset({ userId, password: "" }),
  });
  const hydrated = useHydrated();
  const canSet = useCan("setUserPasswordAction");
  const canReset = useCan("sendPasswordResetAction");
  const { errors, isDirty } = form.formState;

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
              <fieldset disabled={pending || !hydrated} className="grid gap-4">
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
            <Button type="submit" disabled={!isDirty} loading={pending}>
              Set password
            </Button>
          </CardFooter>
        ) : null}
      </form>
    </Card>
  );
}
