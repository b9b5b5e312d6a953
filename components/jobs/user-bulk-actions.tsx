"use client";

import { ChevronDown, ListChecks } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useOperatorRole } from "@/components/ui/role-gate";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import { canRunAction, type ActionName } from "@/lib/roles";
import type { UserSelection } from "@/lib/schemas/jobs";
import type { BulkKind } from "./bulk-job-dialog";

// The dialogs (forms, zod, the team picker, the confirmation) load on first use, not with the list.
const loadDialog = () => import("./bulk-job-dialog");
const BulkJobDialog = dynamic(() => loadDialog().then((m) => m.BulkJobDialog), { ssr: false });

const MENU: { kind: BulkKind; label: string; action: ActionName; danger?: boolean }[] = [
  { kind: "restrict", label: "Restrict…", action: "bulkRestrictUsers" },
  { kind: "lift", label: "Lift restriction…", action: "bulkRestrictUsers" },
  { kind: "addToTeam", label: "Add to a team…", action: "bulkAddTeamMember" },
  { kind: "removeFromTeam", label: "Remove from a team…", action: "bulkRemoveTeamMember" },
  { kind: "grantPermission", label: "Grant a project permission…", action: "bulkGrantProjectPermission" },
  { kind: "revokePermission", label: "Revoke a project permission…", action: "bulkRevokeProjectPermission" },
  { kind: "revokeSessions", label: "Revoke all sessions…", action: "bulkRevokeUserSessions", danger: true },
  { kind: "delete", label: "Delete…", action: "bulkDeleteUsers", danger: true },
];

/**
 * The users table's bulk actions: the selected rows, or (when the search has more pages) every
 * user matching it, counted on the server. Each action starts a job on the server and opens its
 * progress page.
 */
export function UserBulkActions({ userIds, search, more }: { userIds: string[]; search: string; more: boolean }) {
  const [matching, setMatching] = useState<{ search: string; count: number } | null>(null);
  const [counting, setCounting] = useState(false);
  const [open, setOpen] = useState<BulkKind | null>(null);
  const role = useOperatorRole();
  const all = matching?.search === search ? matching : null;
  const selection: UserSelection = all ? { kind: "filter", search } : { kind: "ids", userIds };
  const count = all ? all.count : userIds.length;

  async function selectAll() {
    setCounting(true);
    try {
      const { count } = await fetchJson<{ count: number }>(`/api/jobs/targets${search}`);
      setMatching({ search, count });
    } catch (err) {
      toast.error(err instanceof ApiError ? err.message : "Could not count the matching users.", { description: err instanceof ApiError ? `Error code: ${err.code}` : undefined });
    } finally {
      setCounting(false);
    }
  }

  // Only what the operator's role may start (the server re-checks each item's role).
  const kinds = MENU.filter((m) => canRunAction(role, m.action));
  return (
    <>
      {all ? (
        <span className="font-medium">All {all.count.toLocaleString("en")} matching users</span>
      ) : more ? (
        <Button variant="ghost" size="sm" disabled={counting} onClick={() => void selectAll()}>
          {counting ? <Spinner label="Counting" /> : <ListChecks aria-hidden />}
          Select all matching this search
        </Button>
      ) : null}
      {all ? (
        <Button variant="ghost" size="sm" onClick={() => setMatching(null)}>
          Only the selected rows
        </Button>
      ) : null}
      {kinds.length > 0 ? (
        <DropdownMenu>
          <DropdownMenuTrigger variant="outline" size="sm" onPointerEnter={() => void loadDialog()} onFocus={() => void loadDialog()}>
            Bulk actions
            <ChevronDown aria-hidden />
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            {kinds.map((m, i) => (
              <div key={m.kind} className="contents">
                {m.danger && !kinds[i - 1]?.danger ? <DropdownMenuSeparator /> : null}
                <DropdownMenuItem danger={m.danger} onSelect={() => setOpen(m.kind)}>
                  {m.label}
                </DropdownMenuItem>
              </div>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      ) : null}
      {open ? <BulkJobDialog kind={open} selection={selection} count={count} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
