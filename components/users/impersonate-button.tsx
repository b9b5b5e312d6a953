"use client";

import { UserRoundCog } from "lucide-react";
import dynamic from "next/dynamic";
import { GatedDialogButton } from "./gated-dialog-button";

const load = () => import("./impersonate-dialog");
// The dialog (form, zod on first validation, the token view) loads on first use.
const ImpersonateDialog = dynamic(() => load().then((m) => m.ImpersonateDialog), { ssr: false });

/** "Impersonate…": operators and up; the dialog asks for a reason and an expiry. */
export function ImpersonateButton({ userId, label }: { userId: string; label: string }) {
  return (
    <GatedDialogButton action="impersonateUser" icon={<UserRoundCog aria-hidden />} label="Impersonate…" preload={load} dialog={(p) => <ImpersonateDialog userId={userId} label={label} {...p} />} />
  );
}
