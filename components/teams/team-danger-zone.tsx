"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { deleteTeamAction } from "@/lib/actions/teams";
import { DANGEROUS } from "@/lib/dangerous";

const op = DANGEROUS.deleteTeam;
const members = (n: number | null) =>
  n === null ? "Counting the members who lose access…" : `${n.toLocaleString("en-US")} ${n === 1 ? "member loses" : "members lose"} access to it.`;

/**
 * Delete the team: the operator types its name, which the server re-checks against the team read
 * afresh. `memberCount` is null while the page still streams it in.
 */
export function TeamDangerZone({ team, memberCount }: { team: { id: string; displayName: string }; memberCount: number | null }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { confirm } = useActionRunner();
  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle className="text-destructive">Danger zone</CardTitle>
        <CardDescription>
          {op.consequence} {members(memberCount)}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Button variant="destructive" onPointerEnter={preloadConfirmDialog} onFocus={preloadConfirmDialog} onClick={() => setOpen(true)}>
          Delete team…
        </Button>
        <LazyConfirmDialog
          open={open}
          onOpenChange={setOpen}
          title={op.title}
          description={
            <p>
              {op.consequence} <strong>{members(memberCount)}</strong>
            </p>
          }
          target={{ label: team.displayName, id: team.id }}
          confirmValue={team.displayName}
          confirmLabel={op.confirmLabel}
          onConfirm={(typed) =>
            confirm(() => deleteTeamAction({ teamId: team.id, confirmation: typed }), `Deleted team ${team.displayName}`, {
              refresh: false,
              onSuccess: () => router.push("/teams"),
            })
          }
        />
      </CardContent>
    </Card>
  );
}
