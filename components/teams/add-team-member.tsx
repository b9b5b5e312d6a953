"use client";

import { useState, useTransition } from "react";
import { FormMessage, type FormFailure } from "@/components/forms/form-message";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { UserPicker, type PickedItem } from "@/components/users/user-picker";
import { addTeamMemberAction } from "@/lib/actions/teams";

/** Adds an existing user, found with the user picker; Stack's refusal (e.g. already a member) shows with its code. */
export function AddTeamMember({ teamId }: { teamId: string }) {
  const [user, setUser] = useState<PickedItem | null>(null);
  const [failure, setFailure] = useState<FormFailure>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [pending, startTransition] = useTransition();
  const { settle } = useActionRunner();

  function add() {
    if (!user) return;
    setFailure(null);
    startTransition(async () => {
      const res = settle(await addTeamMemberAction({ teamId, userId: user.id }), `Added ${user.label} to the team`, { inline: true });
      if (res.ok) {
        setUser(null);
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
        <div className="min-w-64 flex-1 sm:max-w-md">
          <UserPicker key={pickerKey} label="Add a member" placeholder="Search users by e-mail, name or id" onSelect={setUser} disabled={pending} />
        </div>
        <Button type="submit" disabled={!user} loading={pending}>
          Add member
        </Button>
      </div>
      <FormMessage failure={failure} />
    </form>
  );
}
