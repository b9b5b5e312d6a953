"use client";

import { Eye } from "lucide-react";
import dynamic from "next/dynamic";
import { GatedDialogButton } from "./gated-dialog-button";

const load = () => import("./reveal-dialog");
const RevealDialog = dynamic(() => load().then((m) => m.RevealDialog), { ssr: false });

/** For operators who see personal data masked: reveal one user's, with a reason (audited). */
export function RevealButton({ userId }: { userId: string }) {
  return <GatedDialogButton action="revealUserData" icon={<Eye aria-hidden />} label="Reveal personal data…" preload={load} dialog={(p) => <RevealDialog userId={userId} {...p} />} />;
}
