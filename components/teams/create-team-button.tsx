"use client";

import { Plus } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";

const loadDialog = () => import("./create-team-dialog");
const CreateTeamDialog = dynamic(() => loadDialog().then((m) => m.CreateTeamDialog), { ssr: false });

/** Opens the create-team dialog, loaded on first use (its form and the user picker don't ship with the list). */
export function CreateTeamButton() {
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        onClick={() => {
          setMounted(true);
          setOpen(true);
        }}
      >
        <Plus aria-hidden />
        Create team
      </Button>
      {mounted ? <CreateTeamDialog open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}
