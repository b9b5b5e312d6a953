"use client";

import { useState } from "react";
import type { z } from "zod";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionResult } from "@/lib/action-result";

/**
 * A dialog's form whose action returns something to show once (revealed data, session tokens):
 * the result lives only in this state, and closing the dialog forgets it and clears the form.
 */
export function useOneTimeActionDialog<TValues extends Record<string, unknown>, TData>(opts: {
  schema: () => Promise<z.ZodType<unknown, TValues>>;
  defaultValues: TValues;
  action: (values: TValues) => Promise<ActionResult<TData>>;
  onOpenChange: (open: boolean) => void;
}) {
  const [data, setData] = useState<TData | null>(null);
  const { form, onSubmit, reset, failure, pending } = useActionForm<TValues, TData>({
    schema: opts.schema,
    defaultValues: opts.defaultValues,
    action: opts.action,
    success: null,
    refresh: false,
    onSuccess: ({ data }) => setData(data),
  });
  const close = (next: boolean) => {
    if (next) return opts.onOpenChange(true);
    setData(null);
    reset();
    opts.onOpenChange(false);
  };
  return { form, onSubmit, failure, pending, data, close };
}
