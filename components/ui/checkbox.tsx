"use client";

import type { ComponentProps } from "react";
import { cn } from "./cn";
import { useHydrated } from "./use-hydrated";

export type CheckboxProps = Omit<ComponentProps<"input">, "type"> & {
  onCheckedChange?: (checked: boolean) => void;
};

/** A native checkbox (no client library), styled; the check mark is the input's ::before. */
export function Checkbox({ className, onCheckedChange, onChange, disabled, ...props }: CheckboxProps) {
  // Like the forms: not clickable before hydration (a native toggle would flip without its handler).
  const hydrated = useHydrated();
  return (
    <input
      type="checkbox"
      className={cn(
        "peer relative size-4 shrink-0 cursor-pointer appearance-none rounded-sm border border-input bg-background shadow-xs",
        "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-1 focus-visible:ring-offset-background",
        "disabled:cursor-not-allowed disabled:opacity-50",
        "checked:border-primary checked:bg-primary checked:text-primary-foreground",
        "before:absolute before:inset-0 before:hidden before:bg-current before:[mask-image:var(--checkbox-mark)] before:[mask-position:center] before:[mask-repeat:no-repeat] before:[mask-size:0.875rem] checked:before:block",
        className,
      )}
      onChange={(event) => {
        onChange?.(event);
        onCheckedChange?.(event.target.checked);
      }}
      disabled={disabled || !hydrated}
      {...props}
    />
  );
}
