"use client";

import { FormCardFooter } from "@/components/forms/form-card-footer";
import { useId } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { useUnsavedChangesWarning } from "@/components/forms/use-unsaved-changes";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useHydrated } from "@/components/ui/use-hydrated";
import { updateGeneralSettingsAction } from "@/lib/actions/settings";
import type { ProjectEnvironment } from "@/lib/projects-dto";
import type { GeneralSettingsForm, UpdateGeneralSettingsInput } from "@/lib/schemas/settings";
import type { SettingsDTO } from "@/lib/settings-dto";
import { Setting, SettingList } from "./setting-list";

const formSchema = () => import("@/lib/schemas/settings").then((m) => m.generalSettingsFormSchema);

/** Only the fields that differ from what the page was rendered with go to the server. */
function changedOnly(values: GeneralSettingsForm, saved: GeneralSettingsForm): UpdateGeneralSettingsInput {
  const out: UpdateGeneralSettingsInput = {};
  if (values.displayName.trim() !== saved.displayName) out.displayName = values.displayName;
  if (values.description.trim() !== saved.description) out.description = values.description;
  return out;
}

const ENVIRONMENT_LABEL: Record<ProjectEnvironment, string> = { development: "Development", staging: "Staging", production: "Production" };

export function GeneralCard({ general, canEdit }: { general: SettingsDTO["general"]; canEdit: boolean }) {
  const id = useId();
  const saved: GeneralSettingsForm = { displayName: general.displayName, description: general.description };
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: formSchema,
    defaultValues: saved,
    action: (values: GeneralSettingsForm) => updateGeneralSettingsAction(changedOnly(values, saved)),
    success: "Settings saved",
  });
  const hydrated = useHydrated();
  const { errors, isDirty } = form.formState;
  useUnsavedChangesWarning(isDirty);

  return (
    <Card id="general" className="scroll-mt-4">
      <section aria-labelledby={`${id}-title`}>
        <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
          <CardHeader>
            <h2 id={`${id}-title`} className="font-semibold leading-none tracking-tight">
              General
            </h2>
            <CardDescription>The project&apos;s name and description as Stack shows them, and how this console labels it.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            <fieldset disabled={pending || !hydrated || !canEdit} className="grid gap-4">
              <Field id={`${id}-name`} label="Display name" error={errors.displayName?.message}>
                <Input autoComplete="off" {...form.register("displayName")} />
              </Field>
              <Field id={`${id}-description`} label="Description" error={errors.description?.message}>
                <Textarea rows={2} {...form.register("description")} />
              </Field>
            </fieldset>
            <SettingList>
              <Setting label="Project id">
                <span className="font-mono">{general.projectId}</span>
              </Setting>
              <Setting label="Environment (this console's label)">
                {general.environment ? ENVIRONMENT_LABEL[general.environment] : <span className="text-muted-foreground">None configured</span>}
              </Setting>
              <Setting label="Production mode">{general.isProductionMode ? "On" : "Off"}</Setting>
            </SettingList>
            <FormMessage failure={failure} />
          </CardContent>
          {canEdit ? (
            <FormCardFooter dirty={isDirty} pending={pending} onReset={() => reset()} saveLabel="Save general settings" />
          ) : null}
        </form>
      </section>
    </Card>
  );
}
