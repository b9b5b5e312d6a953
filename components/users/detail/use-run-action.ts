"use client";

import { useRouter } from "next/navigation";
import { useCallback, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { invalidateUsersQueries } from "@/lib/query/users-cache";

/**
 * Runs a server action from a detail card: success → toast, refresh the server page and drop the
 * cached list pages; failure → toast with the message and code. Returns the result for forms.
 */
export function useRunAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const settle = useCallback(
    <T,>(res: ActionResult<T>, success: string, opts: { errorShownInline?: boolean } = {}): ActionResult<T> => {
      if (res.ok) {
        toast.success(success);
        void invalidateUsersQueries();
        router.refresh();
      } else if (!opts.errorShownInline) {
        toast.error(res.message, { description: `Error code: ${res.code}` });
      }
      return res;
    },
    [router],
  );

  /** For buttons and switches: tracks pending state in a transition. */
  const run = useCallback(
    <T,>(call: () => Promise<ActionResult<T>>, success: string) => {
      startTransition(async () => {
        settle(await call(), success);
      });
    },
    [settle],
  );

  return { run, settle, pending };
}
