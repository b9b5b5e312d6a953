"use client";

import { useEffect, useState } from "react";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import type { ExportProgress } from "@/lib/schemas/export";

const POLL_MS = 750;
/** Polls with no record of the export (it was refused before it started, or another replica runs it). */
const MAX_UNKNOWN = 20;

export type ExportReadout = { state: "starting" } | ExportProgress;

/**
 * The progress of the export named `id`, polled from GET /api/users/export/progress while the
 * browser downloads the file itself; stops once it is done or failed.
 */
export function useExportProgress(id: string | null): ExportReadout | null {
  const [readout, setReadout] = useState<{ id: string; value: ExportReadout } | null>(null);
  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unknown = 0;
    const poll = async () => {
      let next: ExportReadout;
      try {
        next = await fetchJson<ExportProgress>(`/api/users/export/progress?${new URLSearchParams({ id })}`, controller.signal);
      } catch (err) {
        if (controller.signal.aborted) return;
        const notYet = err instanceof ApiError && err.code === "NOT_FOUND" && ++unknown < MAX_UNKNOWN;
        next = notYet
          ? { state: "starting" }
          : { state: "failed", rows: 0, total: null, message: err instanceof ApiError && err.code !== "NOT_FOUND" ? err.message : "The export did not start. Check the browser's downloads, then try again." };
      }
      setReadout({ id, value: next });
      if (next.state === "starting" || next.state === "running") timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), 200);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id]);
  if (!id) return null;
  return readout?.id === id ? readout.value : { state: "starting" };
}

const n = (v: number) => v.toLocaleString("en-US");

export function describeReadout(r: ExportReadout): string {
  if (r.state === "starting") return "Export starting…";
  if (r.state === "failed") return r.message ?? "The export failed.";
  const of = r.total !== null ? ` of ${n(r.total)}` : "";
  if (r.state === "done") return `Export done: ${n(r.rows)} ${r.rows === 1 ? "row" : "rows"}.`;
  return `Exporting: ${n(r.rows)}${of} rows so far…`;
}
