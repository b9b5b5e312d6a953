"use client";

import { UserRoundCog } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { RoleGate } from "@/components/ui/role-gate";

const load = () => import("./impersonate-dialog");
// The dialog (form, zod on first validation, the token view) loads on first use.
const ImpersonateDialog = dynamic(() => load().then((m) => m.ImpersonateDialog), { ssr: false });

/** "Sign in as this user…": operators and up; the dialog asks for a reason and an expiry. */
export function ImpersonateButton({ userId, label }: { userId: string; label: string }) {
  const [opened, setOpened] = useState(false);
  const [open, setOpen] = useState(false);
  return (
    <RoleGate action="impersonateUser">
      <Button
        variant="outline"
        onPointerEnter={() => void load()}
        onFocus={() => void load()}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        <UserRoundCog aria-hidden />
        Impersonate…
      </Button>
      {opened ? <ImpersonateDialog userId={userId} label={label} open={open} onOpenChange={setOpen} /> : null}
    </RoleGate>
  );
}
