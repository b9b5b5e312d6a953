"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { PreviewPanel } from "./preview-panel";
import { usePreview } from "./use-preview";

/** Import a configuration file: a dry run shows the diff against the live config, then Apply. */
export function ImportPanel({ canApply }: { canApply: boolean }) {
  const id = useId();
  const [fileText, setFileText] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const { preview, pending, state, errors, clear, fail } = usePreview();

  function dryRun() {
    if (fileText === null) return;
    let document: unknown;
    try {
      document = JSON.parse(fileText);
    } catch (err) {
      fail([`(file): not valid JSON (${err instanceof Error ? err.message : "parse error"})`]);
      return;
    }
    preview(JSON.stringify({ kind: "import", document }));
  }

  return (
    <div className="space-y-4">
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-file`}>Configuration file (JSON)</Label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          className="text-sm file:mr-3 file:rounded-md file:border file:bg-background file:px-3 file:py-1.5 file:text-sm"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            clear();
            fail([]);
            setFileName(file?.name ?? null);
            setFileText(file ? await file.text() : null);
          }}
        />
      </div>
      <Button onClick={dryRun} disabled={fileText === null} loading={pending}>
        Dry run: show the diff
      </Button>
      {errors.length > 0 ? (
        <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          <p className="font-medium text-destructive">{fileName ?? "The file"} cannot be imported</p>
          <ul className="list-disc pl-5 font-mono text-xs">
            {errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {state ? <PreviewPanel preview={state.preview} source={state.source} canApply={canApply} onApplied={clear} /> : null}
    </div>
  );
}
