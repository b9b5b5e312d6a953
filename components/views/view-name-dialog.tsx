"use client";

import { useId } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createViewAction, renameViewAction } from "@/lib/actions/views";
import type { SavedView } from "@/lib/views-dto";

const nameSchema = () => import("@/lib/schemas/views").then((m) => m.viewNameSchema);

/** Save: the table's state when Save is pressed (it may have changed since the dialog opened). Rename: the open view. */
export type ViewNameTarget = { mode: "save"; search: string } | { mode: "rename"; view: SavedView };

const TEXT = {
  save: { title: "Save view", description: () => "Saves the search, filters and sort for everyone on this project; its link opens the users table with them.", submit: "Save view" },
  rename: { title: "Rename view", description: (name: string) => `The view keeps its link and its filter; only “${name}” changes.`, submit: "Rename" },
};

/** Names a new view ("Save view") or renames one: one name field, the action's own schema. */
export function ViewNameDialog({ open, onOpenChange, onSaved, target }: { open: boolean; onOpenChange: (open: boolean) => void; onSaved: (view: SavedView) => void; target: ViewNameTarget }) {
  const id = useId();
  const initial = { name: target.mode === "rename" ? target.view.name : "" };
  const text = TEXT[target.mode];
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: nameSchema,
    defaultValues: initial,
    action: ({ name }: typeof initial) => (target.mode === "rename" ? renameViewAction({ viewId: target.view.id, name }) : createViewAction({ name, search: target.search })),
    success: ({ data }) => (target.mode === "rename" ? `Renamed the view to “${data.name}”` : `Saved the view “${data.name}”`),
    onSuccess: ({ data }) => {
      onOpenChange(false);
      onSaved(data);
    },
  });
  const close = (next: boolean) => {
    if (pending) return;
    if (!next) reset(initial);
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent dismissible={!pending}>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{text.title}</DialogTitle>
            <DialogDescription>{text.description(initial.name)}</DialogDescription>
          </DialogHeader>
          <fieldset disabled={pending} className="grid gap-4">
            <Field id={`${id}-name`} label="Name" error={form.formState.errors.name?.message}>
              <Input autoComplete="off" {...form.register("name")} />
            </Field>
          </fieldset>
          <FormMessage failure={failure} />
          <DialogFooter>
            <Button variant="outline" disabled={pending} onClick={() => close(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {text.submit}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
