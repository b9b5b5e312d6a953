"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import { Controller } from "react-hook-form";
import { metadataEditors } from "@/components/forms/metadata-editor";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { UserPicker } from "@/components/users/user-picker";
import { createTeamAction } from "@/lib/actions/teams";
import type { CreateTeamInput } from "@/lib/schemas/teams";

const EMPTY: CreateTeamInput = { displayName: "", profileImageUrl: "", creatorUserId: "", clientMetadata: "", clientReadOnlyMetadata: "", serverMetadata: "" };
const createTeamSchema = () => import("@/lib/schemas/teams").then((m) => m.createTeamSchema);

/** Create a team: name, an optional first member (the creator, chosen with the user picker), image, metadata. */
export function CreateTeamDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const id = useId();
  const router = useRouter();
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: createTeamSchema,
    defaultValues: EMPTY,
    action: createTeamAction,
    success: ({ values }) => `Created team ${values.displayName.trim()}`,
    refresh: false,
    onSuccess: ({ data }) => {
      onOpenChange(false);
      router.push(`/teams/${encodeURIComponent(data.id)}`);
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
      <DialogContent dismissible={!pending} className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Create team</DialogTitle>
            <DialogDescription>A first member is optional; they join with the project&apos;s team-creator permissions.</DialogDescription>
          </DialogHeader>
          <fieldset disabled={pending} className="grid gap-4">
            <Field id={`${id}-name`} label="Team name" error={errors.displayName?.message}>
              <Input autoComplete="off" {...form.register("displayName")} />
            </Field>
            <Controller
              control={form.control}
              name="creatorUserId"
              render={({ field }) => (
                <div className="grid gap-1">
                  <UserPicker
                    label="First member (optional)"
                    placeholder="Search users by e-mail, name or id"
                    onSelect={(u) => field.onChange(u?.id ?? "")}
                    invalid={!!errors.creatorUserId}
                    describedBy={errors.creatorUserId ? `${id}-creator-error` : undefined}
                  />
                  {errors.creatorUserId ? (
                    <p id={`${id}-creator-error`} className="text-sm text-destructive">
                      {errors.creatorUserId.message}
                    </p>
                  ) : null}
                </div>
              )}
            />
            <Field id={`${id}-image`} label="Profile image URL (optional)" error={errors.profileImageUrl?.message}>
              <Input type="url" autoComplete="off" placeholder="https://…" {...form.register("profileImageUrl")} />
            </Field>
            <div className="grid gap-4 md:grid-cols-3">
              {metadataEditors("team").map((e) => (
                <Field key={e.field} id={`${id}-${e.key}`} label={e.label} description={e.description} error={errors[e.key]?.message}>
                  <Textarea rows={4} spellCheck={false} className="font-mono text-xs" placeholder="null" {...form.register(e.key)} />
                </Field>
              ))}
            </div>
          </fieldset>
          <FormMessage failure={failure} />
          <DialogFooter>
            <Button variant="outline" disabled={pending} onClick={() => handleOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Create team
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
