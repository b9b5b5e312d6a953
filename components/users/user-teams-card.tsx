"use client";

import Link from "next/link";
import { useState } from "react";
import { AddMembershipForm } from "@/components/teams/add-membership-form";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { removeTeamMemberAction } from "@/lib/actions/teams";
import { teamLabel } from "@/lib/labels";
import type { UserTeamRow } from "@/lib/users-dto";

/** The user's teams; operators who may change memberships add the user to a team (team picker) or remove them. */
export function UserTeamsCard({ userId, userName, teams, canEdit }: { userId: string; userName: string; teams: UserTeamRow[]; canEdit: boolean }) {
  const [removing, setRemoving] = useState<UserTeamRow | null>(null);
  const { confirm } = useActionRunner();

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
          <AddMembershipForm
            pick="team"
            membership={(team) => ({ teamId: team.id, userId })}
            label="Add to a team"
            placeholder="Search teams by name or id"
            submitLabel="Add to team"
            success={(team) => `Added to ${team.label}`}
            pickerClassName="min-w-56 flex-1"
          />
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
