import type { NavItem } from "@/lib/nav";

/** How long after `g` the second key of a `g <key>` shortcut may come. */
export const SEQUENCE_MS = 1500;

export type KeyInput = { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; timeStamp: number };

export type ShortcutAction = { type: "palette" } | { type: "help" } | { type: "go"; href: string } | null;

/** Ctrl-K on Windows and Linux, Cmd-K on macOS: both open the palette everywhere. */
export const isPaletteKey = (e: KeyInput) => (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k";

/**
 * The shortcut a key press completes, for a listener that already skipped presses made while typing.
 * Keeps the pending `g` between presses; any other key cancels it.
 */
export function createShortcutMatcher(items: () => readonly NavItem[]) {
  let pendingSince: number | null = null;
  return {
    reset() {
      pendingSince = null;
    },
    match(e: KeyInput): ShortcutAction {
      if (isPaletteKey(e)) {
        pendingSince = null;
        return { type: "palette" };
      }
      if (e.ctrlKey || e.metaKey || e.altKey) {
        pendingSince = null;
        return null;
      }
      if (pendingSince !== null && e.timeStamp - pendingSince <= SEQUENCE_MS) {
        pendingSince = null;
        const item = items().find((i) => i.shortcut === e.key);
        return item ? { type: "go", href: item.href } : null;
      }
      pendingSince = e.key === "g" ? e.timeStamp : null;
      return e.key === "?" ? { type: "help" } : null;
    },
  };
}

const NON_TEXT_INPUTS = new Set(["button", "checkbox", "color", "file", "hidden", "image", "radio", "range", "reset", "submit"]);

/** True while the operator is typing: single-key shortcuts must leave those keys alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === "undefined" || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.closest('[role="textbox"], [role="combobox"]') !== null;
}
