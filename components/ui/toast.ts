import type { ExternalToast } from "sonner";

/*
 * toast.success / toast.error with sonner loaded on the first toast instead of with every page
 * (~10 KB gzipped): toasts only follow an action. The first call also asks <Providers> to mount
 * the Toaster; sonner replays toasts created before its Toaster subscribed.
 */

let sonner: Promise<typeof import("sonner")> | null = null;
const loadSonner = () => (sonner ??= import("sonner"));

let requested = false;
const listeners = new Set<() => void>();

/** For useSyncExternalStore in <Providers>: has any toast been shown yet? */
export function subscribeToToasterRequest(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
export const toasterRequested = () => requested;

function show(kind: "success" | "error", message: string, data?: ExternalToast) {
  if (!requested) {
    requested = true;
    for (const listener of listeners) listener();
  }
  void loadSonner().then(({ toast }) => toast[kind](message, data));
}

export const toast = {
  success: (message: string, data?: ExternalToast) => show("success", message, data),
  error: (message: string, data?: ExternalToast) => show("error", message, data),
};
