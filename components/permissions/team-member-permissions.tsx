"use client";

import { GrantsList } from "@/components/permissions/grants-list";
import { grantTeamPermissionAction, revokeTeamPermissionAction } from "@/lib/actions/permissions";
import type { PermissionGrantsData } from "@/lib/permissions-dto";

/** A member's team permissions, granted and revoked within this team. */
export function TeamMemberPermissions({ teamId, userId, subject, data, canEdit }: { teamId: string; userId: string; subject: string; data: PermissionGrantsData; canEdit: boolean }) {
  return (
    <GrantsList
      data={data}
      subject={subject}
      canEdit={canEdit}
      grant={(permissionId) => grantTeamPermissionAction({ teamId, userId, permissionId })}
      revoke={(permissionId) => revokeTeamPermissionAction({ teamId, userId, permissionId })}
    />
  );
}
