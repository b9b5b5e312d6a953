"use client";

import { Eye } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { RoleGate } from "@/components/ui/role-gate";

const load = () => import("./reveal-dialog");
const RevealDialog = dynamic(() => load().then((m) => m.RevealDialog), { ssr: false });

/** For operators who see personal data masked: reveal one user's, with a reason (audited). */
export function RevealButton({ userId }: { userId: string }) {
  const [opened, setOpened] = useState(false);
  const [open, setOpen] = useState(false);
  return (
    <RoleGate action="revealUserData">
      <Button
        variant="outline"
        onPointerEnter={() => void load()}
        onFocus={() => void load()}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        <Eye aria-hidden />
        Reveal personal data…
      </Button>
      {opened ? <RevealDialog userId={userId} open={open} onOpenChange={setOpen} /> : null}
    </RoleGate>
  );
}
