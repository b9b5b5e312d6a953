"use client";

import { useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { endOperatorSessionsAction } from "@/lib/actions/operators";
import { DANGEROUS } from "@/lib/dangerous";

/** "End all sessions" for one operator, through the one confirmation dialog (type the e-mail). */
export function EndSessionsButton({ operator }: { operator: { email: string; name: string | null } }) {
  const [open, setOpen] = useState(false);
  const { confirm } = useActionRunner();
  const op = DANGEROUS.endOperatorSessions;
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        className="text-destructive"
        aria-label={`End all sessions of ${operator.email}`}
        onPointerEnter={preloadConfirmDialog}
        onFocus={preloadConfirmDialog}
        onClick={() => setOpen(true)}
      >
        End all sessions…
      </Button>
      <LazyConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={op.title}
        description={<p>{op.consequence}</p>}
        target={{ label: operator.name ?? operator.email, id: operator.email }}
        confirmValue={operator.email}
        confirmLabel={op.confirmLabel}
        onConfirm={(typed) =>
          confirm(() => endOperatorSessionsAction({ email: operator.email, confirmation: typed }), (data) => `Ended all sessions of ${data.email}`)
        }
      />
    </>
  );
}
