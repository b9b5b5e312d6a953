"use client";

import { createContext, use, useMemo, type ReactNode } from "react";
import type * as UserActions from "@/lib/actions/users";
import type { Role } from "@/lib/roles";

/** The export names of lib/actions/users.ts (type-only: no server code reaches the client). */
export type UserActionName = keyof typeof UserActions;

/** Computed on the server page from each action's `meta.minRole` (app/(app)/users/permissions.ts). */
export type UserPermissions = {
  role: Role;
  allowed: UserActionName[];
  /** The lowest role that would unlock a hidden action; null when nothing is hidden. */
  needs: Role | null;
  /** No write action is allowed. */
  readOnly: boolean;
};

// Fail closed: outside a provider nothing is offered.
const AllowedContext = createContext<ReadonlySet<UserActionName>>(new Set());

export function UserPermissionsProvider({ allowed, children }: { allowed: UserActionName[]; children: ReactNode }) {
  const set = useMemo(() => new Set(allowed), [allowed]);
  return <AllowedContext value={set}>{children}</AllowedContext>;
}

/** Whether to offer the control that runs `action`. The server refuses lower roles regardless. */
export function useCan(action: UserActionName): boolean {
  return use(AllowedContext).has(action);
}
