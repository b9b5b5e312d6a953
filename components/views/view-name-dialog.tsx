"use client";

import { useId, type FormEventHandler } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createViewAction, renameViewAction } from "@/lib/actions/views";
import type { SavedView } from "@/lib/views-dto";

const createSchema = () => import("@/lib/schemas/views").then((m) => m.createViewSchema);
const renameSchema = () => import("@/lib/schemas/views").then((m) => m.renameViewSchema);

type Props = { open: boolean; onOpenChange: (open: boolean) => void; onSaved: (view: SavedView) => void };

function NameForm({ title, description, submit, failure, pending, register, error, onSubmit, onCancel }: {
  title: string;
  description: string;
  submit: string;
  failure: Parameters<typeof FormMessage>[0]["failure"];
  pending: boolean;
  register: UseFormRegisterReturn;
  error: string | undefined;
  onSubmit: FormEventHandler;
  onCancel: () => void;
}) {
  const id = useId();
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
      </DialogHeader>
      <fieldset disabled={pending} className="grid gap-4">
        <Field id={`${id}-name`} label="Name" error={error}>
          <Input autoComplete="off" {...register} />
        </Field>
      </fieldset>
      <FormMessage failure={failure} />
      <DialogFooter>
        <Button variant="outline" disabled={pending} onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={pending}>
          {submit}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** "Save view": names the table's current search, filters and sort (`search`) for the project. */
export function SaveViewDialog({ open, onOpenChange, onSaved, search }: Props & { search: string }) {
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: createSchema,
    defaultValues: { name: "", search: "" },
    // The table's state when Save is pressed (it may have changed since the dialog opened).
    action: (values) => createViewAction({ ...values, search }),
    success: ({ data }) => `Saved the view “${data.name}”`,
    onSuccess: ({ data }) => {
      onOpenChange(false);
      onSaved(data);
    },
  });
  const close = (next: boolean) => {
    if (pending) return;
    if (!next) reset({ name: "", search: "" });
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent dismissible={!pending}>
        <NameForm
          title="Save view"
          description="Saves the search, filters and sort for everyone on this project; its link opens the users table with them."
          submit="Save view"
          failure={failure}
          pending={pending}
          register={form.register("name")}
          error={form.formState.errors.name?.message}
          onSubmit={onSubmit}
          onCancel={() => close(false)}
        />
      </DialogContent>
    </Dialog>
  );
}

export function RenameViewDialog({ open, onOpenChange, onSaved, view }: Props & { view: SavedView }) {
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: renameSchema,
    defaultValues: { viewId: view.id, name: view.name },
    action: renameViewAction,
    success: ({ data }) => `Renamed the view to “${data.name}”`,
    onSuccess: ({ data }) => {
      onOpenChange(false);
      onSaved(data);
    },
  });
  const close = (next: boolean) => {
    if (pending) return;
    if (!next) reset({ viewId: view.id, name: view.name });
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent dismissible={!pending}>
        <NameForm
          title="Rename view"
          description={`The view keeps its link and its filter; only “${view.name}” changes.`}
          submit="Rename"
          failure={failure}
          pending={pending}
          register={form.register("name")}
          error={form.formState.errors.name?.message}
          onSubmit={onSubmit}
          onCancel={() => close(false)}
        />
      </DialogContent>
    </Dialog>
  );
}
