"use client";

import { Bookmark, BookmarkPlus, Pencil, Trash2 } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { RoleGate } from "@/components/ui/role-gate";
import { deleteViewAction } from "@/lib/actions/views";
import { filterSearch, type UserListParams } from "@/lib/url-state/users";
import { viewHref, type ListedView, type SavedView } from "@/lib/views-dto";

// RHF + zod load with the dialogs, on first open.
const loadDialogs = () => import("./view-name-dialog");
const ViewNameDialog = dynamic(() => loadDialogs().then((m) => m.ViewNameDialog), { ssr: false });

/**
 * The users table's saved views: the list (each a link to the table with its filter and sort),
 * "Save view" for the current state, and the open view's name with Rename and Delete for its
 * owner or an admin (the server checks again).
 */
export function ViewsBar({ views, params, onOpened, onClosed }: { views: ListedView[]; params: UserListParams; onOpened: (view: SavedView) => void; onClosed: () => void }) {
  const [dialog, setDialog] = useState<"save" | "rename" | null>(null);
  const [mounted, setMounted] = useState(false);
  const runner = useActionRunner();
  const current = params.view ? views.find((v) => v.id === params.view) : undefined;
  const search = filterSearch(params);
  const open = (which: "save" | "rename") => {
    setMounted(true);
    setDialog(which);
  };

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <details className="relative">
        <summary className={buttonVariants({ variant: "outline", size: "sm" })}>
          <Bookmark aria-hidden /> Views ({views.length})
        </summary>
        <div className="absolute left-0 z-20 mt-2 w-72 rounded-md border bg-popover p-1 text-popover-foreground shadow-md">
          {views.length === 0 ? (
            <p className="px-2.5 py-2 text-muted-foreground">No saved views yet. Filter the table, then “Save view”.</p>
          ) : (
            <ul aria-label="Saved views" className="max-h-72 overflow-y-auto">
              {views.map((v) => (
                <li key={v.id}>
                  <Link href={viewHref(v)} aria-current={v.id === current?.id ? "true" : undefined} className="block truncate rounded px-2.5 py-1.5 hover:bg-accent focus-visible:bg-accent focus-visible:outline-none">
                    {v.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      </details>
      <RoleGate action="createView">
        <Button variant="outline" size="sm" onPointerEnter={() => void loadDialogs()} onFocus={() => void loadDialogs()} onClick={() => open("save")}>
          <BookmarkPlus aria-hidden /> Save view
        </Button>
      </RoleGate>
      {current ? (
        <span className="flex items-center gap-2" aria-label={`Open view: ${current.name}`}>
          <span>
            View: <strong>{current.name}</strong>
          </span>
          {current.search !== search ? <Badge variant="outline">changed</Badge> : null}
          {current.canManage ? (
            <RoleGate action="renameView" hide>
              <Button variant="ghost" size="sm" onClick={() => open("rename")}>
                <Pencil aria-hidden /> Rename
              </Button>
              <Button
                variant="ghost"
                size="sm"
                loading={runner.pending}
                onClick={() => runner.run(() => deleteViewAction({ viewId: current.id }), `Deleted the view “${current.name}”`, { onSuccess: onClosed })}
              >
                <Trash2 aria-hidden /> Delete view
              </Button>
            </RoleGate>
          ) : null}
        </span>
      ) : params.view ? (
        <span className="text-muted-foreground">That saved view no longer exists; the filter in the address is kept.</span>
      ) : null}
      {mounted ? <ViewNameDialog open={dialog === "save"} onOpenChange={(o) => setDialog(o ? "save" : null)} onSaved={onOpened} target={{ mode: "save", search }} /> : null}
      {mounted && current ? <ViewNameDialog key={current.id} open={dialog === "rename"} onOpenChange={(o) => setDialog(o ? "rename" : null)} onSaved={() => {}} target={{ mode: "rename", view: current }} /> : null}
    </div>
  );
}
