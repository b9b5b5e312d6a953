"use client";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { NavItem } from "@/lib/nav";

function Keys({ keys }: { keys: string[] }) {
  return (
    <span className="flex shrink-0 items-center gap-1">
      {keys.map((k, i) => (
        <kbd key={i} className="min-w-6 rounded border bg-muted px-1.5 py-0.5 text-center font-sans text-xs text-foreground">
          {k}
        </kbd>
      ))}
    </span>
  );
}

/** The `?` dialog: every shortcut, the `g <key>` ones from the nav registry (pages that exist only). */
export default function ShortcutsHelp({ open, onOpenChange, items }: { open: boolean; onOpenChange: (open: boolean) => void; items: readonly NavItem[] }) {
  const rows: { keys: string[]; label: string }[] = [
    { keys: ["Ctrl", "K"], label: "Open the command palette (⌘ K on a Mac)" },
    { keys: ["?"], label: "Show keyboard shortcuts" },
    ...items.filter((item) => item.shortcut).map((item) => ({ keys: ["g", item.shortcut!], label: `Go to ${item.label}` })),
  ];
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>Press “g”, then the letter. No shortcut but Ctrl K fires while you type in a field.</DialogDescription>
        </DialogHeader>
        <dl className="divide-y text-sm">
          {rows.map((row) => (
            <div key={row.label} className="flex items-center justify-between gap-4 py-2">
              <dt>{row.label}</dt>
              <dd>
                <Keys keys={row.keys} />
              </dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
