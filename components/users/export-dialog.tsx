"use client";

import { Download } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { USER_EXPORT_COLUMN_LABELS, USER_EXPORT_COLUMNS, type UserExportColumn } from "@/lib/schemas/export";
import { filterSearch, type UserListParams } from "@/lib/url-state/users";

const STORAGE_KEY = "stack-admin.users-export-columns";

/** The columns chosen last time in this browser (all of them the first time). */
function rememberedColumns(): UserExportColumn[] {
  try {
    const raw = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "null") as unknown;
    if (Array.isArray(raw)) {
      const kept = USER_EXPORT_COLUMNS.filter((c) => raw.includes(c));
      if (kept.length > 0) return kept;
    }
  } catch {
    /* unreadable or blocked storage: the default */
  }
  return [...USER_EXPORT_COLUMNS];
}

/** A v4 UUID; getRandomValues also works outside secure contexts (plain http), unlike randomUUID. */
function randomId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The download URL: the table's filter and sort (or the view), the columns, and the progress id. */
export function exportHref(params: UserListParams, columns: readonly UserExportColumn[], progress: string): string {
  const sp = new URLSearchParams(filterSearch(params));
  if (params.view) sp.set("view", params.view);
  for (const c of columns) sp.append("columns", c);
  sp.set("progress", progress);
  return `/api/users/export?${sp}`;
}

export function ExportDialog({ open, onOpenChange, params, viewName, onStarted }: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  params: UserListParams;
  viewName: string | null;
  onStarted: (progressId: string) => void;
}) {
  const id = useId();
  const [columns, setColumns] = useState<UserExportColumn[]>(rememberedColumns);
  const toggle = (c: UserExportColumn, on: boolean) => setColumns((cs) => USER_EXPORT_COLUMNS.filter((x) => (x === c ? on : cs.includes(x))));

  function start() {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(columns));
    } catch {
      /* not remembered; the export runs anyway */
    }
    const progress = randomId();
    // A download link, not fetch: the browser writes the stream to disk as it arrives.
    const a = document.createElement("a");
    a.href = exportHref(params, columns, progress);
    a.download = "";
    document.body.append(a);
    a.click();
    a.remove();
    onStarted(progress);
    onOpenChange(false);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Export users as CSV</DialogTitle>
          <DialogDescription>
            Every user {viewName ? <>of the view “{viewName}”</> : "matching the search and filters"}, all pages, in the table&apos;s order.
          </DialogDescription>
        </DialogHeader>
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">Columns</legend>
          {USER_EXPORT_COLUMNS.map((c) => (
            <div key={c} className="flex items-center gap-2 text-sm">
              <Checkbox id={`${id}-${c}`} checked={columns.includes(c)} onCheckedChange={(on) => toggle(c, on)} />
              <label htmlFor={`${id}-${c}`}>{USER_EXPORT_COLUMN_LABELS[c]}</label>
            </div>
          ))}
        </fieldset>
        <p className="text-xs text-muted-foreground">The columns you pick are remembered in this browser.</p>
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button disabled={columns.length === 0} onClick={start}>
            <Download aria-hidden /> Download CSV
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
