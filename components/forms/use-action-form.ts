"use client";

import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { lazyZodResolver } from "@/lib/forms/lazy-zod-resolver";
import type { FormFailure } from "./form-message";
import { useActionRunner, withProductionConfirmation } from "./use-action-runner";

export type ActionFormOptions<TValues extends FieldValues, TData> = {
  /** The server action's own zod schema, loaded (with zod) on first validation. */
  schema: () => Promise<z.ZodType<unknown, TValues>>;
  defaultValues: TValues;
  /** The server action; it gets the raw values and parses them again with the same schema. */
  action: (values: TValues) => Promise<ActionResult<TData>>;
  /** The success toast (null for none). */
  success: string | null | ((ctx: { data: TData; values: TValues }) => string);
  /** Refresh the server page after a success (default); off when the caller updates its own view. */
  refresh?: boolean;
  /** After a success; by default the saved values become the form's clean state. */
  onSuccess?: (ctx: { data: TData; values: TValues; form: UseFormReturn<TValues> }) => void;
};

/**
 * A react-hook-form form bound to a server action: client validation with the action's schema,
 * the server's fieldErrors put back on their fields (setError), the failure in the form's
 * message region, `pending` while the action runs, and the success
 * handling every action shares (toast, stale lists, page refresh).
 *
 *   const { form, onSubmit, pending, failure } = useActionForm({ schema, defaultValues, action, success: "Saved" });
 *   <form onSubmit={onSubmit}>…<FormMessage failure={failure} /></form>
 */
export function useActionForm<TValues extends FieldValues, TData>({ schema, defaultValues, action, success, refresh, onSuccess }: ActionFormOptions<TValues, TData>) {
  const { settle } = useActionRunner();
  // One resolver per form instance: the schema module loads once, on first validation.
  const [resolver] = useState(() => lazyZodResolver<TValues>(schema));
  const [failure, setFailure] = useState<FormFailure>(null);
  const form = useForm<TValues>({ resolver, defaultValues: defaultValues as DefaultValues<TValues> });

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const res = await withProductionConfirmation(() => action(values));
    settle(res, !res.ok ? null : typeof success === "function" ? success({ data: res.data, values }) : success, { inline: true, refresh });
    if (!res.ok) {
      for (const [name, messages] of Object.entries(res.fieldErrors ?? {})) {
        if (messages?.[0] && name in defaultValues) form.setError(name as Path<TValues>, { type: "server", message: messages[0] });
      }
      // Also at form level: a field error may belong to a value with no input (the user id).
      setFailure({ code: res.code, message: res.message });
      return;
    }
    if (onSuccess) onSuccess({ data: res.data, values, form });
    else form.reset(values);
  });

  const reset = (values?: TValues) => {
    setFailure(null);
    form.reset(values);
  };

  return { form, onSubmit, reset, failure, pending: form.formState.isSubmitting };
}
