"use client";

import {
  createContext,
  use,
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentProps,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from "react";
import { flushSync } from "react-dom";
import { Button, type ButtonProps } from "./button";
import { cn } from "./cn";
import { useHydrated } from "./use-hydrated";

/*
 * A small accessible menu button on the native Popover API (top layer, light dismiss, Escape),
 * in place of Radix DropdownMenu + floating-ui (~20 KB gzipped on every page with a row menu).
 * WAI-ARIA menu button pattern: the trigger has aria-haspopup="menu"/aria-expanded; the menu has
 * role="menu" and roving focus over role="menuitem" buttons (Arrow keys, Home/End, first-letter
 * typeahead; Enter/Space activate; Escape or Tab close and focus returns to the trigger).
 *
 *   <DropdownMenu>
 *     <DropdownMenuTrigger variant="ghost" size="icon" aria-label="Actions for Ada">…</DropdownMenuTrigger>
 *     <DropdownMenuContent>
 *       <DropdownMenuItem onSelect={…}>Open</DropdownMenuItem>
 *     </DropdownMenuContent>
 *   </DropdownMenu>
 */

type FocusTarget = "menu" | "first" | "last";
type MenuContextValue = {
  menuId: string;
  triggerId: string;
  open: boolean;
  setOpen: (open: boolean) => void;
  triggerRef: RefObject<HTMLElement | null>;
  menuRef: RefObject<HTMLDivElement | null>;
  focusOnOpenRef: RefObject<FocusTarget>;
};

const MenuContext = createContext<MenuContextValue | null>(null);

function useMenu(): MenuContextValue {
  const ctx = use(MenuContext);
  if (!ctx) throw new Error("DropdownMenu parts must be inside <DropdownMenu>");
  return ctx;
}

const isOpen = (el: HTMLElement | null) => Boolean(el?.matches(":popover-open"));

function items(menu: HTMLElement | null): HTMLElement[] {
  return menu ? Array.from(menu.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled),[role="menuitemcheckbox"]:not(:disabled)')) : [];
}

export function DropdownMenu({ children }: { children: ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLElement | null>(null);
  const menuRef = useRef<HTMLDivElement | null>(null);
  const focusOnOpenRef = useRef<FocusTarget>("menu");
  return (
    <MenuContext value={{ menuId: `${id}-menu`, triggerId: `${id}-trigger`, open, setOpen, triggerRef, menuRef, focusOnOpenRef }}>
      {children}
    </MenuContext>
  );
}

/** The menu's invoker: a <Button> (same props) that opens the menu. */
export function DropdownMenuTrigger({ onClick, onKeyDown, ...props }: ButtonProps) {
  const { menuId, triggerId, open, triggerRef, menuRef, focusOnOpenRef } = useMenu();
  // Before hydration the menu has no items yet: the trigger does nothing (as with Radix).
  const hydrated = useHydrated();
  return (
    <Button
      ref={triggerRef as RefObject<HTMLButtonElement | null>}
      id={triggerId}
      // The browser opens and closes the popover and keeps light dismiss from re-opening it when
      // the trigger itself is clicked.
      popoverTarget={hydrated ? menuId : undefined}
      aria-haspopup="menu"
      aria-expanded={open}
      aria-controls={open ? menuId : undefined}
      onClick={(event) => {
        onClick?.(event);
        // detail 0: activated by Enter/Space, so focus goes to the first item (the popover opens after this handler).
        focusOnOpenRef.current = event.detail === 0 ? "first" : "menu";
      }}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (event.defaultPrevented || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
        event.preventDefault();
        focusOnOpenRef.current = event.key === "ArrowDown" ? "first" : "last";
        const menu = menuRef.current;
        if (menu && !isOpen(menu)) menu.showPopover();
        else items(menu).at(event.key === "ArrowDown" ? 0 : -1)?.focus();
      }}
      {...props}
    />
  );
}

/** Puts the open menu under (or, near the bottom of the viewport, over) its trigger, aligned to one edge. */
function place(menu: HTMLElement, trigger: HTMLElement, align: "start" | "end", sideOffset: number) {
  const r = trigger.getBoundingClientRect();
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const below = vh - r.bottom - sideOffset;
  const above = r.top - sideOffset;
  const down = below >= 220 || below >= above;
  const s = menu.style;
  s.top = down ? `${r.bottom + sideOffset}px` : "auto";
  s.bottom = down ? "auto" : `${vh - r.top + sideOffset}px`;
  s.maxHeight = `${Math.max(down ? below : above, 120) - 8}px`;
  s.left = align === "start" ? `${Math.max(r.left, 4)}px` : "auto";
  s.right = align === "end" ? `${Math.max(vw - r.right, 4)}px` : "auto";
}

export function DropdownMenuContent({
  className,
  children,
  align = "end",
  sideOffset = 4,
}: {
  className?: string;
  children: ReactNode;
  align?: "start" | "end";
  sideOffset?: number;
}) {
  const { menuId, triggerId, open, setOpen, triggerRef, menuRef, focusOnOpenRef } = useMenu();
  const typedRef = useRef({ text: "", at: 0 });

  useEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const reposition = () => {
      if (triggerRef.current) place(menu, triggerRef.current, align, sideOffset);
    };
    const onBeforeToggle = (event: Event) => {
      if ((event as ToggleEvent).newState !== "open") return;
      // Items exist only while the menu is open (like Radix): render them before it shows.
      flushSync(() => setOpen(true));
      reposition();
    };
    const onToggle = (event: Event) => {
      const opening = (event as ToggleEvent).newState === "open";
      if (opening !== isOpen(menu)) return; // a stale event (toggled again meanwhile)
      setOpen(opening);
      if (opening) {
        window.addEventListener("resize", reposition);
        window.addEventListener("scroll", reposition, true);
        const target = focusOnOpenRef.current;
        focusOnOpenRef.current = "menu";
        if (target === "menu") menu.focus({ preventScroll: true });
        else items(menu).at(target === "first" ? 0 : -1)?.focus({ preventScroll: true });
      } else {
        window.removeEventListener("resize", reposition);
        window.removeEventListener("scroll", reposition, true);
        // Escape, Tab or an item: focus was in the menu (now hidden) → back to the trigger. An
        // outside click that focused something else keeps that focus.
        const active = document.activeElement;
        if (!active || active === document.body || menu.contains(active)) triggerRef.current?.focus({ preventScroll: true });
      }
    };
    menu.addEventListener("beforetoggle", onBeforeToggle);
    menu.addEventListener("toggle", onToggle);
    return () => {
      menu.removeEventListener("beforetoggle", onBeforeToggle);
      menu.removeEventListener("toggle", onToggle);
      window.removeEventListener("resize", reposition);
      window.removeEventListener("scroll", reposition, true);
    };
  }, [menuRef, triggerRef, focusOnOpenRef, setOpen, align, sideOffset]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = items(menuRef.current);
    const current = list.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    switch (event.key) {
      case "ArrowDown":
        next = list[(current + 1) % list.length];
        break;
      case "ArrowUp":
        next = list[current <= 0 ? list.length - 1 : current - 1];
        break;
      case "Home":
        next = list[0];
        break;
      case "End":
        next = list.at(-1);
        break;
      case "Tab":
        event.preventDefault();
        menuRef.current?.hidePopover();
        return;
      default: {
        // Typeahead: focus the next item whose text starts with what was typed (within 0.5 s).
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey || event.key === " ") return;
        const now = Date.now();
        typedRef.current = { text: (now - typedRef.current.at < 500 ? typedRef.current.text : "") + event.key.toLowerCase(), at: now };
        const text = typedRef.current.text;
        const ordered = [...list.slice(current + 1), ...list.slice(0, current + 1)];
        next = ordered.find((el) => (el.textContent ?? "").trim().toLowerCase().startsWith(text));
      }
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  return (
    <div
      ref={menuRef}
      id={menuId}
      popover="auto"
      role="menu"
      aria-labelledby={triggerId}
      aria-orientation="vertical"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      className={cn(
        "fixed m-0 min-w-44 max-w-[calc(100vw-8px)] overflow-y-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-md outline-none",
        className,
      )}
    >
      {open ? children : null}
    </div>
  );
}

