"use client";

import { useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { applyConfigChangeAction } from "@/lib/actions/config";
import type { ConfigPreview } from "@/lib/config-history-dto";
import { DANGEROUS } from "@/lib/dangerous";
import { DiffTable } from "./diff-table";
import { ImpactList } from "./impact-list";

/**
 * A previewed change (the dry run): the diff, its dangerous parts, and "Apply" through the one
 * confirmation dialog. The apply sends the preview's hash: the server refuses it if the diff
 * against the live config is no longer this one.
 */
export function PreviewPanel({ preview, source, canApply, onApplied }: { preview: ConfigPreview; source: string; canApply: boolean; onApplied?: () => void }) {
  const [open, setOpen] = useState(false);
  const runner = useActionRunner();
  const op = DANGEROUS.applyConfig;
  const none = preview.changes.length === 0;

  return (
    <section aria-label="Preview" className="space-y-3">
      <h3 className="font-medium">
        {preview.sourceLabel}: {none ? "no differences" : `${preview.changes.length} change${preview.changes.length === 1 ? "" : "s"}`}
      </h3>
      {none ? (
        <p className="text-sm text-muted-foreground">The live configuration already matches: there is nothing to apply.</p>
      ) : (
        <>
          {preview.dangerous.length > 0 ? (
            <div role="note" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
              <p className="font-medium text-destructive">Dangerous changes</p>
              <ul className="list-disc pl-5">
                {preview.dangerous.map((d) => (
                  <li key={`${d.key}:${d.path}`}>
                    {d.summary}: {DANGEROUS[d.key].consequence}
                  </li>
                ))}
              </ul>
              <ImpactList dangerous={preview.dangerous} impact={preview.impact} />
            </div>
          ) : null}
          <DiffTable changes={preview.changes} dangerous={preview.dangerous} caption="Changes to the live configuration" />
          {canApply ? (
            <Button variant="destructive" onClick={() => setOpen(true)} onPointerEnter={preloadConfirmDialog} onFocus={preloadConfirmDialog}>
              Apply {preview.changes.length} change{preview.changes.length === 1 ? "" : "s"}…
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground">Applying a configuration needs the admin role.</p>
          )}
        </>
      )}
      <LazyConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={op.title}
        description={
          <>
            <p>{op.consequence}</p>
            <ul className="list-disc pl-5">
              {preview.dangerous.map((d) => (
                <li key={`${d.key}:${d.path}`}>{d.summary}</li>
              ))}
              <li>
                {preview.changes.length} field{preview.changes.length === 1 ? "" : "s"} in all: {preview.changes.slice(0, 8).map((c) => c.path).join(", ")}
                {preview.changes.length > 8 ? " …" : ""}
              </li>
            </ul>
            <ImpactList dangerous={preview.dangerous} impact={preview.impact} />
          </>
        }
        target={preview.target}
        confirmValue={preview.confirmValue}
        confirmLabel={op.confirmLabel}
        onConfirm={(typed) =>
          runner.confirm(() => applyConfigChangeAction({ source, previewHash: preview.hash, confirmation: typed }), (d) => `Configuration applied (${d.fields.length} fields)`, {
            onSuccess: () => onApplied?.(),
          })
        }
      />
    </section>
  );
}
