"use client";

import { useId } from "react";
import { Controller, useWatch } from "react-hook-form";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { restrictUserAction } from "@/lib/actions/users";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { RestrictUserInput } from "@/lib/schemas/users";
import type { UserDetail } from "@/lib/users-dto";
import { readOnlyControl } from "../form-utils";
import { useCan } from "../permissions";
import { SectionNote } from "./section-note";

const OTHER_REASONS: Record<string, string> = {
  anonymous: "The user is anonymous.",
  email_not_verified: "The project requires a verified e-mail and this user's is not verified.",
};

const restrictionSchema = () => import("@/lib/schemas/users").then((m) => m.restrictUserSchema);

export function RestrictionCard({ user, supported }: { user: UserDetail; supported: boolean }) {
  const id = useId();
  const defaults: RestrictUserInput = {
    userId: user.id,
    restricted: user.restrictedByAdmin,
    publicReason: user.restrictedByAdminReason ?? "",
    privateDetails: user.restrictedByAdminPrivateDetails ?? "",
  };
  const { form, onSubmit, failure, pending } = useActionForm({
    schema: restrictionSchema,
    defaultValues: defaults,
    action: restrictUserAction,
    success: ({ values }) => (values.restricted ? "User restricted" : "Restriction lifted"),
    // Lifting a restriction clears its reason and note on Stack's side too.
    onSuccess: ({ values, form }) => form.reset(values.restricted ? values : { ...values, publicReason: "", privateDetails: "" }),
  });
  const hydrated = useHydrated();
  const canEdit = useCan("restrictUserAction");
  const { errors, isDirty } = form.formState;
  const restricted = useWatch({ control: form.control, name: "restricted" });

  const other = user.restrictedReason && user.restrictedReason !== "restricted_by_administrator" ? OTHER_REASONS[user.restrictedReason] : null;

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
        <CardHeader>
          <CardTitle id={`${id}-title`} className="flex items-center gap-2">
            Restriction
            {user.restrictedByAdmin ? <Badge variant="destructive">restricted</Badge> : null}
          </CardTitle>
          <CardDescription>A restricted user can sign in but your app treats them as limited (e.g. until a review).</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {!supported ? (
            <SectionNote>This Stack server is an older release without admin restrictions.</SectionNote>
          ) : (
            <fieldset disabled={pending || !hydrated} className="grid gap-4">
              {other ? <SectionNote>Also restricted automatically: {other}</SectionNote> : null}
              <div className="flex items-center gap-3">
                <Controller
                  control={form.control}
                  name="restricted"
                  render={({ field }) => <Switch id={`${id}-restricted`} checked={field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} disabled={!canEdit || pending} />}
                />
                <Label htmlFor={`${id}-restricted`}>Restricted by an administrator</Label>
              </div>
              {restricted ? (
                <>
                  <Field id={`${id}-reason`} label="Reason shown to the user" error={errors.publicReason?.message}>
                    <Textarea rows={2} readOnly={!canEdit} className={readOnlyControl} {...form.register("publicReason")} />
                  </Field>
                  <Field id={`${id}-details`} label="Private note" description="Only operators see this." error={errors.privateDetails?.message}>
                    <Textarea rows={2} readOnly={!canEdit} className={readOnlyControl} {...form.register("privateDetails")} />
                  </Field>
                </>
              ) : null}
            </fieldset>
          )}
          <FormMessage failure={failure} />
        </CardContent>
        {supported && canEdit ? (
          <CardFooter className="justify-end">
            <Button type="submit" disabled={!isDirty} loading={pending}>
              Save restriction
            </Button>
          </CardFooter>
        ) : null}
      </form>
    </Card>
  );
}
