import { LogOut } from "lucide-react";
import { Avatar } from "@/components/ui/avatar";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { Role } from "@/lib/roles";

export type ShellOperator = {
  email: string;
  name: string | null;
  role: Role;
};

const ROLE_BADGE: Record<ShellOperator["role"], BadgeVariant> = {
  owner: "default",
  admin: "secondary",
  operator: "secondary",
  support: "outline",
  viewer: "outline",
};

/**
 * Zero-JS menu built on the native Popover API (light dismiss, Escape, top layer).
 * It sits at the top-right of the header, so fixed positioning is enough.
 */
export function OperatorMenu({ operator }: { operator: ShellOperator }) {
  const display = operator.name ?? operator.email;
  return (
    <>
      <button
        type="button"
        popoverTarget="operator-menu"
        aria-label={`Account: ${operator.email}`}
        aria-haspopup="true"
        className="rounded-full focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background"
      >
        <Avatar name={display} />
      </button>
      <div
        id="operator-menu"
        popover="auto"
        className="fixed inset-auto right-3 top-14 m-0 w-64 rounded-md border bg-popover p-1 text-popover-foreground shadow-md"
      >
        <div className="px-2.5 py-2">
          {operator.name ? <p className="truncate text-sm font-medium">{operator.name}</p> : null}
          <p className="truncate text-sm text-muted-foreground">{operator.email}</p>
          <Badge variant={ROLE_BADGE[operator.role]} className="mt-2 capitalize">
            {operator.role}
          </Badge>
        </div>
        <div className="-mx-1 my-1 h-px bg-border" />
        {/* A plain <a>: sign-out is a route handler and must be a full navigation, never an RSC fetch. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a
          href="/api/auth/signout"
          className="flex items-center gap-2 rounded-sm px-2.5 py-1.5 text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
        >
          <LogOut className="size-4" aria-hidden />
          Sign out
        </a>
      </div>
    </>
  );
}
