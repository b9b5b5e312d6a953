"use client";

import { cn } from "@/components/ui/cn";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { navItemsFor } from "@/lib/nav";
import type { Role } from "@/lib/roles";
import { createShortcutMatcher, isPaletteKey, isTypingTarget } from "./keyboard";

// Both load on first use (shortcut or button): cmdk and the dialog stay out of every page's first paint.
const loadPalette = () => import("./command-palette");
const loadHelp = () => import("./shortcuts-help");
const CommandPalette = lazy(loadPalette);
const ShortcutsHelp = lazy(loadHelp);

type Open = "palette" | "help" | null;

/** True while a modal (a confirmation, the palette itself) owns the keyboard. */
const modalOpen = () => document.querySelector('[role="dialog"][aria-modal="true"], [role="alertdialog"]') !== null;

/**
 * The header's search button plus the global shortcuts: Ctrl/Cmd-K (palette), `?` (help) and
 * `g <key>` (go to a page). Single-key shortcuts never fire while typing in a field.
 */
export function PaletteLauncher({ role, className }: { role: Role; className?: string }) {
  const router = useRouter();
  const items = useMemo(() => navItemsFor(role), [role]);
  const [open, setOpen] = useState<Open>(null);
  const openRef = useRef<Open>(null);
  useEffect(() => {
    openRef.current = open;
  }, [open]);
  // Once loaded, a dialog stays mounted so it can close (and return focus) like any dialog.
  const [mounted, setMounted] = useState<{ palette: boolean; help: boolean }>({ palette: false, help: false });

  const show = (which: Exclude<Open, null>) => {
    setMounted((m) => (m[which] ? m : { ...m, [which]: true }));
    setOpen(which);
  };

  useEffect(() => {
    const matcher = createShortcutMatcher(() => items);
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      // Ctrl/Cmd-K works from any field (it types nothing), and toggles the palette itself, but
      // never opens over another dialog (a confirmation); everything else waits while typing.
      const paletteKey = isPaletteKey(event);
      if (paletteKey ? modalOpen() && openRef.current !== "palette" : isTypingTarget(event.target) || modalOpen()) {
        matcher.reset();
        return;
      }
      const action = matcher.match(event);
      if (!action) return;
      event.preventDefault();
      if (action.type === "go") router.push(action.href);
      else if (action.type === "palette") {
        setMounted((m) => (m.palette ? m : { ...m, palette: true }));
        setOpen((o) => (o === "palette" ? null : "palette"));
      } else show("help");
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [items, router]);

  return (
    <>
      <button
        type="button"
        aria-keyshortcuts="Control+K Meta+K"
        onPointerEnter={() => void loadPalette()}
        onFocus={() => void loadPalette()}
        onClick={() => show("palette")}
        className={cn(
          "inline-flex h-8 items-center gap-2 rounded-md border border-input bg-background px-2.5 text-sm text-muted-foreground transition-colors hover:bg-accent hover:text-foreground",
          "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
          className,
        )}
      >
        <Search className="size-4" aria-hidden />
        <span className="sr-only sm:not-sr-only">Search</span>
        <kbd className="hidden rounded border bg-muted px-1.5 font-sans text-xs sm:inline">Ctrl K</kbd>
      </button>
      <Suspense fallback={null}>
        {mounted.palette ? (
          <CommandPalette open={open === "palette"} onOpenChange={(next) => setOpen(next ? "palette" : null)} items={items} onShowHelp={() => show("help")} />
        ) : null}
        {mounted.help ? <ShortcutsHelp open={open === "help"} onOpenChange={(next) => setOpen(next ? "help" : null)} items={items} /> : null}
      </Suspense>
    </>
  );
}
