"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { RoleGate } from "@/components/ui/role-gate";
import type { ActionName } from "@/lib/roles";

/**
 * The button that opens such a dialog, behind the action's RoleGate. The dialog's code loads on
 * first hover, focus or click (`preload`), not with the page.
 */
export function GatedDialogButton({
  action,
  icon,
  label,
  preload,
  dialog,
}: {
  action: ActionName;
  icon: ReactNode;
  label: string;
  preload: () => unknown;
  dialog: (props: { open: boolean; onOpenChange: (open: boolean) => void }) => ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  const [open, setOpen] = useState(false);
  return (
    <RoleGate action={action}>
      <Button
        variant="outline"
        onPointerEnter={() => void preload()}
        onFocus={() => void preload()}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        {icon}
        {label}
      </Button>
      {opened ? dialog({ open, onOpenChange: setOpen }) : null}
    </RoleGate>
  );
}
