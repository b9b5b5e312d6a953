"use client";

import { useId } from "react";
import { Controller } from "react-hook-form";
import type { z } from "zod";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { createPermissionDefinitionAction, updatePermissionDefinitionAction } from "@/lib/actions/permissions";
import type { PermissionDefinitionRow, PermissionScope } from "@/lib/permissions-dto";
import type { UpdatePermissionDefinitionInput } from "@/lib/schemas/permissions";
import { PermissionPicker } from "./permission-picker";

type Values = UpdatePermissionDefinitionInput;

const loadSchema = (editing: boolean) => () =>
  import("@/lib/schemas/permissions").then(
    // The create schema ignores `permissionId`; both parse the same values the server parses again.
    (m) => (editing ? m.updatePermissionDefinitionSchema : m.createPermissionDefinitionSchema) as unknown as z.ZodType<unknown, Values>,
  );

/**
 * Create a definition, or edit one (`editing`): id (a rename renames every grant and reference),
 * description, and the permissions it contains, picked from the scope's other definitions.
 */
export function DefinitionDialog({
  scope,
  editing,
  definitions,
  open,
  onOpenChange,
}: {
  scope: PermissionScope;
  editing: PermissionDefinitionRow | null;
  definitions: PermissionDefinitionRow[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const id = useId();
  const empty: Values = {
    scope,
    permissionId: editing?.id ?? "",
    id: editing?.id ?? "",
    description: editing?.description ?? "",
    containedPermissionIds: editing?.containedPermissionIds ?? [],
  };
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: loadSchema(editing !== null),
    defaultValues: empty,
    action: (values: Values) => (editing ? updatePermissionDefinitionAction(values) : createPermissionDefinitionAction(values)),
    success: ({ values }) => (editing ? `Saved ${values.id}` : `Created ${values.id}`),
    onSuccess: () => onOpenChange(false),
  });
  const { errors } = form.formState;
  const options = definitions.filter((d) => d.id !== editing?.id).map((d) => ({ id: d.id, description: d.description }));

  function handleOpenChange(next: boolean) {
    if (pending) return;
    if (!next) reset(empty);
    onOpenChange(next);
  }

  const noun = scope === "team" ? "team permission" : "project permission";
  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogContent dismissible={!pending}>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{editing ? `Edit ${editing.id}` : `Create ${noun}`}</DialogTitle>
            <DialogDescription>
              {editing
                ? "Renaming it renames every grant of it and every permission that contains it."
                : "A holder of this permission also holds every permission it contains, recursively."}
            </DialogDescription>
          </DialogHeader>
          <fieldset disabled={pending} className="grid gap-4">
            <Field id={`${id}-id`} label="Id" description='Lowercase letters, numbers, ":" and "_", e.g. read:reports.' error={errors.id?.message}>
              <Input autoComplete="off" spellCheck={false} className="font-mono" {...form.register("id")} />
            </Field>
            <Field id={`${id}-description`} label="Description (optional)" error={errors.description?.message}>
              <Textarea rows={2} {...form.register("description")} />
            </Field>
            <Controller
              control={form.control}
              name="containedPermissionIds"
              render={({ field }) => (
                <PermissionPicker
                  legend="Contained permissions"
                  options={options}
                  value={field.value ?? []}
                  onChange={field.onChange}
                  disabled={pending}
                  error={errors.containedPermissionIds?.message}
                />
              )}
            />
          </fieldset>
          <FormMessage failure={failure} />
          <DialogFooter>
            <Button variant="outline" disabled={pending} onClick={() => handleOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {editing ? "Save permission" : "Create permission"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
