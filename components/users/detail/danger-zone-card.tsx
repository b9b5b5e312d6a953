"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DANGEROUS } from "@/lib/dangerous";
import { useDeleteUserDialog } from "../use-delete-user-dialog";

export function DangerZoneCard({ user }: { user: { id: string; primaryEmail: string | null; displayName: string | null; isAnonymous: boolean } }) {
  const router = useRouter();
  // The runner has marked cached lists stale; the list refetches when it shows.
  const del = useDeleteUserDialog(() => router.push("/users"));
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
