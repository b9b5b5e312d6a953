import { Info } from "lucide-react";

/** Shown when the server lists every team at once (older Stack releases) and the console pages them. */
export function ConsolePagingNote({ bound, truncated }: { bound: number; truncated: boolean }) {
  const n = bound.toLocaleString("en-US");
  return (
    <p className="mb-4 flex gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">
      <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>
        This Stack server is an older release that doesn&apos;t page teams: the console pages and searches up to {n} of them itself
        {truncated ? `. This project has more; only the newest ${n} are listed.` : "."}
      </span>
    </p>
  );
}
