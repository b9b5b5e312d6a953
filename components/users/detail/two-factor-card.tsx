"use client";

import { useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { removeUserTwoFactorAction } from "@/lib/actions/users";
import { DANGEROUS, userConfirmValue } from "@/lib/dangerous";
import type { UserDetail } from "@/lib/users-dto";
import { useCan } from "../permissions";

export function TwoFactorCard({ user, targetLabel }: { user: UserDetail; targetLabel: string }) {
  const [open, setOpen] = useState(false);
  const { confirm } = useActionRunner();
  const op = DANGEROUS.removeTwoFactor;
  const canRemove = useCan("removeUserTwoFactorAction");
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Two-factor authentication
          {user.requiresTotpMfa ? <Badge variant="success">on</Badge> : <Badge variant="secondary">off</Badge>}
        </CardTitle>
        <CardDescription>
          {user.requiresTotpMfa
            ? "The user signs in with an authenticator app code after their first factor."
            : "The user has not set up an authenticator app. Only the user can turn it on."}
        </CardDescription>
      </CardHeader>
      {user.requiresTotpMfa && canRemove ? (
        <CardContent>
          <Button variant="outline" className="text-destructive" onPointerEnter={preloadConfirmDialog} onFocus={preloadConfirmDialog} onClick={() => setOpen(true)}>
            Remove 2FA…
          </Button>
          <LazyConfirmDialog
            open={open}
            onOpenChange={setOpen}
            title={op.title}
            description={<p>{op.consequence}</p>}
            target={{ label: targetLabel, id: user.id }}
            confirmValue={userConfirmValue(user.primaryEmail, user.id)}
            confirmLabel={op.confirmLabel}
            onConfirm={(typed) => confirm(() => removeUserTwoFactorAction({ userId: user.id, confirmation: typed }), "Two-factor authentication removed")}
          />
        </CardContent>
      ) : null}
    </Card>
  );
}
