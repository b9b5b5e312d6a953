"use client";

import { useEffect, useId } from "react";

// The forms of a page that have unsaved changes; one pair of listeners serves them all, so
// leaving asks once however many cards are dirty.
const dirtyForms = new Set<string>();
export const UNSAVED_CHANGES_MESSAGE = "You have unsaved changes. Leave this page and lose them?";

function onBeforeUnload(event: BeforeUnloadEvent) {
  if (dirtyForms.size === 0) return;
  // Browsers show their own text; both calls are needed across engines (developer.mozilla.org/docs/Web/API/Window/beforeunload_event).
  event.preventDefault();
  event.returnValue = "";
}

/**
 * In-app navigation: Next's <Link> navigates from React's click handler on the root, so a
 * capture listener on window runs first and can stop it. Links to the same page (anchors),
 * new tabs and other origins (beforeunload covers those) are left alone.
 */
function onClickCapture(event: MouseEvent) {
  if (dirtyForms.size === 0 || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  if (url.pathname === window.location.pathname && url.search === window.location.search) return;
  if (window.confirm(UNSAVED_CHANGES_MESSAGE)) return;
  event.preventDefault();
  event.stopPropagation();
}

function sync() {
  if (dirtyForms.size > 0) {
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("click", onClickCapture, true);
  } else {
    window.removeEventListener("beforeunload", onBeforeUnload);
    window.removeEventListener("click", onClickCapture, true);
  }
}

/** Warns before leaving the page (reload, close, another origin, or an in-app link) while `dirty`. */
export function useUnsavedChangesWarning(dirty: boolean) {
  const id = useId();
  useEffect(() => {
    if (!dirty) return;
    dirtyForms.add(id);
    sync();
    return () => {
      dirtyForms.delete(id);
      sync();
    };
  }, [dirty, id]);
}
