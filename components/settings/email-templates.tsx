"use client";

import { useId, useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { previewEmailTemplateAction, previewEmailThemeAction, saveEmailTemplateAction, saveEmailThemeAction, selectEmailThemeAction } from "@/lib/actions/settings";
import type { EmailTemplateSourceInput, EmailThemeSourceInput } from "@/lib/schemas/settings";
import type { EmailTemplatesDTO } from "@/lib/settings-dto";
import { EmailSourceEditor } from "./email-source-editor";

const templateSchema = () => import("@/lib/schemas/settings").then((m) => m.emailTemplateSourceSchema);
const themeSchema = () => import("@/lib/schemas/settings").then((m) => m.emailThemeSourceSchema);

function ThemePicker({ themes, themeId, canEdit }: { themes: NonNullable<EmailTemplatesDTO["themes"]>; themeId: string | null; canEdit: boolean }) {
  const id = useId();
  const [selected, setSelected] = useState(themeId ?? themes[0]?.id ?? "");
  const runner = useActionRunner();
  const theme = themes.find((t) => t.id === selected);
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-end gap-2">
        <Field id={`${id}-theme`} label="Theme" className="min-w-64">
          <Select value={selected} onChange={(e) => setSelected(e.target.value)}>
            {themes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.displayName}
                {t.id === themeId ? " (used for new e-mails)" : ""}
              </option>
            ))}
          </Select>
        </Field>
        {canEdit ? (
          <Button
            variant="outline"
            disabled={selected === (themeId ?? "") || selected === ""}
            loading={runner.pending}
            onClick={() => runner.run(() => selectEmailThemeAction({ themeId: selected }), "E-mail theme saved")}
          >
            Use this theme for new e-mails
          </Button>
        ) : null}
      </div>
      {theme && theme.tsxSource !== null ? (
        <EmailSourceEditor<EmailThemeSourceInput>
          key={theme.id}
          kind="Theme"
          name={theme.displayName}
          schema={themeSchema}
          defaultValues={{ themeId: theme.id, tsxSource: theme.tsxSource }}
          save={saveEmailThemeAction}
          preview={previewEmailThemeAction}
          editable={canEdit}
          readOnlyNote="Read-only here: editing a theme needs the admin role."
        />
      ) : theme ? (
        <p className="text-sm text-muted-foreground">This Stack server did not return the source of this theme.</p>
      ) : null}
    </div>
  );
}

export function EmailTemplates({ data, sharedServer, themeId, canEdit }: { data: EmailTemplatesDTO; sharedServer: boolean; themeId: string | null; canEdit: boolean }) {
  const id = useId();
  const templates = data.templates ?? [];
  const [selected, setSelected] = useState(templates[0]?.id ?? "");
  const template = templates.find((t) => t.id === selected);
  return (
    <div className="grid gap-6">
      {data.themes ? (
        <section aria-labelledby={`${id}-themes`} className="grid gap-3">
          <h3 id={`${id}-themes`} className="text-sm font-semibold">
            Themes
          </h3>
          <ThemePicker themes={data.themes} themeId={themeId} canEdit={canEdit} />
        </section>
      ) : (
        <p className="text-sm text-muted-foreground">This Stack server&apos;s release has no e-mail themes (no <span className="font-mono">/internal/email-themes</span>).</p>
      )}
      <section aria-labelledby={`${id}-templates`} className="grid gap-3">
        <h3 id={`${id}-templates`} className="text-sm font-semibold">
          Templates
        </h3>
        <Field id={`${id}-template`} label="Template">
          <Select value={selected} onChange={(e) => setSelected(e.target.value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.displayName}
              </option>
            ))}
          </Select>
        </Field>
        {template ? (
          <EmailSourceEditor<EmailTemplateSourceInput>
            key={template.id}
            kind="Template"
            name={template.displayName}
            schema={templateSchema}
            defaultValues={{ templateId: template.id, tsxSource: template.tsxSource }}
            save={saveEmailTemplateAction}
            preview={previewEmailTemplateAction}
            editable={canEdit && !sharedServer}
            readOnlyNote="Read-only here: editing a template needs your own e-mail server and the admin role."
          />
        ) : null}
      </section>
    </div>
  );
}
