"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DANGEROUS } from "@/lib/dangerous";
import { invalidateUsersQueries } from "@/lib/query/users-cache";
import { useDeleteUserDialog } from "../use-delete-user-dialog";

export function DangerZoneCard({ user }: { user: { id: string; primaryEmail: string | null; displayName: string | null } }) {
  const router = useRouter();
  const del = useDeleteUserDialog(() => {
    void invalidateUsersQueries();
    router.push("/users");
  });
  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle className="text-destructive">Danger zone</CardTitle>
        <CardDescription>{DANGEROUS.deleteUser.consequence}</CardDescription>
      </CardHeader>
      <CardContent>
        <Button variant="destructive" onPointerEnter={del.preload} onFocus={del.preload} onClick={() => del.openFor(user)}>
          Delete user…
        </Button>
        {del.dialog}
      </CardContent>
    </Card>
  );
}
