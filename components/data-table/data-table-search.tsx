"use client";

import { Search } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Input } from "@/components/ui/input";

const DEBOUNCE_MS = 300;

/** The table's search box: local text, committed after a pause; follows the URL when it changes from outside. */
export function DataTableSearch({ value, onCommit, label, placeholder }: { value: string; onCommit: (q: string | undefined) => void; label: string; placeholder?: string }) {
  const id = useId();
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    // Back button, "Clear search": the URL moved, so does the box.
    setSynced(value);
    setText(value);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  function onChange(next: string) {
    setText(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const q = next.trim() || undefined;
      setSynced(q ?? "");
      onCommit(q);
    }, DEBOUNCE_MS);
  }

  return (
    <div className="grid min-w-56 flex-1 gap-1.5 sm:max-w-sm">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input id={id} type="search" placeholder={placeholder} value={text} onChange={(e) => onChange(e.target.value)} className="pl-8" />
      </div>
    </div>
  );
}
