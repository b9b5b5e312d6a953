"use client";

import { useId, useState, useTransition } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { useUnsavedChangesWarning } from "@/components/forms/use-unsaved-changes";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { previewEmailTemplateAction, saveEmailTemplateAction, selectEmailThemeAction } from "@/lib/actions/settings";
import type { EmailTemplateSourceInput } from "@/lib/schemas/settings";
import type { EmailTemplatesDTO } from "@/lib/settings-dto";

const formSchema = () => import("@/lib/schemas/settings").then((m) => m.emailTemplateSourceSchema);

/** Rendered e-mail HTML in a sandbox: no scripts, no same-origin access, no forms. */
function Preview({ html, name }: { html: string; name: string }) {
  return <iframe title={`Preview of ${name}`} sandbox="" srcDoc={html} className="h-96 w-full rounded-md border bg-white" />;
}

function TemplateEditor({ template, sharedServer, canEdit }: { template: NonNullable<EmailTemplatesDTO["templates"]>[number]; sharedServer: boolean; canEdit: boolean }) {
  const id = useId();
  const [html, setHtml] = useState<string | null>(null);
  const [previewFailure, setPreviewFailure] = useState<{ code: string; message: string } | null>(null);
  const [previewing, startPreview] = useTransition();
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: formSchema,
    defaultValues: { templateId: template.id, tsxSource: template.tsxSource } as EmailTemplateSourceInput,
    action: saveEmailTemplateAction,
    success: `Template “${template.displayName}” saved`,
    onSuccess: ({ data, values, form: f }) => {
      setHtml(data.html);
      f.reset(values);
    },
  });
  const dirty = form.formState.isDirty;
  useUnsavedChangesWarning(dirty);
  const editable = canEdit && !sharedServer;

  function preview() {
    startPreview(async () => {
      setPreviewFailure(null);
      const res = await previewEmailTemplateAction(form.getValues());
      if (res.ok) setHtml(res.data.html);
      else setPreviewFailure({ code: res.code, message: res.message });
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3" aria-label={`Template ${template.displayName}`}>
      <Field id={`${id}-source`} label={`Source of “${template.displayName}”`} error={form.formState.errors.tsxSource?.message} description={editable ? undefined : "Read-only here: editing needs your own e-mail server and the admin role."}>
        <Textarea rows={14} spellCheck={false} className="font-mono text-xs" readOnly={!editable} {...form.register("tsxSource")} />
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
        <Button variant="outline" onClick={preview} loading={previewing}>
          Preview
        </Button>
        {editable ? (
          <Button type="submit" disabled={!dirty} loading={pending}>
            Save template
          </Button>
        ) : null}
      </div>
      {html !== null ? <Preview html={html} name={template.displayName} /> : null}
    </form>
  );
}

export function EmailTemplates({ data, sharedServer, themeId, canEdit }: { data: EmailTemplatesDTO; sharedServer: boolean; themeId: string | null; canEdit: boolean }) {
  const id = useId();
  const templates = data.templates ?? [];
  const [selected, setSelected] = useState(templates[0]?.id ?? "");
  const [theme, setTheme] = useState(themeId ?? "");
  const runner = useActionRunner();
  const template = templates.find((t) => t.id === selected);
  return (
    <div className="grid gap-6">
      {data.themes ? (
        <div className="flex flex-wrap items-end gap-2">
          <Field id={`${id}-theme`} label="Theme of new e-mails" className="min-w-64">
            <Select value={theme} onChange={(e) => setTheme(e.target.value)} disabled={!canEdit}>
              {data.themes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.displayName}
                  {t.id === themeId ? " (current)" : ""}
                </option>
              ))}
            </Select>
          </Field>
          {canEdit ? (
            <Button variant="outline" disabled={theme === (themeId ?? "") || theme === ""} loading={runner.pending} onClick={() => runner.run(() => selectEmailThemeAction({ themeId: theme }), "E-mail theme saved")}>
              Use this theme
            </Button>
          ) : null}
        </div>
      ) : null}
      <Field id={`${id}-template`} label="Template">
        <Select value={selected} onChange={(e) => setSelected(e.target.value)}>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.displayName}
            </option>
          ))}
        </Select>
      </Field>
      {template ? <TemplateEditor key={template.id} template={template} sharedServer={sharedServer} canEdit={canEdit} /> : null}
    </div>
  );
}
