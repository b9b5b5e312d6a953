"use client";

import { useState, useTransition } from "react";
import { FormMessage, type FormFailure } from "@/components/forms/form-message";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { TeamPicker, UserPicker, type PickedItem } from "@/components/users/user-picker";
import { addTeamMemberAction } from "@/lib/actions/teams";

/**
 * Adds a membership: a user to this team (user picker) or this user to a team (team picker).
 * Stack's refusal (e.g. already a member) shows with its code; the picker starts over on success.
 */
export function AddMembershipForm({
  pick,
  membership,
  label,
  placeholder,
  submitLabel,
  success,
  pickerClassName,
}: {
  pick: "user" | "team";
  membership: (picked: PickedItem) => { teamId: string; userId: string };
  label: string;
  placeholder: string;
  submitLabel: string;
  success: (picked: PickedItem) => string;
  pickerClassName: string;
}) {
  const [picked, setPicked] = useState<PickedItem | null>(null);
  const [failure, setFailure] = useState<FormFailure>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [pending, startTransition] = useTransition();
  const { settle } = useActionRunner();
  const Picker = pick === "user" ? UserPicker : TeamPicker;

  function add() {
    if (!picked) return;
    setFailure(null);
    startTransition(async () => {
      const res = settle(await addTeamMemberAction(membership(picked)), success(picked), { inline: true });
      if (res.ok) {
        setPicked(null);
        setPickerKey((k) => k + 1);
      } else setFailure({ code: res.code, message: res.message });
    });
  }

  return (
    <form
      className="grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className={pickerClassName}>
          <Picker key={pickerKey} label={label} placeholder={placeholder} onSelect={setPicked} disabled={pending} />
        </div>
        <Button type="submit" disabled={!picked} loading={pending}>
          {submitLabel}
        </Button>
      </div>
      <FormMessage failure={failure} />
    </form>
  );
}
