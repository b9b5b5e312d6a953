"use client";

import { useId } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { revealUserDataAction } from "@/lib/actions/users";
import type { RevealUserDataInput } from "@/lib/schemas/users";
import type { RevealedUserData } from "@/lib/users-dto";
import { useOneTimeActionDialog } from "./use-one-time-dialog";

const schema = () => import("@/lib/schemas/users").then((m) => m.revealUserDataSchema);

const orNone = (v: string | null) => v ?? <span className="text-muted-foreground">None</span>;

/**
 * Asks why, then shows the user's unmasked personal data as the action returned it. The values
 * live only in this dialog's state (never in the URL or the page's data): closing forgets them.
 */
export function RevealDialog({ userId, open, onOpenChange }: { userId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const id = useId();
  const { form, onSubmit, failure, pending, data, close } = useOneTimeActionDialog<RevealUserDataInput, RevealedUserData>({
    schema,
    defaultValues: { userId, reason: "" },
    action: revealUserDataAction,
    onOpenChange,
  });

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent dismissible={!pending}>
        <DialogHeader>
          <DialogTitle>{data ? "Personal data" : "Reveal personal data"}</DialogTitle>
          <DialogDescription>
            {data ? "As Stack has it now. Closing this dialog hides it again." : "Your role sees e-mails, names and pictures masked. Revealing this user's is written to the audit log with your reason."}
          </DialogDescription>
        </DialogHeader>
        {data ? (
          <>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm" aria-label="Revealed personal data">
              <dt className="text-muted-foreground">Display name</dt>
              <dd className="break-words">{orNone(data.displayName)}</dd>
              <dt className="text-muted-foreground">Primary e-mail</dt>
              <dd className="break-all">{orNone(data.primaryEmail)}</dd>
              <dt className="text-muted-foreground">Profile image</dt>
              <dd className="break-all">{orNone(data.profileImageUrl)}</dd>
              <dt className="text-muted-foreground">Contact channels</dt>
              <dd className="break-all">{data.contactChannels.length ? data.contactChannels.map((c) => <div key={c.id}>{c.value}</div>) : orNone(null)}</dd>
              <dt className="text-muted-foreground">Linked accounts</dt>
              <dd className="break-all">
                {data.linkedAccounts.length
                  ? data.linkedAccounts.map((a) => (
                      <div key={a.id}>
                        {a.provider}: {a.email ?? "no e-mail"}
                      </div>
                    ))
                  : orNone(null)}
              </dd>
            </dl>
            <DialogFooter>
              <Button onClick={() => close(false)}>Hide again</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Reveal personal data">
            <Field id={`${id}-reason`} label="Reason" description="Why you need this user's personal data (at least 10 characters; audited)." error={form.formState.errors.reason?.message}>
              <Textarea rows={3} {...form.register("reason")} />
            </Field>
            <FormMessage failure={failure} />
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => close(false)} disabled={pending}>
                Cancel
              </Button>
              <Button type="submit" loading={pending}>
                Reveal
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
