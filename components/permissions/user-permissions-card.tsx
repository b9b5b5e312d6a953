"use client";

import Link from "next/link";
import { useId } from "react";
import { GrantsList } from "@/components/permissions/grants-list";
import { ErrorBanner } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SectionNote } from "@/components/users/detail/section-note";
import { grantProjectPermissionAction, revokeProjectPermissionAction } from "@/lib/actions/permissions";
import type { PermissionGrantsData } from "@/lib/permissions-dto";

export type UserPermissionsState =
  | { kind: "ready"; data: PermissionGrantsData }
  | { kind: "unavailable" }
  | { kind: "failed"; code: string; message: string };

/** A user's project permissions (outside any team): held directly or through another, granted and revoked here. */
export function UserPermissionsCard({ userId, subject, state, canEdit }: { userId: string; subject: string; state: UserPermissionsState; canEdit: boolean }) {
  const titleId = useId();
  return (
    <Card role="region" aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>Project permissions</CardTitle>
        <CardDescription>
          Held in the whole project: directly, or through a permission that contains them. Only direct grants can be revoked.{" "}
          <Link href="/permissions?scope=project" prefetch={false} className="font-medium underline underline-offset-2">
            Manage definitions
          </Link>
        </CardDescription>
      </CardHeader>
      <CardContent>
        {state.kind === "unavailable" ? (
          <SectionNote>This Stack server is an older release without project permissions.</SectionNote>
        ) : state.kind === "failed" ? (
          <ErrorBanner title="Could not load the project permissions" message={state.message} code={state.code} />
        ) : (
          <GrantsList
            data={state.data}
            subject={subject}
            canEdit={canEdit}
            grant={(permissionId) => grantProjectPermissionAction({ userId, permissionId })}
            revoke={(permissionId) => revokeProjectPermissionAction({ userId, permissionId })}
          />
        )}
      </CardContent>
    </Card>
  );
}
