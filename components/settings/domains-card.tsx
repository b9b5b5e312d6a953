"use client";

import { useId } from "react";
import { useFieldArray } from "react-hook-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";
import { updateDomainSettingsAction } from "@/lib/actions/settings";
import type { DomainSettingsForm, UpdateDomainSettingsInput } from "@/lib/schemas/settings";
import type { SettingsDTO } from "@/lib/settings-dto";
import { SettingsFormCard, SwitchField } from "./form-parts";
import { useGuardedSave } from "./use-guarded-save";

const formSchema = () => import("@/lib/schemas/settings").then((m) => m.domainSettingsFormSchema);
const key = (list: DomainSettingsForm["trusted"]) => JSON.stringify(list.map((d) => [d.domain.trim(), d.handlerPath.trim()]).sort());

export function DomainsCard({ settings, canEdit }: { settings: SettingsDTO; canEdit: boolean }) {
  const id = useId();
  const saved = settings.domains;
  const guard = useGuardedSave(settings);
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: formSchema,
    defaultValues: { allowLocalhost: saved.allowLocalhost, trusted: saved.trusted.map((d) => ({ ...d })) } as DomainSettingsForm,
    action: (values: DomainSettingsForm) => {
      const patch: Omit<UpdateDomainSettingsInput, "confirmation"> = {};
      if (values.allowLocalhost !== saved.allowLocalhost) patch.allowLocalhost = values.allowLocalhost;
      const trusted = values.trusted.map((d) => ({ domain: d.domain.trim(), handlerPath: d.handlerPath.trim() }));
      if (key(trusted) !== key(saved.trusted)) patch.trusted = trusted;
      return guard.save({ domains: patch }, (confirmation) => updateDomainSettingsAction({ ...patch, confirmation }));
    },
    success: "Domain settings saved",
  });
  const list = useFieldArray({ control: form.control, name: "trusted" });
  const hydrated = useHydrated();
  const errors = form.formState.errors.trusted;
  return (
    <SettingsFormCard
      id="domains"
      title="Domains"
      description="Where Stack may redirect after sign-in, and its handler path on each. Removing a domain asks for confirmation."
      onSubmit={onSubmit}
      dirty={form.formState.isDirty}
      pending={pending}
      failure={failure}
      onReset={() => reset()}
      saveLabel="Save domains"
      canEdit={canEdit}
    >
      <fieldset disabled={pending || !hydrated || !canEdit} className="grid gap-4">
        <legend className="sr-only">Domains</legend>
        <SwitchField id={`${id}-localhost`} label="Allow localhost" description="Accept localhost as a redirect and callback origin (development)." {...form.register("allowLocalhost")} />
        <div className="grid gap-3">
          <h3 className="text-sm font-medium">Trusted domains</h3>
          {list.fields.length === 0 ? <p className="text-sm text-muted-foreground">None</p> : null}
          <ul className="grid gap-3">
            {list.fields.map((field, i) => (
              <li key={field.id} className="grid items-start gap-2 sm:grid-cols-[1fr_12rem_auto]" aria-label={`Trusted domain ${i + 1}`}>
                <Field id={`${id}-domain-${i}`} label="URL" error={errors?.[i]?.domain?.message}>
                  <Input placeholder="https://app.example.com" autoComplete="off" inputMode="url" {...form.register(`trusted.${i}.domain`)} />
                </Field>
                <Field id={`${id}-handler-${i}`} label="Handler path" error={errors?.[i]?.handlerPath?.message}>
                  <Input placeholder="/handler" autoComplete="off" {...form.register(`trusted.${i}.handlerPath`)} />
                </Field>
                <Button variant="outline" size="sm" className="sm:mt-6" onClick={() => list.remove(i)} aria-label={`Remove trusted domain ${i + 1}`}>
                  Remove
                </Button>
              </li>
            ))}
          </ul>
          {errors?.root?.message || errors?.message ? <p className="text-xs font-medium text-destructive">{errors?.root?.message ?? errors?.message}</p> : null}
          <div>
            <Button variant="outline" size="sm" onClick={() => list.append({ domain: "", handlerPath: "/handler" })}>
              Add trusted domain
            </Button>
          </div>
        </div>
      </fieldset>
      {guard.dialog}
    </SettingsFormCard>
  );
}
