"use client";

import { Command } from "cmdk";
import { Bookmark, Keyboard, UserRound, UsersRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { NAV_ICONS } from "@/components/shell/nav-icons";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import type { NavItem } from "@/lib/nav";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import type { SearchHit, SearchResult } from "@/lib/schemas/search";
import { viewHref, type SavedView } from "@/lib/views-dto";

const DEBOUNCE_MS = 200;

type Lookup = { q: string; result: SearchResult | null; error: string | null };

/** Server-side lookup of users (and teams) for the typed text, debounced; stale answers are dropped. */
function useDirectoryLookup(query: string): Lookup & { loading: boolean } {
  const q = query.trim();
  const [state, setState] = useState<Lookup>({ q: "", result: null, error: null });
  useEffect(() => {
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchJson<SearchResult>(`/api/search?${new URLSearchParams({ q })}`, controller.signal).then(
        (result) => setState({ q, result, error: null }),
        (err: unknown) => {
          if (controller.signal.aborted) return;
          setState({ q, result: null, error: err instanceof ApiError ? err.message : "Search failed." });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  const current = state.q === q && q !== "";
  return { q, result: current ? state.result : null, error: current ? state.error : null, loading: q !== "" && !current };
}

/** The project's saved views, read each time the palette opens (another operator may have saved one). */
function useSavedViews(open: boolean): SavedView[] {
  const [views, setViews] = useState<SavedView[]>([]);
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    fetchJson<{ views: SavedView[] }>("/api/views", controller.signal).then(
      (res) => setViews(res.views),
      () => {
        /* no views listed; pages and search still work */
      },
    );
    return () => controller.abort();
  }, [open]);
  return views;
}

function matchesPage(item: NavItem, q: string) {
  const needle = q.toLowerCase();
  return [item.label, ...(item.keywords ?? [])].some((word) => word.toLowerCase().includes(needle));
}

const itemClass =
  "flex cursor-pointer select-none items-center gap-2.5 rounded-md px-2.5 py-2 text-sm outline-none data-[selected=true]:bg-accent data-[selected=true]:text-accent-foreground";
const groupClass =
  "px-1 py-1.5 [&_[cmdk-group-heading]]:px-2.5 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-muted-foreground";

function HitItem({ hit, onSelect }: { hit: SearchHit; onSelect: () => void }) {
  const Icon = hit.kind === "user" ? UserRound : UsersRound;
  return (
    <Command.Item value={`${hit.kind}:${hit.id}`} onSelect={onSelect} className={itemClass}>
      <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      <span className="min-w-0 truncate">{hit.label}</span>
      {hit.detail ? <span className="ml-auto min-w-0 truncate text-xs text-muted-foreground">{hit.detail}</span> : null}
    </Command.Item>
  );
}

/** Ctrl/Cmd-K: jump to a page, or to a user or team found by e-mail, name or id. Loaded on first use. */
export default function CommandPalette({
  open,
  onOpenChange,
  items,
  onShowHelp,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  items: readonly NavItem[];
  onShowHelp: () => void;
}) {
  const router = useRouter();
  const [query, setQuery] = useState("");
  const lookup = useDirectoryLookup(query);
  const pages = lookup.q ? items.filter((item) => matchesPage(item, lookup.q)) : items;
  const allViews = useSavedViews(open);
  const views = lookup.q ? allViews.filter((v) => v.name.toLowerCase().includes(lookup.q.toLowerCase())) : allViews;
  const users = lookup.result?.users ?? [];
  const teams = lookup.result?.teams ?? [];
  // Detail pages live under their area's path: /users/{id}, /teams/{id}.
  const hitGroups = [
    { heading: "Users", base: "/users", hits: users },
    { heading: "Teams", base: "/teams", hits: teams },
  ];

  const found = pages.length + views.length + users.length + teams.length;
  const status = lookup.error ?? (lookup.loading ? "Searching users…" : lookup.q && found === 0 ? `Nothing matches “${lookup.q}”.` : "");

  const close = (next: boolean) => {
    if (!next) setQuery("");
    onOpenChange(next);
  };
  const go = (href: string) => {
    close(false);
    router.push(href);
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="top-[12vh] max-w-xl translate-y-0 gap-0 overflow-hidden p-0">
        <DialogTitle className="sr-only">Command palette</DialogTitle>
        <DialogDescription className="sr-only">Go to a page, or find a user by e-mail, name or id.</DialogDescription>
        {/* Results come from the server: cmdk's own filtering would hide them. */}
        <Command label="Search pages and users" shouldFilter={false} loop className="flex flex-col">
          <Command.Input
            value={query}
            onValueChange={setQuery}
            placeholder="Go to a page, or find a user by e-mail, name or id…"
            className="h-12 w-full border-b bg-transparent px-4 pr-10 text-sm outline-none placeholder:text-muted-foreground"
          />
          <Command.List className="max-h-[min(60vh,24rem)] overflow-y-auto p-1" label="Results">
            {pages.length > 0 ? (
              <Command.Group heading="Pages" className={groupClass}>
                {pages.map((item) => {
                  const Icon = NAV_ICONS[item.id];
                  return (
                    <Command.Item key={item.id} value={`page:${item.href}`} onSelect={() => go(item.href)} className={itemClass}>
                      {Icon ? <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden /> : null}
                      {item.label}
                    </Command.Item>
                  );
                })}
              </Command.Group>
            ) : null}
            {views.length > 0 ? (
              <Command.Group heading="Saved views" className={groupClass}>
                {views.map((v) => (
                  <Command.Item key={v.id} value={`view:${v.id}`} onSelect={() => go(viewHref(v))} className={itemClass}>
                    <Bookmark className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <span className="min-w-0 truncate">{v.name}</span>
                  </Command.Item>
                ))}
              </Command.Group>
            ) : null}
            {hitGroups.map((group) =>
              group.hits.length > 0 ? (
                <Command.Group key={group.heading} heading={group.heading} className={groupClass}>
                  {group.hits.map((hit) => (
                    <HitItem key={hit.id} hit={hit} onSelect={() => go(`${group.base}/${encodeURIComponent(hit.id)}`)} />
                  ))}
                </Command.Group>
              ) : null,
            )}
            {!lookup.q ? (
              <Command.Group heading="Help" className={groupClass}>
                <Command.Item value="help:shortcuts" onSelect={() => { close(false); onShowHelp(); }} className={itemClass}>
                  <Keyboard className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                  Keyboard shortcuts
                </Command.Item>
              </Command.Group>
            ) : null}
          </Command.List>
          {/* Outside the listbox, which may only hold options; a live region so the outcome is announced. */}
          <p role={lookup.error ? "alert" : "status"} className={!status ? "sr-only" : lookup.error ? "border-t px-4 py-2.5 text-sm text-destructive" : "border-t px-4 py-2.5 text-sm text-muted-foreground"}>
            {status}
          </p>
        </Command>
      </DialogContent>
    </Dialog>
  );
}
