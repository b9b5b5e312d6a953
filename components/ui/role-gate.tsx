"use client";

import { createContext, use, useId, type ReactNode } from "react";
import { canRunAction, hasRole, minRoleOf, type ActionName, type Role } from "@/lib/roles";
import { cn } from "./cn";

// The signed-in operator's role for client components (the app shell provides it). It only
// decides what to offer: every action and route re-checks the role on the server.
const RoleContext = createContext<Role | null>(null);

export function OperatorRoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <RoleContext value={role}>{children}</RoleContext>;
}

/** The operator's role; null outside the shell (then every gate is closed). */
export function useOperatorRole(): Role | null {
  return use(RoleContext);
}

type Gate = { action: ActionName; minRole?: never } | { minRole: Role; action?: never };

/** Whether the operator may run `action` (its role in ACTION_MIN_ROLE, lib/roles.ts) or has `minRole`. */
export function useRoleAllows(gate: Gate): boolean {
  const role = useOperatorRole();
  return gate.action ? canRunAction(role, gate.action) : hasRole(role, gate.minRole!);
}

/**
 * Wraps the controls of one action. If the operator's role may run it, the children render as
 * they are; otherwise they render disabled (a disabled fieldset: buttons, inputs and switches
 * inside), with a tooltip "Needs the <role> role" on hover and keyboard focus, or not at all with
 * `hide`. Usage: `<RoleGate action="updateUserProfile"><Button>Save</Button></RoleGate>`.
 */
export function RoleGate({ children, hide = false, className, ...gate }: Gate & { children: ReactNode; hide?: boolean; className?: string }) {
  const id = useId();
  const allowed = useRoleAllows(gate as Gate);
  if (allowed) return children;
  if (hide) return null;
  const needs = gate.action ? minRoleOf(gate.action) : gate.minRole!;
  return (
    // Focusable, so keyboard users reach the explanation a disabled button cannot give.
    <div role="group" tabIndex={0} aria-describedby={id} data-role-gate={needs} className={cn("group/role-gate relative inline-flex rounded-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring", className)}>
      <fieldset disabled className="contents">
        {children}
      </fieldset>
      <span
        role="tooltip"
        id={id}
        className="pointer-events-none absolute bottom-full left-1/2 z-40 mb-1.5 hidden -translate-x-1/2 whitespace-nowrap rounded-md bg-foreground px-2 py-1 text-xs text-background shadow group-hover/role-gate:block group-focus-visible/role-gate:block"
      >
        Needs the {needs} role
      </span>
    </div>
  );
}
