"use client";

import { useState, useTransition } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { previewConfigChangeAction } from "@/lib/actions/config";
import type { ConfigPreview } from "@/lib/config-history-dto";

export type PreviewState = { source: string; preview: ConfigPreview } | null;

/** Runs the dry run for a source and keeps its result, or its errors one per line (each named by its path). */
export function usePreview() {
  const { settle } = useActionRunner();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<PreviewState>(null);
  const [errors, setErrors] = useState<string[]>([]);

  function preview(source: string) {
    setErrors([]);
    setState(null);
    startTransition(async () => {
      const res = settle(await previewConfigChangeAction({ source }), null, { inline: true, refresh: false });
      if (res.ok) setState({ source, preview: res.data });
      else setErrors((res.fieldErrors?.source?.[0] ?? res.message).split("\n"));
    });
  }

  return { preview, pending, state, errors, clear: () => setState(null), fail: setErrors };
}
