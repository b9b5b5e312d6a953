"use client";

import { AddMembershipForm } from "@/components/teams/add-membership-form";

/** Adds an existing user, found with the user picker; Stack's refusal (e.g. already a member) shows with its code. */
export function AddTeamMember({ teamId }: { teamId: string }) {
  return (
    <AddMembershipForm
      pick="user"
      membership={(user) => ({ teamId, userId: user.id })}
      label="Add a member"
      placeholder="Search users by e-mail, name or id"
      submitLabel="Add member"
      success={(user) => `Added ${user.label} to the team`}
      pickerClassName="min-w-64 flex-1 sm:max-w-md"
    />
  );
}
