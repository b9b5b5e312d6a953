"use client";

import { useId } from "react";
import { useFieldArray } from "react-hook-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useHydrated } from "@/components/ui/use-hydrated";
import { updateOAuthProvidersAction } from "@/lib/actions/settings";
import type { OAuthProviderInput, OAuthSettingsForm } from "@/lib/schemas/settings";
import { OAUTH_PROVIDER_IDS, SHARED_OAUTH_PROVIDER_IDS, type SettingsDTO } from "@/lib/settings-dto";
import { SettingsFormCard } from "./form-parts";
import { useGuardedSave } from "./use-guarded-save";

const formSchema = () => import("@/lib/schemas/settings").then((m) => m.oauthSettingsFormSchema);
const hasShared = (id: string) => (SHARED_OAUTH_PROVIDER_IDS as readonly string[]).includes(id);

function toForm(p: SettingsDTO["oauthProviders"][number]): OAuthProviderInput {
  return { id: p.id as OAuthProviderInput["id"], keys: p.keys, clientId: p.clientId ?? "", clientSecret: "", microsoftTenantId: p.microsoftTenantId ?? "", facebookConfigId: p.facebookConfigId ?? "" };
}

/** Only what Stack keeps for the chosen keys; an empty secret means "keep the saved one". */
function toWrite(p: OAuthProviderInput): OAuthProviderInput {
  if (p.keys === "shared") return { id: p.id, keys: "shared", clientId: "", clientSecret: "", microsoftTenantId: "", facebookConfigId: "" };
  return {
    ...p,
    clientId: p.clientId.trim(),
    microsoftTenantId: p.id === "microsoft" ? p.microsoftTenantId.trim() : "",
    facebookConfigId: p.id === "facebook" ? p.facebookConfigId.trim() : "",
  };
}

