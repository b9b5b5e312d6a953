"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import type { SearchHit, SearchResult } from "@/lib/schemas/search";

const DEBOUNCE_MS = 250;

export type PickedItem = Pick<SearchHit, "id" | "label" | "detail">;

type PickerProps = {
  label: string;
  /** Called with the chosen item (Enter or click); null when the text is cleared. */
  onSelect: (item: PickedItem | null) => void;
  placeholder?: string;
  disabled?: boolean;
  /** Describes the input (e.g. a field error). */
  describedBy?: string;
  invalid?: boolean;
};

/**
 * Search-as-you-type picker over the session-checked `GET /api/search` (users by e-mail, name or
 * id; teams by name or id), debounced, following the ARIA combobox pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): Arrow keys move through the options,
 * Enter picks one, Escape closes the list.
 */
function DirectoryPicker({ kind, label, onSelect, placeholder, disabled, describedBy, invalid }: PickerProps & { kind: "users" | "teams" }) {
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const picked = useRef<string | null>(null);

  useEffect(() => {
    const q = text.trim();
    if (q === "" || q === picked.current) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      fetchJson<SearchResult>(`/api/search?${new URLSearchParams({ q })}`, controller.signal).then(
        (res) => {
          setHits(res[kind]);
          setActive(res[kind].length > 0 ? 0 : -1);
          setError(null);
          setLoading(false);
          setOpen(true);
        },
        (err: unknown) => {
          if ((err as Error).name === "AbortError") return;
          setHits([]);
          setError(err instanceof ApiError ? `${err.message} (${err.code})` : "Search failed.");
          setLoading(false);
          setOpen(true);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, kind]);

  function choose(hit: SearchHit) {
    picked.current = hit.label;
    setText(hit.label);
    setOpen(false);
    onSelect({ id: hit.id, label: hit.label, detail: hit.detail });
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) {
        setOpen(hits.length > 0 || error !== null);
        return;
      }
      if (hits.length === 0) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (a + step + hits.length) % hits.length);
    } else if (e.key === "Enter") {
      if (open && active >= 0 && hits[active]) {
        e.preventDefault();
        choose(hits[active]);
      }
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
    }
  }

  const q = text.trim();
  const expanded = open && q !== "";
  return (
    <div className="relative grid gap-1.5">
      <Label htmlFor={`${id}-input`}>{label}</Label>
      <div className="relative">
        <Input
          id={`${id}-input`}
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          placeholder={placeholder}
          value={text}
          onChange={(e) => {
            picked.current = null;
            setText(e.target.value);
            if (e.target.value.trim() === "") {
              setHits([]);
              setOpen(false);
              onSelect(null);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        {loading ? <Spinner className="absolute top-2.5 right-2.5 size-4" aria-hidden /> : null}
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label={`${label} results`}
        hidden={!expanded}
        className="absolute top-full z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border bg-popover p-1 text-sm shadow-md"
      >
        {hits.map((hit, i) => (
          <li
            key={hit.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(hit);
            }}
            onMouseEnter={() => setActive(i)}
            className={cn("cursor-pointer rounded px-2 py-1.5", i === active && "bg-accent text-accent-foreground")}
          >
            <span className="block break-words font-medium">{hit.label}</span>
            {hit.detail ? <span className="block break-words text-xs text-muted-foreground">{hit.detail}</span> : null}
          </li>
        ))}
        {hits.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled="true" className="px-2 py-1.5 text-muted-foreground">
            {error ?? (loading ? "Searching…" : `No ${kind === "users" ? "users" : "teams"} match.`)}
          </li>
        ) : null}
      </ul>
      <span role="status" aria-live="polite" className="sr-only">
        {expanded && !loading ? (error ?? `${hits.length} ${hits.length === 1 ? "result" : "results"}`) : ""}
      </span>
    </div>
  );
}

/** Picks an existing user by e-mail fragment, name or id. */
export function UserPicker(props: PickerProps) {
  return <DirectoryPicker kind="users" {...props} />;
}

/** Picks a team by name or id (the same route handler and keyboard behaviour as UserPicker). */
export function TeamPicker(props: PickerProps) {
  return <DirectoryPicker kind="teams" {...props} />;
}
