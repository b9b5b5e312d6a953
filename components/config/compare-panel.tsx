"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ConfigChange } from "@/lib/config/diff";
import { DiffTable } from "./diff-table";
import { PreviewPanel } from "./preview-panel";
import { usePreview } from "./use-preview";

/** The diff from this project to another; ticked rows are copied here through the guarded apply. */
export function ComparePanel({ from, fromName, changes, canApply }: { from: string; fromName: string; changes: ConfigChange[]; canApply: boolean }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const { preview, pending, state, errors, clear } = usePreview();
  const toggle = (path: string, on: boolean) => {
    clear();
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(path);
      else next.delete(path);
      return next;
    });
  };

  if (changes.length === 0) return <p className="text-sm text-muted-foreground">The two projects are configured alike: no differences.</p>;
  return (
    <div className="space-y-4">
      <DiffTable changes={changes} selection={canApply ? { selected, toggle } : undefined} caption={`Differences: before is this project, after is ${fromName}`} />
      {canApply ? (
        <Button disabled={selected.size === 0} loading={pending} onClick={() => preview(JSON.stringify({ kind: "copy", from, paths: [...selected] }))}>
          Preview copying {selected.size} field{selected.size === 1 ? "" : "s"} from {fromName}
        </Button>
      ) : null}
      {errors.length > 0 ? (
        <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {errors.map((e, i) => (
            <p key={i}>{e}</p>
          ))}
        </div>
      ) : null}
      {state ? (
        <PreviewPanel
          preview={state.preview}
          source={state.source}
          canApply={canApply}
          onApplied={() => {
            clear();
            setSelected(new Set());
          }}
        />
      ) : null}
    </div>
  );
}
