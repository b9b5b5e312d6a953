"use client";

import { useEffect, useRef, useState } from "react";
import { LazyConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { setProductionAsker, setProductionConfirmationCookie } from "@/components/forms/ask-production-confirmation";

/**
 * Mounted by the shell on production projects: when the action runner learns that a write needs
 * the project's typed name, this asks for it in the one confirmation dialog. The server checks it.
 */
export function ProductionConfirm({ projectName }: { projectName: string }) {
  const [open, setOpen] = useState(false);
  const pending = useRef<((ok: boolean) => void) | null>(null);

  useEffect(() => {
    setProductionAsker(
      () =>
        new Promise<boolean>((resolve) => {
          pending.current?.(false);
          pending.current = resolve;
          setOpen(true);
        }),
    );
    return () => setProductionAsker(null);
  }, []);

  const settle = (ok: boolean) => {
    pending.current?.(ok);
    pending.current = null;
  };

  return (
    <LazyConfirmDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) settle(false);
      }}
      title="Change a production project?"
      description={<p>This change goes to a project labelled production. Type the project&apos;s name to go ahead.</p>}
      target={{ label: projectName, id: "production" }}
      confirmValue={projectName}
      confirmLabel="Confirm change"
      onConfirm={async (typed) => {
        setProductionConfirmationCookie(typed);
        settle(true);
        return { ok: true };
      }}
    />
  );
}
