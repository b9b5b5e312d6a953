"use client";

import { useId } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useHydrated } from "@/components/ui/use-hydrated";
import { updateSignInSettingsAction } from "@/lib/actions/settings";
import type { SignInSettingsForm } from "@/lib/schemas/settings";
import type { SettingsDTO } from "@/lib/settings-dto";
import { changedFields, SettingsFormCard, SwitchField } from "./form-parts";
import { useGuardedSave } from "./use-guarded-save";

const formSchema = () => import("@/lib/schemas/settings").then((m) => m.signInSettingsFormSchema);

const MERGE_STRATEGY = {
  link_method: "Link to the existing account",
  raise_error: "Refuse the sign-in",
  allow_duplicates: "Create a separate account",
} as const;

export function SignInCard({ settings, canEdit }: { settings: SettingsDTO; canEdit: boolean }) {
  const id = useId();
  const s = settings.signIn;
  const guard = useGuardedSave(settings);
  const defaults: SignInSettingsForm = {
    signUpEnabled: s.signUpEnabled,
    password: s.password,
    magicLink: s.magicLink,
    passkey: s.passkey,
    requireEmailVerification: s.requireEmailVerification ?? false,
    oauthAccountMergeStrategy: (s.oauthAccountMergeStrategy as SignInSettingsForm["oauthAccountMergeStrategy"] | null) ?? "link_method",
    allowUserApiKeys: s.allowUserApiKeys ?? false,
    allowTeamApiKeys: s.allowTeamApiKeys ?? false,
  };
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: formSchema,
    defaultValues: defaults,
    action: (values: SignInSettingsForm) => {
      const signIn = changedFields(values, s);
      return guard.save({ signIn }, (confirmation) => updateSignInSettingsAction({ ...signIn, confirmation }));
    },
    success: "Sign-in settings saved",
  });
  const hydrated = useHydrated();
  const r = form.register;
  return (
    <SettingsFormCard
      id="sign-in"
      title="Sign-in and sign-up"
      description="Who may create an account and which sign-in methods the project offers. Turning one off asks for confirmation."
      onSubmit={onSubmit}
      dirty={form.formState.isDirty}
      pending={pending}
      failure={failure}
      onReset={() => reset()}
      saveLabel="Save sign-in settings"
      canEdit={canEdit}
    >
      <fieldset disabled={pending || !hydrated || !canEdit} className="grid gap-4">
        <legend className="sr-only">Sign-in and sign-up</legend>
        <SwitchField id={`${id}-signup`} label="Sign-up enabled" description="New users may create an account themselves." {...r("signUpEnabled")} />
        <SwitchField id={`${id}-password`} label="Password" description="E-mail and password sign-in." {...r("password")} />
        <SwitchField id={`${id}-otp`} label="Magic link / one-time code" description="A sign-in link or code by e-mail." {...r("magicLink")} />
        <SwitchField id={`${id}-passkey`} label="Passkey" {...r("passkey")} />
        <SwitchField id={`${id}-anonymous`} label="Anonymous sign-up" unavailable />
        <SwitchField
          id={`${id}-verify`}
          label="Require e-mail verification"
          description="Users with an unverified primary e-mail are restricted."
          unavailable={s.requireEmailVerification === null}
          {...r("requireEmailVerification")}
        />
        <SwitchField id={`${id}-user-keys`} label="User API keys" unavailable={s.allowUserApiKeys === null} {...r("allowUserApiKeys")} />
        <SwitchField id={`${id}-team-keys`} label="Team API keys" unavailable={s.allowTeamApiKeys === null} {...r("allowTeamApiKeys")} />
        {s.oauthAccountMergeStrategy === null ? (
          <SwitchField id={`${id}-merge`} label="Same e-mail on a new OAuth sign-in" unavailable />
        ) : (
          <Field id={`${id}-merge`} label="Same e-mail on a new OAuth sign-in" description="When an OAuth sign-in brings an e-mail an existing user has.">
            <Select {...r("oauthAccountMergeStrategy")}>
              {Object.entries(MERGE_STRATEGY).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </fieldset>
      {guard.dialog}
    </SettingsFormCard>
  );
}
