"use client";

import { useId, useState } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";

export type PickerOption = { id: string; description: string | null };

/**
 * Contained permissions, picked from the scope's definitions: one checkbox each, a filter above
 * once the list is long. A fieldset with a legend, so each box is announced with its group.
 */
export function PermissionPicker({
  legend,
  options,
  value,
  onChange,
  disabled,
  error,
}: {
  legend: string;
  options: PickerOption[];
  value: string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
  error?: string;
}) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const shown = needle ? options.filter((o) => o.id.includes(needle) || o.description?.toLowerCase().includes(needle)) : options;
  const selected = new Set(value);
  const toggle = (optionId: string, on: boolean) => onChange(on ? [...value, optionId] : value.filter((v) => v !== optionId));

  return (
    <fieldset className="grid gap-2" disabled={disabled} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium">
        {legend} <span className="font-normal text-muted-foreground">({value.length} selected)</span>
      </legend>
      {options.length > 8 ? (
        <Input type="search" aria-label={`Filter ${legend.toLowerCase()}`} placeholder="Filter…" value={filter} onChange={(e) => setFilter(e.target.value)} />
      ) : null}
      {options.length === 0 ? (
        <p className="text-sm text-muted-foreground">No other permissions to contain yet.</p>
      ) : (
        <ul className="max-h-56 space-y-1 overflow-y-auto rounded-md border p-2">
          {shown.map((o) => (
            <li key={o.id} className="flex items-start gap-2 py-0.5">
              <Checkbox id={`${id}-${o.id}`} className="mt-0.5" checked={selected.has(o.id)} onCheckedChange={(on) => toggle(o.id, on)} />
              <label htmlFor={`${id}-${o.id}`} className="min-w-0 text-sm">
                <span className="font-mono">{o.id}</span>
                {o.description ? <span className="block text-xs text-muted-foreground">{o.description}</span> : null}
              </label>
            </li>
          ))}
          {shown.length === 0 ? <li className="text-sm text-muted-foreground">No permission matches “{filter}”.</li> : null}
        </ul>
      )}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
