"use client";

import { FormCardFooter } from "@/components/forms/form-card-footer";
import { useId } from "react";
import { Controller, useWatch } from "react-hook-form";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { updateUserProfileAction } from "@/lib/actions/users";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { UpdateUserProfileInput } from "@/lib/schemas/users";
import type { UserDetail } from "@/lib/users-dto";
import { readOnlyControl } from "../form-utils";
import { RoleGate } from "@/components/ui/role-gate";
import { useCan } from "../permissions";

const profileSchema = () => import("@/lib/schemas/users").then((m) => m.updateUserProfileSchema);

export function ProfileCard({ user }: { user: UserDetail }) {
  const id = useId();
  const defaults: UpdateUserProfileInput = {
    userId: user.id,
    displayName: user.displayName ?? "",
    primaryEmail: user.primaryEmail ?? "",
    primaryEmailVerified: user.primaryEmailVerified,
    profileImageUrl: user.profileImageUrl ?? "",
  };
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: profileSchema,
    defaultValues: defaults,
    action: updateUserProfileAction,
    success: "Profile saved",
  });
  const hydrated = useHydrated();
  const canEdit = useCan("updateUserProfileAction");
  const { errors, isDirty } = form.formState;
  const hasEmail = useWatch({ control: form.control, name: "primaryEmail" }).trim() !== "";

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
        <CardHeader>
          <CardTitle id={`${id}-title`}>Profile</CardTitle>
          <CardDescription>Name, primary e-mail and picture. A new primary e-mail keeps the old one as a normal contact channel.</CardDescription>
        </CardHeader>
        <CardContent>
          <fieldset disabled={pending || !hydrated} className="grid gap-4">
            <Field id={`${id}-name`} label="Display name" error={errors.displayName?.message}>
              <Input autoComplete="off" readOnly={!canEdit} className={readOnlyControl} {...form.register("displayName")} />
            </Field>
            <Field id={`${id}-email`} label="Primary e-mail" error={errors.primaryEmail?.message}>
              <Input type="email" autoComplete="off" readOnly={!canEdit} className={readOnlyControl} {...form.register("primaryEmail")} />
            </Field>
            <div className="flex items-center gap-3">
              <Controller
                control={form.control}
                name="primaryEmailVerified"
                render={({ field }) => (
                  <Switch id={`${id}-verified`} checked={field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} disabled={!canEdit || !hasEmail || pending} />
                )}
              />
              <Label htmlFor={`${id}-verified`}>Primary e-mail verified</Label>
            </div>
            <Field id={`${id}-image`} label="Profile image URL" description="An http(s) URL; leave empty for initials." error={errors.profileImageUrl?.message}>
              <Input type="url" autoComplete="off" placeholder={canEdit ? "https://…" : undefined} readOnly={!canEdit} className={readOnlyControl} {...form.register("profileImageUrl")} />
            </Field>
          </fieldset>
          <div className="mt-4">
            <FormMessage failure={failure} />
          </div>
        </CardContent>
        <RoleGate action="updateUserProfile" className="flex w-full justify-end">
          <FormCardFooter dirty={isDirty} pending={pending} onReset={() => reset()} saveLabel="Save profile" />
        </RoleGate>
      </form>
    </Card>
  );
}
