import { Info } from "lucide-react";
import type { ReactNode } from "react";

/** A short explanatory note inside a card (unsupported feature, admin-credential limits). */
export function SectionNote({ children }: { children: ReactNode }) {
  return (
    <p className="flex gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">
      <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>{children}</span>
    </p>
  );
}
