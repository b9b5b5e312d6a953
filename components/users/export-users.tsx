"use client";

import { Download } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { UserListParams } from "@/lib/url-state/users";
import { describeReadout, useExportProgress } from "./export-progress";

const loadDialog = () => import("./export-dialog");
const ExportDialog = dynamic(() => loadDialog().then((m) => m.ExportDialog), { ssr: false });

/**
 * "Export CSV" over the table's current search, filters and sort: every matching user, not just
 * this page. The file is a plain download (the browser streams it to disk, so no export is held
 * in this tab's memory however big); the readout beside the button polls a server-side row
 * counter, with the total where Stack can tell it.
 */
export function ExportUsers({ params, viewName }: { params: UserListParams; viewName: string | null }) {
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const readout = useExportProgress(runId);
  return (
    <div className="flex items-center gap-2">
      <p role="status" className={readout ? "text-sm text-muted-foreground" : "sr-only"}>
        {readout ? describeReadout(readout) : ""}
      </p>
      <Button
        variant="outline"
        size="sm"
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        onClick={() => {
          setMounted(true);
          setOpen(true);
        }}
      >
        <Download aria-hidden /> Export CSV
      </Button>
      {mounted ? <ExportDialog open={open} onOpenChange={setOpen} params={params} viewName={viewName} onStarted={setRunId} /> : null}
    </div>
  );
}
