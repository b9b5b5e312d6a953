"use client";

import type { TableMeta } from "@tanstack/react-table";
import { Copy, Ellipsis, ExternalLink, Trash2 } from "lucide-react";
import { useState } from "react";
import { preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { userLabel } from "@/lib/labels";
import type { UserRow } from "@/lib/users-dto";
import { copyText } from "./copy-text";

export function UserRowActions({ user, meta }: { user: UserRow; meta: TableMeta<UserRow> | undefined }) {
  // A page has a menu per row and most are never opened: the menu (its popover and listeners)
  // mounts when the pointer or focus first reaches the trigger, before the click or key that opens it.
  const [armed, setArmed] = useState(false);
  const arm = () => setArmed(true);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${userLabel(user)}`} onPointerEnter={arm} onPointerDown={arm} onFocus={arm}>
        <Ellipsis aria-hidden />
      </DropdownMenuTrigger>
      {armed ? <RowMenu user={user} meta={meta} /> : null}
    </DropdownMenu>
  );
}

function RowMenu({ user, meta }: { user: UserRow; meta: TableMeta<UserRow> | undefined }) {
  // Absent when the operator's role can't delete (the table leaves it out).
  const requestDelete = meta?.requestDelete;
  return (
    <DropdownMenuContent>
      <DropdownMenuItem onSelect={() => meta?.openRow?.(user)}>
        <ExternalLink aria-hidden />
        Open
      </DropdownMenuItem>
      <DropdownMenuItem onSelect={() => void copyText(user.id, "User id")}>
        <Copy aria-hidden />
        Copy id
      </DropdownMenuItem>
      {requestDelete ? (
        <>
          <DropdownMenuSeparator />
          <DropdownMenuItem danger onFocus={preloadConfirmDialog} onSelect={() => requestDelete(user)}>
            <Trash2 aria-hidden />
            Delete…
          </DropdownMenuItem>
        </>
      ) : null}
    </DropdownMenuContent>
  );
}
