"use client";

import type { TableMeta } from "@tanstack/react-table";
import { Copy, Ellipsis, ExternalLink, Trash2 } from "lucide-react";
import { preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { userLabel } from "@/lib/labels";
import type { UserRow } from "@/lib/users-dto";
import { copyText } from "./copy-text";

export function UserRowActions({ user, meta }: { user: UserRow; meta: TableMeta<UserRow> | undefined }) {
  const name = userLabel(user);
  // Absent when the operator's role can't delete (the table leaves it out).
  const requestDelete = meta?.requestDelete;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${name}`}>
        <Ellipsis aria-hidden />
      </DropdownMenuTrigger>
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
    </DropdownMenu>
  );
}
