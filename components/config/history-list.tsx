"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ConfigVersionSummary } from "@/lib/config-history-dto";
import { PreviewPanel } from "./preview-panel";
import { usePreview } from "./use-preview";

const KIND: Record<ConfigVersionSummary["kind"], { label: string; variant: "secondary" | "warning" | "outline" }> = {
  console: { label: "Console", variant: "secondary" },
  elsewhere: { label: "Changed elsewhere", variant: "warning" },
  baseline: { label: "First seen", variant: "outline" },
};

/** The project's config versions, newest first; any of them can be restored through the guarded apply. */
export function HistoryList({ versions, canApply }: { versions: ConfigVersionSummary[]; canApply: boolean }) {
  const { preview, pending, state, errors, clear } = usePreview();
  const [active, setActive] = useState<string | null>(null);
  const restore = (versionId: string, side: "before" | "after") => {
    setActive(`${versionId}:${side}`);
    preview(JSON.stringify({ kind: "restore", versionId, side }));
  };

  if (versions.length === 0) return <p className="text-sm text-muted-foreground">No versions stored yet.</p>;
  return (
    <ol className="space-y-3" aria-label="Versions">
      {versions.map((v) => (
        <li key={v.id} className="rounded-md border p-3" aria-label={`Version of ${new Date(v.at).toISOString()}`}>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge variant={KIND[v.kind].variant}>{KIND[v.kind].label}</Badge>
            <time dateTime={new Date(v.at).toISOString()}>{new Date(v.at).toISOString().replace("T", " ").slice(0, 19)} UTC</time>
            <span className="text-muted-foreground">{v.actor ?? (v.kind === "elsewhere" ? "outside the console" : "the console's first read")}</span>
            {v.source ? <span className="text-muted-foreground">({v.source})</span> : null}
          </div>
          {v.fields.length > 0 ? (
            <p className="mt-1 font-mono text-xs break-all">
              {v.fields.slice(0, 12).join(", ")}
              {v.fields.length > 12 ? ` … (${v.fields.length} fields)` : ""}
            </p>
          ) : null}
          {canApply ? (
            <div className="mt-2 flex flex-wrap gap-2">
              <Button size="sm" variant="outline" loading={pending && active === `${v.id}:after`} onClick={() => restore(v.id, "after")}>
                Restore this version
              </Button>
              {v.kind !== "baseline" ? (
                <Button size="sm" variant="outline" loading={pending && active === `${v.id}:before`} onClick={() => restore(v.id, "before")}>
                  Restore the version before it
                </Button>
              ) : null}
            </div>
          ) : null}
          {active?.startsWith(`${v.id}:`) && errors.length > 0 ? (
            <p role="alert" className="mt-2 text-sm text-destructive">
              {errors.join(" ")}
            </p>
          ) : null}
          {active?.startsWith(`${v.id}:`) && state ? (
            <div className="mt-3">
              <PreviewPanel preview={state.preview} source={state.source} canApply={canApply} onApplied={clear} />
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
