"use client";

import { useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { RelativeTime } from "@/components/data-table/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { revokeAllUserSessionsAction, revokeUserSessionAction } from "@/lib/actions/users";
import { DANGEROUS, userConfirmValue } from "@/lib/dangerous";
import type { SessionRow } from "@/lib/users-dto";
import { SectionNote } from "./section-note";
import { useCan } from "../permissions";

export function SessionsCard({ user, sessions }: { user: { id: string; primaryEmail: string | null; label: string }; sessions: SessionRow[] | null }) {
  const [confirmOpen, setConfirmOpen] = useState(false);
  const { confirm } = useActionRunner();
  const op = DANGEROUS.revokeAllSessions;
  const canRevokeAll = useCan("revokeAllUserSessionsAction");
  const canRevoke = useCan("revokeUserSessionAction");
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="space-y-1.5">
          <CardTitle>Sessions</CardTitle>
          <CardDescription>Devices the user is signed in on (refresh tokens), newest first.</CardDescription>
        </div>
        {canRevokeAll && sessions && sessions.length > 0 ? (
          <Button variant="outline" className="text-destructive" onPointerEnter={preloadConfirmDialog} onFocus={preloadConfirmDialog} onClick={() => setConfirmOpen(true)}>
            Revoke all…
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {sessions === null ? (
          <SectionNote>This Stack server is an older release that can&apos;t list sessions.</SectionNote>
        ) : sessions.length === 0 ? (
          <p className="text-sm text-muted-foreground">No active sessions.</p>
        ) : (
          <div className="relative overflow-x-auto rounded-md border">
            <table className="w-full min-w-[40rem] text-sm">
              <thead className="border-b bg-muted/40 text-left text-muted-foreground">
                <tr>
                  <th scope="col" className="h-9 px-3 font-medium">Created</th>
                  <th scope="col" className="h-9 px-3 font-medium">Last used</th>
                  <th scope="col" className="h-9 px-3 font-medium">IP / location</th>
                  <th scope="col" className="h-9 px-3 font-medium"><span className="sr-only">Type</span></th>
                  {canRevoke ? (
                    <th scope="col" className="h-9 px-3">
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <SessionItem key={s.id} userId={user.id} session={s} canRevoke={canRevoke} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </CardContent>
      <LazyConfirmDialog
        open={confirmOpen}
        onOpenChange={setConfirmOpen}
        title={op.title}
        description={
          <p>
            {op.consequence} {sessions ? `${sessions.length} ${sessions.length === 1 ? "session" : "sessions"} will be revoked.` : ""}
          </p>
        }
        target={{ label: user.label, id: user.id }}
        confirmValue={userConfirmValue(user.primaryEmail, user.id)}
        confirmLabel={op.confirmLabel}
        onConfirm={(typed) =>
          confirm(
            () => revokeAllUserSessionsAction({ userId: user.id, confirmation: typed }),
            ({ revoked }) => `Revoked ${revoked} ${revoked === 1 ? "session" : "sessions"}`,
          )
        }
      />
    </Card>
  );
}

function SessionItem({ userId, session, canRevoke }: { userId: string; session: SessionRow; canRevoke: boolean }) {
  const { run, pending } = useActionRunner();
  return (
    <tr className="border-b last:border-0">
      <td className="whitespace-nowrap px-3 py-2">
        <RelativeTime ms={session.createdAt} />
      </td>
      <td className="whitespace-nowrap px-3 py-2">{session.lastUsedAt ? <RelativeTime ms={session.lastUsedAt} /> : <span className="text-muted-foreground">never</span>}</td>
      <td className="px-3 py-2">
        {session.ip ? <span className="font-mono text-xs">{session.ip}</span> : <span className="text-muted-foreground">—</span>}
        {session.location ? <span className="block text-xs text-muted-foreground">{session.location}</span> : null}
      </td>
      <td className="px-3 py-2">{session.isImpersonation ? <Badge variant="warning">impersonation</Badge> : null}</td>
      {canRevoke ? (
        <td className="px-3 py-2 text-right">
          <Button variant="ghost" size="sm" loading={pending} onClick={() => run(() => revokeUserSessionAction({ userId, sessionId: session.id }), "Session revoked")}>
            Revoke
          </Button>
        </td>
      ) : null}
    </tr>
  );
}
