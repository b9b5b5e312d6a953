"use client";

import type { TableMeta } from "@tanstack/react-table";
import { Copy, Ellipsis, ExternalLink, Trash2 } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { UserRow } from "@/lib/users-dto";
import { displayNameOf } from "./user-badges";

export async function copyText(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(`${what} copied`);
  } catch {
    toast.error(`Could not copy the ${what.toLowerCase()}; select it and copy by hand.`);
  }
}

export function UserRowActions({ user, meta }: { user: UserRow; meta: TableMeta<UserRow> | undefined }) {
  const name = displayNameOf(user) ?? user.primaryEmail ?? user.id;
  // Absent when the operator's role can't delete (the table leaves it out).
  const requestDelete = meta?.requestDelete;
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${name}`}>
          <Ellipsis aria-hidden />
        </Button>
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
            <DropdownMenuItem danger onSelect={() => requestDelete(user)}>
              <Trash2 aria-hidden />
              Delete…
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
