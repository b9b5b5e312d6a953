"use client";

import { useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { deleteUserAction } from "@/lib/actions/users";
import { DANGEROUS, userConfirmValue } from "@/lib/dangerous";
import { userLabel } from "@/lib/labels";

type Target = { id: string; primaryEmail: string | null; displayName: string | null; isAnonymous?: boolean };

/**
 * Delete-user confirmation (typed e-mail, or id when there is none; the server re-checks it).
 * The caller moves on after the delete (list refetch, or away from the user page): no page refresh.
 */
export function useDeleteUserDialog(onDeleted: (userId: string) => void) {
  const [target, setTarget] = useState<Target | null>(null);
  const [open, setOpen] = useState(false);
  const { confirm } = useActionRunner();
  const op = DANGEROUS.deleteUser;

  const dialog = target ? (
    <LazyConfirmDialog
      open={open}
      onOpenChange={setOpen}
      title={op.title}
      description={<p>{op.consequence}</p>}
      target={{ label: userLabel(target), id: target.id }}
      confirmValue={userConfirmValue(target.primaryEmail, target.id)}
      confirmLabel={op.confirmLabel}
      onConfirm={(typed) =>
        confirm(() => deleteUserAction({ userId: target.id, confirmation: typed }), `Deleted ${userConfirmValue(target.primaryEmail, target.id)}`, {
          refresh: false,
          onSuccess: () => onDeleted(target.id),
        })
      }
    />
  ) : null;

  return {
    /** For the control that opens it (pointerenter/focus): starts loading the dialog. */
    preload: preloadConfirmDialog,
    openFor: (t: Target) => {
      setTarget(t);
      setOpen(true);
    },
    dialog,
  };
}
