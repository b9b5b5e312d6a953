"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { FormMessage, type FormFailure } from "@/components/forms/form-message";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { addTeamMemberAction, removeTeamMemberAction } from "@/lib/actions/teams";
import { teamLabel } from "@/lib/labels";
import type { UserTeamRow } from "@/lib/users-dto";
import { TeamPicker, type PickedItem } from "./user-picker";

/** The user's teams; operators who may change memberships add the user to a team (team picker) or remove them. */
export function UserTeamsCard({ userId, userName, teams, canEdit }: { userId: string; userName: string; teams: UserTeamRow[]; canEdit: boolean }) {
  const [team, setTeam] = useState<PickedItem | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [failure, setFailure] = useState<FormFailure>(null);
  const [removing, setRemoving] = useState<UserTeamRow | null>(null);
  const [pending, startTransition] = useTransition();
  const { settle, confirm } = useActionRunner();

  function add() {
    if (!team) return;
    setFailure(null);
    startTransition(async () => {
      const res = settle(await addTeamMemberAction({ teamId: team.id, userId }), `Added to ${team.label}`, { inline: true });
      if (res.ok) {
        setTeam(null);
        setPickerKey((k) => k + 1);
      } else setFailure({ code: res.code, message: res.message });
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Teams</CardTitle>
        <CardDescription>Teams the user is a member of.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {teams.length === 0 ? (
          <p className="text-sm text-muted-foreground">Not a member of any team.</p>
        ) : (
          <ul className="grid gap-2" aria-label="Teams">
            {teams.map((t) => (
              <li key={t.id} className="flex items-center justify-between gap-2 rounded-md border px-3 py-1.5 text-sm">
                <Link href={`/teams/${encodeURIComponent(t.id)}`} prefetch={false} className="min-w-0 break-words font-medium hover:underline">
                  {teamLabel(t)}
                </Link>
                {canEdit ? (
                  <Button variant="ghost" size="sm" onPointerEnter={preloadConfirmDialog} onFocus={preloadConfirmDialog} onClick={() => setRemoving(t)} aria-label={`Remove from ${teamLabel(t)}`}>
                    Remove…
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canEdit ? (
          <form
            className="grid gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              add();
            }}
          >
            <div className="flex flex-wrap items-end gap-2">
              <div className="min-w-56 flex-1">
                <TeamPicker key={pickerKey} label="Add to a team" placeholder="Search teams by name or id" onSelect={setTeam} disabled={pending} />
              </div>
              <Button type="submit" disabled={!team} loading={pending}>
                Add to team
              </Button>
            </div>
            <FormMessage failure={failure} />
          </form>
        ) : null}
      </CardContent>
      <LazyConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => (open ? undefined : setRemoving(null))}
        title="Remove from team"
        description={
          <p>
            Removes <strong>{userName}</strong> from <strong>{removing ? teamLabel(removing) : ""}</strong>, with the team permissions they hold in it.
          </p>
        }
        target={{ label: removing ? teamLabel(removing) : "", id: removing?.id ?? "" }}
        confirmLabel="Remove from team"
        onConfirm={() => {
          const t = removing!;
          return confirm(() => removeTeamMemberAction({ teamId: t.id, userId }), `Removed from ${teamLabel(t)}`);
        }}
      />
    </Card>
  );
}
