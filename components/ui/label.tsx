import type { ComponentProps } from "react";
import { cn } from "./cn";

// A plain <label>: Radix Label only adds double-click text-selection prevention,
// not worth the client JS.
export function Label({ className, ...props }: ComponentProps<"label">) {
  return (
    <label
      className={cn(
        "text-sm font-medium leading-none text-foreground peer-disabled:cursor-not-allowed peer-disabled:opacity-70",
        className,
      )}
      {...props}
    />
  );
}
