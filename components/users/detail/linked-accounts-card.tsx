"use client";

import { useId, useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { unlinkLinkedAccountAction, updateLinkedAccountAction } from "@/lib/actions/users";
import type { LinkedAccountRow } from "@/lib/users-dto";
import { authMethodLabel } from "../auth-method-badges";
import { SectionNote } from "./section-note";
import { useCan } from "../permissions";

export function LinkedAccountsCard({ userId, accounts }: { userId: string; accounts: LinkedAccountRow[] | null }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Linked OAuth accounts</CardTitle>
        <CardDescription>Provider accounts the user can sign in with, or that your app uses to call the provider.</CardDescription>
      </CardHeader>
      <CardContent>
        {accounts === null ? (
          <SectionNote>This Stack server is an older release without linked-account management.</SectionNote>
        ) : accounts.length === 0 ? (
          <p className="text-sm text-muted-foreground">No linked accounts.</p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label="Linked OAuth accounts">
            {accounts.map((a) => (
              <AccountRow key={a.id} userId={userId} account={a} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function AccountRow({ userId, account }: { userId: string; account: LinkedAccountRow }) {
  const id = useId();
  const { run, confirm, pending } = useActionRunner();
  const [unlinkOpen, setUnlinkOpen] = useState(false);
  const canUpdate = useCan("updateLinkedAccountAction");
  const canUnlink = useCan("unlinkLinkedAccountAction");
  const provider = authMethodLabel(`oauth:${account.provider}`);
  const ref = { userId, providerId: account.id };
  return (
    <li className="flex flex-wrap items-center gap-4 px-3 py-2.5">
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium">{provider}</p>
        <p className="break-all text-xs text-muted-foreground">
          <span className="font-mono">{account.accountId}</span>
          {account.email ? ` · ${account.email}` : ""}
        </p>
      </div>
      {pending ? <Spinner label="Saving" className="text-muted-foreground" /> : null}
      <div className="flex items-center gap-2">
        <Switch
          id={`${id}-signin`}
          checked={account.allowSignIn}
          disabled={pending || !canUpdate}
          onCheckedChange={(v) => run(() => updateLinkedAccountAction({ ...ref, allowSignIn: v }), v ? `${provider} sign-in allowed` : `${provider} sign-in turned off`)}
        />
        <Label htmlFor={`${id}-signin`} className="text-xs font-normal">Sign-in</Label>
      </div>
      <div className="flex items-center gap-2">
        <Switch
          id={`${id}-connected`}
          checked={account.allowConnectedAccounts}
          disabled={pending || !canUpdate}
          onCheckedChange={(v) =>
            run(() => updateLinkedAccountAction({ ...ref, allowConnectedAccounts: v }), v ? `${provider} connected account on` : `${provider} connected account off`)
          }
        />
        <Label htmlFor={`${id}-connected`} className="text-xs font-normal">Connected account</Label>
      </div>
      {canUnlink ? (
        <Button variant="ghost" size="sm" className="text-destructive" disabled={pending} aria-label={`Unlink ${provider} account`} onPointerEnter={preloadConfirmDialog} onFocus={preloadConfirmDialog} onClick={() => setUnlinkOpen(true)}>
          Unlink…
        </Button>
      ) : null}
      <LazyConfirmDialog
        open={unlinkOpen}
        onOpenChange={setUnlinkOpen}
        title={`Unlink ${provider} account`}
        description={<p>The user can no longer sign in with this {provider} account, and your app loses access to it.</p>}
        target={{ label: `${provider}${account.email ? ` (${account.email})` : ""}`, id: account.accountId }}
        confirmLabel="Unlink"
        onConfirm={() => confirm(() => unlinkLinkedAccountAction(ref), `${provider} account unlinked`)}
      />
    </li>
  );
}