const itemClassName =
  "relative flex w-full cursor-default select-none items-center gap-2 rounded-sm px-2 py-1.5 text-left text-sm outline-none transition-colors focus:bg-accent focus:text-accent-foreground disabled:pointer-events-none disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0";

export function DropdownMenuItem({
  className,
  danger = false,
  onSelect,
  onClick,
  ...props
}: Omit<ComponentProps<"button">, "onSelect"> & { danger?: boolean; onSelect?: () => void }) {
  const { menuRef, triggerRef } = useMenu();
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className={cn(itemClassName, danger && "text-destructive focus:bg-destructive/10 focus:text-destructive", className)}
      // Like Radix: the item under the pointer is the highlighted (focused) one.
      onPointerMove={(event) => {
        if (document.activeElement !== event.currentTarget) event.currentTarget.focus({ preventScroll: true });
      }}
      onPointerLeave={() => menuRef.current?.focus({ preventScroll: true })}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented) return;
        // Close and return focus first, so a dialog the item opens remembers the trigger.
        if (isOpen(menuRef.current)) menuRef.current?.hidePopover();
        triggerRef.current?.focus({ preventScroll: true });
        onSelect?.();
      }}
      {...props}
    />
  );
}

/** A toggle in the menu (role menuitemcheckbox): the menu stays open so several can be flipped. */
export function DropdownMenuCheckboxItem({
  checked,
  onCheckedChange,
  className,
  children,
  ...props
}: Omit<ComponentProps<"button">, "onChange"> & { checked: boolean; onCheckedChange: (checked: boolean) => void }) {
  return (
    <button
      type="button"
      role="menuitemcheckbox"
      aria-checked={checked}
      tabIndex={-1}
      className={cn(itemClassName, "pl-8", className)}
      onPointerMove={(event) => {
        if (document.activeElement !== event.currentTarget) event.currentTarget.focus({ preventScroll: true });
      }}
      onClick={() => onCheckedChange(!checked)}
      {...props}
    >
      {checked ? <span aria-hidden className="absolute left-2.5 top-1/2 size-2 -translate-y-1/2 rounded-full bg-current" /> : null}
      {children}
    </button>
  );
}

export function DropdownMenuSeparator({ className, ...props }: ComponentProps<"div">) {
  return <div role="separator" className={cn("-mx-1 my-1 h-px bg-border", className)} {...props} />;
}