export function OAuthCard({ settings, canEdit }: { settings: SettingsDTO; canEdit: boolean }) {
  const id = useId();
  const saved = settings.oauthProviders;
  const savedIds = new Map(saved.map((p) => [p.id, p]));
  const guard = useGuardedSave(settings);
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: formSchema,
    defaultValues: { providers: saved.map(toForm) } as OAuthSettingsForm,
    action: (values: OAuthSettingsForm) => {
      const providers = values.providers.map(toWrite);
      return guard.save({ oauthProviders: providers }, (confirmation) => updateOAuthProvidersAction({ providers, confirmation }));
    },
    success: "OAuth providers saved",
    // Secrets are write-only: after a save the fields are empty again ("keep the saved one").
    onSuccess: ({ values, form: f }) => f.reset({ providers: values.providers.map((p) => ({ ...toWrite(p), clientSecret: "" })) }),
  });
  const list = useFieldArray({ control: form.control, name: "providers" });
  const hydrated = useHydrated();
  const values = form.watch("providers");
  const errors = form.formState.errors.providers;
  const unused = OAUTH_PROVIDER_IDS.filter((p) => !values.some((v) => v.id === p));

  return (
    <SettingsFormCard
      id="oauth-providers"
      title="OAuth providers"
      description="Social sign-in. Client secrets are write-only: the console never shows them, you can only replace them. Removing a provider asks for confirmation."
      onSubmit={onSubmit}
      dirty={form.formState.isDirty}
      pending={pending}
      failure={failure}
      onReset={() => reset()}
      saveLabel="Save OAuth providers"
      canEdit={canEdit}
    >
      <fieldset disabled={pending || !hydrated || !canEdit} className="grid gap-4">
        <legend className="sr-only">OAuth providers</legend>
        {list.fields.length === 0 ? <p className="text-sm text-muted-foreground">No OAuth provider is configured.</p> : null}
        <ul className="grid gap-3">
          {list.fields.map((field, i) => {
            const v = values[i] ?? field;
            const existing = savedIds.get(v.id);
            const e = errors?.[i];
            const secretSaved = existing?.keys === "own";
            return (
              <li key={field.id} className="grid gap-3 rounded-md border p-3" aria-label={`${v.id} provider`}>
                <div className="grid items-start gap-3 sm:grid-cols-2">
                  {existing ? (
                    <div className="grid gap-1.5 text-sm">
                      <span className="font-medium">Provider</span>
                      <span className="font-mono">{v.id}</span>
                    </div>
                  ) : (
                    <Field id={`${id}-type-${i}`} label="Provider" error={e?.id?.message}>
                      <Select
                        {...form.register(`providers.${i}.id`, {
                          // A provider without shared development keys starts with own keys.
                          onChange: (event: { target: { value: string } }) => {
                            if (!hasShared(event.target.value)) form.setValue(`providers.${i}.keys`, "own");
                          },
                        })}
                      >
                        {OAUTH_PROVIDER_IDS.filter((p) => p === v.id || unused.includes(p)).map((p) => (
                          <option key={p} value={p}>
                            {p}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  )}
                  <Field id={`${id}-keys-${i}`} label="Keys" error={e?.keys?.message}>
                    <Select {...form.register(`providers.${i}.keys`)}>
                      {hasShared(v.id) ? <option value="shared">Shared development keys</option> : null}
                      <option value="own">Own client id and secret</option>
                    </Select>
                  </Field>
                </div>
                {v.keys === "own" ? (
                  <div className="grid items-start gap-3 sm:grid-cols-2">
                    <Field id={`${id}-client-${i}`} label="Client id" error={e?.clientId?.message}>
                      <Input autoComplete="off" {...form.register(`providers.${i}.clientId`)} />
                    </Field>
                    <Field
                      id={`${id}-secret-${i}`}
                      label="Client secret"
                      description={secretSaved ? "Saved and write-only. Leave empty to keep it; type to replace it." : "Required."}
                      error={e?.clientSecret?.message}
                    >
                      <Input type="password" autoComplete="new-password" placeholder={secretSaved ? "•••••••• (unchanged)" : ""} {...form.register(`providers.${i}.clientSecret`)} />
                    </Field>
                    {v.id === "microsoft" ? (
                      <Field id={`${id}-tenant-${i}`} label="Microsoft tenant id" description="Optional: restricts sign-in to one Azure AD tenant." error={e?.microsoftTenantId?.message}>
                        <Input autoComplete="off" {...form.register(`providers.${i}.microsoftTenantId`)} />
                      </Field>
                    ) : null}
                    {v.id === "facebook" ? (
                      <Field id={`${id}-fbconfig-${i}`} label="Facebook config id" description="Optional: for Facebook business login." error={e?.facebookConfigId?.message}>
                        <Input autoComplete="off" {...form.register(`providers.${i}.facebookConfigId`)} />
                      </Field>
                    ) : null}
                  </div>
                ) : (
                  <p className="text-xs text-muted-foreground">Stack&apos;s shared keys are for development only: users see Stack&apos;s name on the consent screen.</p>
                )}
                <div>
                  <Button variant="outline" size="sm" onClick={() => list.remove(i)} aria-label={`Remove ${v.id}`}>
                    Remove
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
        {unused.length > 0 ? (
          <div>
            <Button
              variant="outline"
              size="sm"
              onClick={() => {
                const next = unused[0]!;
                list.append({ id: next, keys: hasShared(next) ? "shared" : "own", clientId: "", clientSecret: "", microsoftTenantId: "", facebookConfigId: "" });
              }}
            >
              Add provider
            </Button>
          </div>
        ) : null}
        {/* stack-shared's `standardProviders` is a fixed list on every release so far; a release that adds custom OIDC providers would be probed in lib/stack/capabilities.ts. */}
        <p className="text-xs text-muted-foreground" role="note">
          Custom OpenID Connect providers are not offered: no Stack release&apos;s project configuration has them yet, only the providers listed here.
        </p>
      </fieldset>
      {guard.dialog}
    </SettingsFormCard>
  );
}
