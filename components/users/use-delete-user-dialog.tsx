"use client";

import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { deleteUserAction } from "@/lib/actions/users";
import { DANGEROUS, userConfirmValue } from "@/lib/dangerous";

type Target = { id: string; primaryEmail: string | null; displayName: string | null };

/** Delete-user confirmation (typed e-mail, or id when there is none; the server re-checks it). */
export function useDeleteUserDialog(onDeleted: (userId: string) => void) {
  const [target, setTarget] = useState<Target | null>(null);
  const [open, setOpen] = useState(false);
  const op = DANGEROUS.deleteUser;

  const dialog = target ? (
    <LazyConfirmDialog
      open={open}
      onOpenChange={setOpen}
      title={op.title}
      description={<p>{op.consequence}</p>}
      target={{ label: target.displayName ?? target.primaryEmail ?? "Unnamed user", id: target.id }}
      confirmValue={userConfirmValue(target.primaryEmail, target.id)}
      confirmLabel={op.confirmLabel}
      onConfirm={async (typed) => {
        const res = await deleteUserAction({ userId: target.id, confirmation: typed });
        if (!res.ok) return { ok: false, message: res.message, code: res.code };
        toast.success(`Deleted ${target.primaryEmail ?? target.id}`);
        onDeleted(target.id);
        return { ok: true };
      }}
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
