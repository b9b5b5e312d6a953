"use client";

import { FormCardFooter } from "@/components/forms/form-card-footer";
import { useId } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";
import { updateTeamProfileAction } from "@/lib/actions/teams";
import type { UpdateTeamProfileInput } from "@/lib/schemas/teams";
import type { TeamDetail } from "@/lib/teams-dto";
import { RoleGate } from "@/components/ui/role-gate";

const profileSchema = () => import("@/lib/schemas/teams").then((m) => m.updateTeamProfileSchema);

/** Team name and profile image URL (read-only for operators who may not edit). */
export function TeamProfileCard({ team, canEdit }: { team: TeamDetail; canEdit: boolean }) {
  const id = useId();
  const defaults: UpdateTeamProfileInput = { teamId: team.id, displayName: team.displayName, profileImageUrl: team.profileImageUrl ?? "" };
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: profileSchema,
    defaultValues: defaults,
    action: updateTeamProfileAction,
    success: "Team saved",
  });
  const hydrated = useHydrated();
  const { errors, isDirty } = form.formState;

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
        <CardHeader>
          <CardTitle id={`${id}-title`}>Profile</CardTitle>
          <CardDescription>The team&apos;s name and picture, as members see them.</CardDescription>
        </CardHeader>
        <CardContent>
          <fieldset disabled={pending || !hydrated} className="grid gap-4">
            <Field id={`${id}-name`} label="Team name" error={errors.displayName?.message}>
              <Input autoComplete="off" readOnly={!canEdit} {...form.register("displayName")} />
            </Field>
            <Field id={`${id}-image`} label="Profile image URL" description="An http(s) URL; leave empty for initials." error={errors.profileImageUrl?.message}>
              <Input type="url" autoComplete="off" placeholder={canEdit ? "https://…" : undefined} readOnly={!canEdit} {...form.register("profileImageUrl")} />
            </Field>
          </fieldset>
          <div className="mt-4">
            <FormMessage failure={failure} />
          </div>
        </CardContent>
        <RoleGate action="updateTeamProfile" className="flex w-full justify-end">
          <FormCardFooter dirty={isDirty} pending={pending} onReset={() => reset()} saveLabel="Save team" />
        </RoleGate>
      </form>
    </Card>
  );
}
