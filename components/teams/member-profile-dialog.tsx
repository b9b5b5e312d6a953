"use client";

import { useId } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { updateTeamMemberProfileAction } from "@/lib/actions/teams";
import { userLabel } from "@/lib/labels";
import type { UpdateTeamMemberProfileInput } from "@/lib/schemas/teams";
import type { TeamMemberRow } from "@/lib/teams-dto";

const profileSchema = () => import("@/lib/schemas/teams").then((m) => m.updateTeamMemberProfileSchema);

/** A member's team profile: the name and picture the team's members see (not the user's own). */
export function MemberProfileDialog({ teamId, member, onClose }: { teamId: string; member: TeamMemberRow; onClose: () => void }) {
  const id = useId();
  const defaults: UpdateTeamMemberProfileInput = {
    teamId,
    userId: member.id,
    displayName: member.profile?.displayName ?? member.displayName ?? "",
    profileImageUrl: member.profile?.profileImageUrl ?? "",
  };
  const { form, onSubmit, failure, pending } = useActionForm({
    schema: profileSchema,
    defaultValues: defaults,
    action: updateTeamMemberProfileAction,
    success: "Team profile saved",
    onSuccess: () => onClose(),
  });
  const { errors } = form.formState;
  return (
    <Dialog open onOpenChange={(open) => (!open && !pending ? onClose() : undefined)}>
      <DialogContent dismissible={!pending}>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Edit team profile</DialogTitle>
            <DialogDescription>How {userLabel(member)} appears in this team. Their own profile is unchanged.</DialogDescription>
          </DialogHeader>
          <fieldset disabled={pending} className="grid gap-4">
            <Field id={`${id}-name`} label="Display name in the team" error={errors.displayName?.message}>
              <Input autoComplete="off" {...form.register("displayName")} />
            </Field>
            <Field id={`${id}-image`} label="Profile image URL in the team" description="An http(s) URL; leave empty for none." error={errors.profileImageUrl?.message}>
              <Input type="url" autoComplete="off" placeholder="https://…" {...form.register("profileImageUrl")} />
            </Field>
          </fieldset>
          <FormMessage failure={failure} />
          <DialogFooter>
            <Button variant="outline" disabled={pending} onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Save profile
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
