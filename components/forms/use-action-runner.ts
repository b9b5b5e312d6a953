"use client";

import { useRouter } from "next/navigation";
import { useCallback, useTransition } from "react";
import type { ConfirmResult } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { invalidateCachedReads } from "@/lib/query/browser-cache";
import { PRODUCTION_CONFIRMATION_REQUIRED } from "@/lib/production-confirmation";
import { askProductionConfirmation, clearProductionConfirmationCookie } from "./ask-production-confirmation";

/** A success toast: fixed text, or text from the action's data; null for none. */
export type SuccessMessage<T> = string | ((data: T) => string) | null;

export type RunOptions<T> = {
  onSuccess?: (data: T) => void;
  /** Refresh the server page after a success (default); off when the caller navigates away. */
  refresh?: boolean;
};

/**
 * Runs a call; when the server answers that a production project needs its typed name, asks for
 * it once (the shell's prompt) and runs the call again with it. Every caller gets this.
 */
export async function withProductionConfirmation<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const res = await call();
  if (res.ok || res.code !== PRODUCTION_CONFIRMATION_REQUIRED) return res;
  if (!(await askProductionConfirmation())) return res;
  try {
    return await call();
  } finally {
    clearProductionConfirmationCookie();
  }
}

/**
 * The one way client code runs a server action. On success: a toast, cached list reads marked
 * stale, and the server page refreshed. On failure: a toast with the message and code, unless
 * the caller shows it inline (a form's message region, a confirmation dialog).
 */
export function useActionRunner() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const settle = useCallback(
    <T>(res: ActionResult<T>, success: SuccessMessage<T>, opts: { inline?: boolean; refresh?: boolean } = {}): ActionResult<T> => {
      if (res.ok) {
        const text = typeof success === "function" ? success(res.data) : success;
        if (text) toast.success(text);
        void invalidateCachedReads();
        if (opts.refresh !== false) router.refresh();
      } else if (!opts.inline) {
        toast.error(res.message, { description: `Error code: ${res.code}` });
      }
      return res;
    },
    [router],
  );

  /** For buttons, switches and menu items: runs in a transition, so `pending` tracks it. */
  const run = useCallback(
    <T>(call: () => Promise<ActionResult<T>>, success: SuccessMessage<T>, opts: RunOptions<T> = {}) => {
      startTransition(async () => {
        const res = settle(await withProductionConfirmation(call), success, { refresh: opts.refresh });
        if (res.ok) opts.onSuccess?.(res.data);
      });
    },
    [settle],
  );

  /** For a ConfirmDialog's onConfirm: the dialog shows a failure itself and stays open. */
  const confirm = useCallback(
    async <T>(call: () => Promise<ActionResult<T>>, success: SuccessMessage<T>, opts: RunOptions<T> = {}): Promise<ConfirmResult> => {
      const res = settle(await withProductionConfirmation(call), success, { inline: true, refresh: opts.refresh });
      if (!res.ok) return { ok: false, message: res.message, code: res.code };
      opts.onSuccess?.(res.data);
      return { ok: true };
    },
    [settle],
  );

  return { run, confirm, settle, pending };
}
