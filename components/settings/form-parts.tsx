"use client";

import type { ComponentProps, FormEventHandler, ReactNode } from "react";
import { FormCardFooter } from "@/components/forms/form-card-footer";
import { FormMessage, type FormFailure } from "@/components/forms/form-message";
import { useUnsavedChangesWarning } from "@/components/forms/use-unsaved-changes";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";

/** One editable settings group: a card holding one form, its message region and its Reset / Save footer. */
export function SettingsFormCard({
  id,
  title,
  description,
  onSubmit,
  dirty,
  pending,
  failure,
  onReset,
  saveLabel,
  canEdit,
  children,
  after,
}: {
  /** The page anchor (`/settings#<id>`), also the base of the heading's id. */
  id: string;
  title: string;
  description: ReactNode;
  onSubmit: FormEventHandler<HTMLFormElement>;
  dirty: boolean;
  pending: boolean;
  failure: FormFailure;
  onReset: () => void;
  saveLabel: string;
  canEdit: boolean;
  children: ReactNode;
  /** Below the form, inside the card (e.g. the test e-mail, which is not part of the save). */
  after?: ReactNode;
}) {
  useUnsavedChangesWarning(dirty);
  return (
    <Card id={id} className="scroll-mt-4">
      <section aria-labelledby={`${id}-title`}>
        <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
          <CardHeader>
            <h2 id={`${id}-title`} className="font-semibold leading-none tracking-tight">
              {title}
            </h2>
            <CardDescription>{description}</CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            {children}
            <FormMessage failure={failure} />
            {dirty ? <p className="text-xs text-muted-foreground">Unsaved changes</p> : null}
          </CardContent>
          {canEdit ? <FormCardFooter dirty={dirty} pending={pending} onReset={onReset} saveLabel={saveLabel} /> : null}
        </form>
        {after}
      </section>
    </Card>
  );
}

/** A labelled switch row; `unavailable` shows the release note instead of a control. */
export function SwitchField({
  id,
  label,
  description,
  unavailable,
  ...input
}: { id: string; label: string; description?: string; unavailable?: boolean } & Omit<ComponentProps<"input">, "id" | "type">) {
  return (
    <div className="flex items-start justify-between gap-4">
      <div className="grid gap-0.5">
        <label htmlFor={unavailable ? undefined : id} className="text-sm font-medium">
          {label}
        </label>
        {description ? (
          <p id={`${id}-description`} className="text-xs text-muted-foreground">
            {description}
          </p>
        ) : null}
        {unavailable ? <p className="text-xs text-muted-foreground">Not available on this Stack server&apos;s release</p> : null}
      </div>
      {unavailable ? null : <Switch id={id} aria-describedby={description ? `${id}-description` : undefined} {...input} />}
    </div>
  );
}

/** The fields of `values` that differ from `saved` (arrays as sets); fields `saved` has as null (not on this release) are never sent. */
export function changedFields<T extends Record<string, unknown>>(values: T, saved: { [K in keyof T]: unknown }): Partial<T> {
  const out: Partial<T> = {};
  const norm = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].sort() : v);
  for (const key of Object.keys(values) as (keyof T)[]) {
    if (saved[key] === null || saved[key] === undefined) continue;
    if (norm(values[key]) !== norm(saved[key])) out[key] = values[key];
  }
  return out;
}
