"use client";

import type { ComponentProps, CSSProperties } from "react";
import { cn } from "./cn";
import { useHydrated } from "./use-hydrated";

// lucide "check", used as a mask so the mark takes the text colour in both themes.
const CHECK_MARK =
  "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='black' stroke-width='3' stroke-linecap='round' stroke-linejoin='round'%3E%3Cpath d='M20 6 9 17l-5-5'/%3E%3C/svg%3E\")";

export type CheckboxProps = Omit<ComponentProps<"input">, "type"> & {
  onCheckedChange?: (checked: boolean) => void;
};

/** A native checkbox (no client library), styled; the check mark is the input's ::before. */
export function Checkbox({ className, style, onCheckedChange, onChange, disabled, ...props }: CheckboxProps) {
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
      style={{ "--checkbox-mark": CHECK_MARK, ...style } as CSSProperties}
      onChange={(event) => {
        onChange?.(event);
        onCheckedChange?.(event.target.checked);
      }}
      disabled={disabled || !hydrated}
      {...props}
    />
  );
}
