"use client";

import type { ComponentProps } from "react";
import { cn } from "./cn";
import { useHydrated } from "./use-hydrated";

export type SwitchProps = Omit<ComponentProps<"input">, "type" | "role"> & {
  onCheckedChange?: (checked: boolean) => void;
};

/**
 * A native checkbox with role="switch" (no client library): labels, forms, fieldset disabling and
 * keyboard (Space) come from the platform. The thumb is the input's ::before.
 */
export function Switch({ className, onCheckedChange, onChange, disabled, ...props }: SwitchProps) {
  // Like the forms: not clickable before hydration (a native toggle would flip without its handler).
  const hydrated = useHydrated();
  return (
    <input
      type="checkbox"
      role="switch"
      className={cn(
        "peer relative inline-flex h-5 w-9 shrink-0 cursor-pointer appearance-none items-center rounded-full border-2 border-transparent bg-input transition-colors checked:bg-primary",
        "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background",
        "disabled:cursor-not-allowed disabled:opacity-50",
        "before:pointer-events-none before:block before:size-4 before:rounded-full before:bg-background before:shadow-sm before:transition-transform checked:before:translate-x-4",
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
