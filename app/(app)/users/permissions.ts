import "server-only";

import * as userActions from "@/lib/actions/users";
import { canRun, type ActionMeta } from "@/lib/server/action";
import { ROLES, type Role } from "@/lib/roles";
import type { UserActionName, UserPermissions } from "@/components/users/permissions";

const isAction = (v: unknown): v is { meta: ActionMeta } => typeof v === "function" && typeof (v as { meta?: unknown }).meta === "object";

/**
 * What the users pages may offer this operator: the names of the actions in lib/actions/users.ts
 * their role satisfies. UI only (hides controls); it authorizes nothing.
 */
export function userPermissions(role: Role): UserPermissions {
  const allowed: UserActionName[] = [];
  let needs: Role | null = null;
  let writes = false;
  for (const [name, action] of Object.entries(userActions)) {
    if (!isAction(action)) continue;
    if (canRun(role, action)) {
      allowed.push(name as UserActionName);
      // viewer-level actions are reads by definition (the viewer role is read-only).
      if (action.meta.minRole !== "viewer") writes = true;
    } else if (needs === null || ROLES.indexOf(action.meta.minRole) < ROLES.indexOf(needs)) needs = action.meta.minRole;
  }
  return { role, allowed, needs, readOnly: !writes };
}
