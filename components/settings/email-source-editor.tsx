"use client";

import { useId, useState, useTransition } from "react";
import type { FieldValues, Path } from "react-hook-form";
import type { z } from "zod";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { useUnsavedChangesWarning } from "@/components/forms/use-unsaved-changes";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/action-result";

/** Rendered e-mail HTML in a sandbox: no scripts, no same-origin access, no forms. */
function Preview({ html, name }: { html: string; name: string }) {
  return <iframe title={`Preview of ${name}`} sandbox="" srcDoc={html} className="h-96 w-full rounded-md border bg-white" />;
}

type SourceValues = FieldValues & { tsxSource: string };

/**
 * The TSX source of one template or theme: edit, preview what Stack renders (nothing saved), save.
 * Templates and themes differ only in their actions and in when Stack lets them be edited.
 */
export function EmailSourceEditor<V extends SourceValues>({
  kind,
  name,
  schema,
  defaultValues,
  save,
  preview,
  editable,
  readOnlyNote,
}: {
  kind: "Template" | "Theme";
  name: string;
  schema: () => Promise<z.ZodType<unknown, V>>;
  defaultValues: V;
  save: (values: V) => Promise<ActionResult<{ html: string }>>;
  preview: (values: V) => Promise<ActionResult<{ html: string }>>;
  editable: boolean;
  readOnlyNote: string;
}) {
  const id = useId();
  const [html, setHtml] = useState<string | null>(null);
  const [previewFailure, setPreviewFailure] = useState<{ code: string; message: string } | null>(null);
  const [previewing, startPreview] = useTransition();
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema,
    defaultValues,
    action: save,
    success: `${kind} “${name}” saved`,
    onSuccess: ({ data, values, form: f }) => {
      setHtml(data.html);
      f.reset(values);
    },
  });
  const dirty = form.formState.isDirty;
  useUnsavedChangesWarning(dirty);

  function runPreview() {
    startPreview(async () => {
      setPreviewFailure(null);
      const res = await preview(form.getValues());
      if (res.ok) setHtml(res.data.html);
      else setPreviewFailure({ code: res.code, message: res.message });
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3" aria-label={`${kind} ${name}`}>
      <Field id={`${id}-source`} label={`Source of “${name}”`} error={form.formState.errors.tsxSource?.message as string | undefined} description={editable ? undefined : readOnlyNote}>
        <Textarea rows={14} spellCheck={false} className="font-mono text-xs" readOnly={!editable} {...form.register("tsxSource" as Path<V>)} />
      </Field>
      <FormMessage failure={failure} />
      {previewFailure ? <ErrorBanner title="The preview failed" message={previewFailure.message} code={previewFailure.code} /> : null}
      <div className="flex flex-wrap justify-end gap-2">
        {dirty ? <span className="mr-auto self-center text-xs text-muted-foreground">Unsaved changes</span> : null}
        {editable ? (
          <Button variant="ghost" disabled={!dirty || pending} onClick={() => reset()}>
            Reset
          </Button>
        ) : null}
        <Button variant="outline" onClick={runPreview} loading={previewing}>
          Preview {kind.toLowerCase()}
        </Button>
        {editable ? (
          <Button type="submit" disabled={!dirty} loading={pending}>
            Save {kind.toLowerCase()}
          </Button>
        ) : null}
      </div>
      {html !== null ? <Preview html={html} name={name} /> : null}
    </form>
  );
}
