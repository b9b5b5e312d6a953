"use client";

import { useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createUserAction } from "@/lib/actions/users";
import { lazyZodResolver } from "@/lib/forms/lazy-zod-resolver";
import type { CreateUserInput } from "@/lib/schemas/users";
import type { UserRow } from "@/lib/users-dto";
import { applyFieldErrors, FormMessage, type FormFailure } from "./form-utils";

export type CreatedUser = UserRow;

const EMPTY: CreateUserInput = { primaryEmail: "", password: "", displayName: "", primaryEmailVerified: false };
const FIELDS = ["primaryEmail", "password", "displayName", "primaryEmailVerified"] as const;
// Validates with the server action's schema; zod loads on first validation (raw values are sent).
const createUserResolver = lazyZodResolver<CreateUserInput>(() => import("@/lib/schemas/users").then((m) => m.createUserSchema));

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
  const [failure, setFailure] = useState<FormFailure>(null);
  const form = useForm<CreateUserInput>({
    resolver: createUserResolver,
    defaultValues: EMPTY,
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async () => {
    setFailure(null);
    const res = await createUserAction(form.getValues());
    if (!res.ok) {
      applyFieldErrors(form.setError, res.fieldErrors, FIELDS);
      setFailure({ code: res.code, message: res.message });
      return;
    }
    form.reset(EMPTY);
    onOpenChange(false);
    onCreated(res.data);
  });

  function handleOpenChange(next: boolean) {
    if (isSubmitting) return;
    if (!next) {
      form.reset(EMPTY);
      setFailure(null);
    }
    onOpenChange(next);
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogContent dismissible={!isSubmitting}>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Create user</DialogTitle>
            <DialogDescription>With an e-mail the user can sign in with it; a password is optional.</DialogDescription>
          </DialogHeader>
          <fieldset disabled={isSubmitting} className="grid gap-4">
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
            <Button variant="outline" disabled={isSubmitting} onClick={() => handleOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={isSubmitting}>
              Create user
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
