"use client";

import { Ellipsis, Mail, MailCheck, MailX, Plus, Star, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { Controller } from "react-hook-form";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import {
  addContactChannelAction,
  removeContactChannelAction,
  sendContactChannelVerificationAction,
  updateContactChannelAction,
} from "@/lib/actions/users";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { AddContactChannelInput } from "@/lib/schemas/users";
import type { ContactChannelRow } from "@/lib/users-dto";
import { useCan } from "../permissions";

export function ContactChannelsCard({ userId, channels }: { userId: string; channels: ContactChannelRow[] }) {
  const canAdd = useCan("addContactChannelAction");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Contact channels</CardTitle>
        <CardDescription>The user&apos;s e-mail addresses. One is primary; those marked for sign-in can be used with password or magic link.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {channels.length === 0 ? (
          <p className="text-sm text-muted-foreground">No contact channels.</p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label="Contact channels">
            {channels.map((c) => (
              <ChannelRow key={c.id} userId={userId} channel={c} />
            ))}
          </ul>
        )}
        {canAdd ? <AddChannelForm userId={userId} /> : null}
      </CardContent>
    </Card>
  );
}

function ChannelRow({ userId, channel }: { userId: string; channel: ContactChannelRow }) {
  const id = useId();
  const { run, confirm, pending } = useActionRunner();
  const [removeOpen, setRemoveOpen] = useState(false);
  const canUpdate = useCan("updateContactChannelAction");
  const canRemove = useCan("removeContactChannelAction");
  const canSendVerification = useCan("sendContactChannelVerificationAction") && !channel.isVerified;
  const ref = { userId, channelId: channel.id };
  return (
    <li className="flex flex-wrap items-center gap-3 px-3 py-2.5">
      <div className="min-w-0 flex-1">
        <p className="break-all text-sm font-medium">{channel.value}</p>
        <div className="mt-1 flex flex-wrap gap-1">
          {channel.isPrimary ? <Badge>primary</Badge> : null}
          {channel.isVerified ? <Badge variant="success">verified</Badge> : <Badge variant="warning">unverified</Badge>}
          {channel.usedForAuth ? <Badge variant="secondary">sign-in</Badge> : null}
        </div>
      </div>
      {pending ? <Spinner label="Saving" className="text-muted-foreground" /> : null}
      <div className="flex items-center gap-2">
        <Switch
          id={`${id}-auth`}
          checked={channel.usedForAuth}
          disabled={pending || !canUpdate}
          onCheckedChange={(v) => run(() => updateContactChannelAction({ ...ref, usedForAuth: v }), v ? "Channel can now be used to sign in" : "Channel no longer used to sign in")}
        />
        <Label htmlFor={`${id}-auth`} className="text-xs font-normal text-muted-foreground">
          Sign-in
        </Label>
      </div>
      {canUpdate || canSendVerification || canRemove ? (
        <DropdownMenu>
          <DropdownMenuTrigger variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${channel.value}`} disabled={pending}>
            <Ellipsis aria-hidden />
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            {canUpdate ? (
              <DropdownMenuItem
                onSelect={() =>
                  run(() => updateContactChannelAction({ ...ref, isVerified: !channel.isVerified }), channel.isVerified ? "Marked unverified" : "Marked verified")
                }
              >
                {channel.isVerified ? <MailX aria-hidden /> : <MailCheck aria-hidden />}
                {channel.isVerified ? "Mark unverified" : "Mark verified"}
              </DropdownMenuItem>
            ) : null}
            {canUpdate && !channel.isPrimary ? (
              <DropdownMenuItem onSelect={() => run(() => updateContactChannelAction({ ...ref, isPrimary: true }), "Primary e-mail changed")}>
                <Star aria-hidden />
                Make primary
              </DropdownMenuItem>
            ) : null}
            {canSendVerification ? (
              <DropdownMenuItem onSelect={() => run(() => sendContactChannelVerificationAction(ref), `Verification e-mail sent to ${channel.value}`)}>
                <Mail aria-hidden />
                Send verification e-mail
              </DropdownMenuItem>
            ) : null}
            {canRemove ? (
              <>
                {canUpdate || canSendVerification ? <DropdownMenuSeparator /> : null}
                <DropdownMenuItem danger onFocus={preloadConfirmDialog} onSelect={() => setRemoveOpen(true)}>
                  <Trash2 aria-hidden />
                  Remove…
                </DropdownMenuItem>
              </>
            ) : null}
          </DropdownMenuContent>
        </DropdownMenu>
      ) : null}
      <LazyConfirmDialog
        open={removeOpen}
        onOpenChange={setRemoveOpen}
        title="Remove contact channel"
        description={
          <p>
            Removes this e-mail address from the user.
            {channel.usedForAuth ? " The user can no longer sign in with it." : ""}
            {channel.isPrimary ? " It is the primary e-mail: the user will have none until you choose another." : ""}
          </p>
        }
        target={{ label: channel.value, id: channel.id }}
        confirmLabel="Remove"
        onConfirm={() => confirm(() => removeContactChannelAction(ref), `Removed ${channel.value}`)}
      />
    </li>
  );
}

const addChannelSchema = () => import("@/lib/schemas/users").then((m) => m.addContactChannelSchema);

function AddChannelForm({ userId }: { userId: string }) {
  const id = useId();
  const empty: AddContactChannelInput = { userId, email: "", isVerified: false, usedForAuth: false };
  const { form, onSubmit, failure, pending } = useActionForm({
    schema: addChannelSchema,
    defaultValues: empty,
    action: addContactChannelAction,
    success: ({ values }) => `Added ${values.email.trim()}`,
    onSuccess: ({ form }) => form.reset(empty),
  });
  const hydrated = useHydrated();
  const { errors } = form.formState;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add contact channel" className="grid gap-3 rounded-md border border-dashed p-3">
      <fieldset disabled={pending || !hydrated} className="flex flex-wrap items-end gap-3">
        <Field id={`${id}-email`} label="Add e-mail" error={errors.email?.message} className="min-w-56 flex-1">
          <Input type="email" autoComplete="off" placeholder="name@example.com" {...form.register("email")} />
        </Field>
        <div className="flex h-9 items-center gap-2">
          <Controller
            control={form.control}
            name="isVerified"
            render={({ field }) => <Checkbox id={`${id}-verified`} checked={field.value} onCheckedChange={field.onChange} />}
          />
          <Label htmlFor={`${id}-verified`}>Verified</Label>
        </div>
        <div className="flex h-9 items-center gap-2">
          <Controller
            control={form.control}
            name="usedForAuth"
            render={({ field }) => <Checkbox id={`${id}-auth`} checked={field.value} onCheckedChange={field.onChange} />}
          />
          <Label htmlFor={`${id}-auth`}>Use for sign-in</Label>
        </div>
        <Button type="submit" variant="outline" loading={pending}>
          <Plus aria-hidden />
          Add
        </Button>
      </fieldset>
      <FormMessage failure={failure} />
    </form>
  );
}
