"use client";

import { useId } from "react";
import { Controller } from "react-hook-form";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createUserAction } from "@/lib/actions/users";
import type { CreateUserInput } from "@/lib/schemas/users";
import type { UserRow } from "@/lib/users-dto";

export type CreatedUser = UserRow;

const EMPTY: CreateUserInput = { primaryEmail: "", password: "", displayName: "", primaryEmailVerified: false };
const createUserSchema = () => import("@/lib/schemas/users").then((m) => m.createUserSchema);

export function CreateUserDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (user: CreatedUser) => void;
}) {
  const id = useId();
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: createUserSchema,
    defaultValues: EMPTY,
    action: createUserAction,
    // The list toasts (with an Open link) and refetches the users itself.
    success: null,
    refresh: false,
    onSuccess: ({ data, form }) => {
      form.reset(EMPTY);
      onOpenChange(false);
      onCreated(data);
    },
  });
  const { errors } = form.formState;

  function handleOpenChange(next: boolean) {
    if (pending) return;
    if (!next) reset(EMPTY);
    onOpenChange(next);
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogContent dismissible={!pending}>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Create user</DialogTitle>
            <DialogDescription>With an e-mail the user can sign in with it; a password is optional.</DialogDescription>
          </DialogHeader>
          <fieldset disabled={pending} className="grid gap-4">
            <Field id={`${id}-email`} label="E-mail" error={errors.primaryEmail?.message}>
              <Input type="email" autoComplete="off" {...form.register("primaryEmail")} />
            </Field>
            <div className="flex items-center gap-2">
              <Controller
                control={form.control}
                name="primaryEmailVerified"
                render={({ field }) => (
                  <Checkbox id={`${id}-verified`} checked={field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} />
                )}
              />
              <Label htmlFor={`${id}-verified`}>E-mail is verified</Label>
            </div>
            <Field
              id={`${id}-password`}
              label="Password (optional)"
              description="8–70 characters. Leave empty for a user who signs in another way."
              error={errors.password?.message}
            >
              <Input type="password" autoComplete="new-password" {...form.register("password")} />
            </Field>
            <Field id={`${id}-name`} label="Display name" error={errors.displayName?.message}>
              <Input autoComplete="off" {...form.register("displayName")} />
            </Field>
          </fieldset>
          <FormMessage failure={failure} />
          <DialogFooter>
            <Button variant="outline" disabled={pending} onClick={() => handleOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Create user
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
