import { Eye } from "lucide-react";
import type { UserPermissions } from "./permissions";

/** One line telling an operator why write controls are missing; nothing when none are. */
export function ReadOnlyNote({ permissions }: { permissions: UserPermissions }) {
  if (!permissions.needs) return null;
  return (
    <p role="note" className="flex w-fit max-w-full items-center gap-2 rounded-md border bg-muted/40 px-3 py-1.5 text-sm text-muted-foreground">
      <Eye className="size-4 shrink-0" aria-hidden />
      <span>
        {permissions.readOnly ? (
          <>
            <span className="font-medium text-foreground">Read-only:</span> your role is {permissions.role}; changes need the {permissions.needs} role.
          </>
        ) : (
          <>
            <span className="font-medium text-foreground">Some actions are hidden:</span> your role is {permissions.role}; they need the {permissions.needs} role.
          </>
        )}
      </span>
    </p>
  );
}
