"use client";

import { useId } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { impersonateUserAction } from "@/lib/actions/users";
import { IMPERSONATION_DEFAULT_MINUTES, IMPERSONATION_MAX_MINUTES, type ImpersonateUserInput } from "@/lib/schemas/users";
import type { ImpersonationSession } from "@/lib/users-dto";
import { ImpersonationTokens } from "./impersonate-tokens";
import { useOneTimeActionDialog } from "./use-one-time-dialog";

const schema = () => import("@/lib/schemas/users").then((m) => m.impersonateUserSchema);

/**
 * Creates an impersonation session: a written reason (audited), an expiry of at most an hour, then
 * the tokens, shown once. They live only in this component's state: closing the dialog drops them,
 * and they are never put in a URL, the page's data or the audit log.
 */
export function ImpersonateDialog({ userId, label, open, onOpenChange }: { userId: string; label: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const id = useId();
  const { form, onSubmit, failure, pending, data: session, close } = useOneTimeActionDialog<ImpersonateUserInput, ImpersonationSession>({
    schema,
    defaultValues: { userId, reason: "", expiresInMinutes: IMPERSONATION_DEFAULT_MINUTES },
    action: impersonateUserAction,
    onOpenChange,
  });
  const { errors } = form.formState;

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="max-w-2xl" dismissible={!pending}>
        <DialogHeader>
          <DialogTitle>{session ? "Impersonation session created" : `Impersonate ${label}`}</DialogTitle>
          <DialogDescription>
            {session
              ? "Copy the tokens now: they are shown only this once and are gone when you close this dialog."
              : "Creates a session for this user, as if they had signed in. It is written to the audit log with your reason; the tokens are not."}
          </DialogDescription>
        </DialogHeader>
        {session ? (
          <>
            <ImpersonationTokens session={session} />
            <DialogFooter>
              <Button onClick={() => close(false)}>Done, forget the tokens</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Impersonate">
            <Field id={`${id}-reason`} label="Reason" description="Why you need to act as this user (at least 10 characters; audited)." error={errors.reason?.message}>
              <Textarea rows={3} {...form.register("reason")} />
            </Field>
            <Field
              id={`${id}-expiry`}
              label="Expires after (minutes)"
              description={`1 to ${IMPERSONATION_MAX_MINUTES} minutes; the session cannot be refreshed past that.`}
              error={errors.expiresInMinutes?.message}
            >
              <Input type="number" inputMode="numeric" min={1} max={IMPERSONATION_MAX_MINUTES} step={1} {...form.register("expiresInMinutes", { valueAsNumber: true })} />
            </Field>
            <FormMessage failure={failure} />
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => close(false)} disabled={pending}>
                Cancel
              </Button>
              <Button type="submit" loading={pending}>
                Create session
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
