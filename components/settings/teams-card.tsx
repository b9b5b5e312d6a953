"use client";

import { useId } from "react";
import { Controller, type Control } from "react-hook-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { updateTeamSettingsAction } from "@/lib/actions/settings";
import type { TeamSettingsForm } from "@/lib/schemas/settings";
import type { SettingsDTO } from "@/lib/settings-dto";
import { changedFields, SettingsFormCard, SwitchField } from "./form-parts";

const formSchema = () => import("@/lib/schemas/settings").then((m) => m.teamSettingsFormSchema);

export type PermissionOptions = { team: string[]; project: string[] | null };

function PermissionPicker({ control, name, label, options }: { control: Control<TeamSettingsForm>; name: "teamCreatorDefaultPermissions" | "teamMemberDefaultPermissions" | "userDefaultPermissions"; label: string; options: string[] }) {
  const id = useId();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <fieldset className="grid gap-1.5">
          <legend className="text-sm font-medium">{label}</legend>
          {options.length === 0 ? <p className="text-xs text-muted-foreground">No permission is defined.</p> : null}
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {options.map((p) => (
              <label key={p} htmlFor={`${id}-${p}`} className="flex items-center gap-1.5 font-mono text-xs">
                <input
                  id={`${id}-${p}`}
                  type="checkbox"
                  className="size-4 accent-primary"
                  checked={field.value.includes(p)}
                  onChange={(e) => {
                    // Kept in the options' order, so toggling back and forth is no change.
                    const next = new Set(field.value);
                    if (e.target.checked) next.add(p);
                    else next.delete(p);
                    field.onChange(options.filter((o) => next.has(o)).concat(field.value.filter((v) => !options.includes(v))));
                  }}
                />
                {p}
              </label>
            ))}
          </div>
        </fieldset>
      )}
    />
  );
}

export function TeamsCard({ settings, permissions, canEdit }: { settings: SettingsDTO; permissions: PermissionOptions; canEdit: boolean }) {
  const id = useId();
  const t = settings.teams;
  const order = (ids: string[], options: string[]) => options.filter((o) => ids.includes(o)).concat(ids.filter((i) => !options.includes(i)));
  const defaults: TeamSettingsForm = {
    createPersonalTeamOnSignUp: t.createPersonalTeamOnSignUp,
    clientTeamCreation: t.clientTeamCreation,
    clientUserDeletion: t.clientUserDeletion,
    teamCreatorDefaultPermissions: order(t.teamCreatorDefaultPermissions, permissions.team),
    teamMemberDefaultPermissions: order(t.teamMemberDefaultPermissions, permissions.team),
    userDefaultPermissions: order(t.userDefaultPermissions ?? [], permissions.project ?? []),
  };
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: formSchema,
    defaultValues: defaults,
    action: (values: TeamSettingsForm) => updateTeamSettingsAction(changedFields(values, t)),
    success: "Team settings saved",
  });
  const hydrated = useHydrated();
  const r = form.register;
  return (
    <SettingsFormCard
      id="teams"
      title="Teams"
      description="What happens on sign-up, what users may do from the client, and the permissions new members and users get."
      onSubmit={onSubmit}
      dirty={form.formState.isDirty}
      pending={pending}
      failure={failure}
      onReset={() => reset()}
      saveLabel="Save team settings"
      canEdit={canEdit}
    >
      <fieldset disabled={pending || !hydrated || !canEdit} className="grid gap-4">
        <legend className="sr-only">Teams</legend>
        <SwitchField id={`${id}-personal`} label="Personal team on sign-up" description="Each new user gets a team of their own." {...r("createPersonalTeamOnSignUp")} />
        <SwitchField id={`${id}-client-teams`} label="Client-side team creation" description="Users may create teams from the app." {...r("clientTeamCreation")} />
        <SwitchField id={`${id}-client-delete`} label="Client-side user deletion" description="Users may delete their own account from the app." {...r("clientUserDeletion")} />
        <PermissionPicker control={form.control} name="teamCreatorDefaultPermissions" label="Team creator's permissions" options={permissions.team} />
        <PermissionPicker control={form.control} name="teamMemberDefaultPermissions" label="Team member's permissions" options={permissions.team} />
        {t.userDefaultPermissions === null || permissions.project === null ? (
          <SwitchField id={`${id}-user-perms`} label="New user's project permissions" unavailable />
        ) : (
          <PermissionPicker control={form.control} name="userDefaultPermissions" label="New user's project permissions" options={permissions.project} />
        )}
      </fieldset>
    </SettingsFormCard>
  );
}
