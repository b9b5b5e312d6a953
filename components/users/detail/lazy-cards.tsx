"use client";

import dynamic from "next/dynamic";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

function CardSkeleton({ lines = 2 }: { lines?: number }) {
  return (
    <Card aria-busy="true">
      <CardHeader>
        <Skeleton className="h-5 w-32" />
        <Skeleton className="h-4 w-64" />
      </CardHeader>
      <CardContent className="grid gap-3">
        {Array.from({ length: lines }, (_, i) => (
          <Skeleton key={i} className="h-9 w-full" />
        ))}
      </CardContent>
    </Card>
  );
}

// The password and metadata editors are split into their own chunks (the rest of the page
// doesn't wait for them to hydrate).
export const LazyPasswordCard = dynamic(() => import("./password-card").then((m) => m.PasswordCard), {
  loading: () => <CardSkeleton />,
});
export const LazyMetadataCard = dynamic(() => import("./metadata-card").then((m) => m.MetadataCard), {
  loading: () => <CardSkeleton lines={4} />,
});
