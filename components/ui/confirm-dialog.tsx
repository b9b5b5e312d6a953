"use client";

import { useId, useState, useTransition, type ReactNode } from "react";
import { ErrorBanner } from "./alert";
import { Button } from "./button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "./dialog";
import { Input } from "./input";
import { Label } from "./label";

export type ConfirmResult = { ok: true } | { ok: false; message: string; code?: string };

export type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** What will happen: counts, consequences, a before/after diff. */
  description: ReactNode;
  /** The thing being changed, shown by name and id. */
  target: { label: string; id: string };
  /** If set, the operator must type exactly this before the button enables. The server re-checks it. */
  confirmValue?: string;
  /** Destructive button text, e.g. "Delete user". */
  confirmLabel: string;
  /** Receives the typed value (empty string when no confirmValue) so the action can re-check it server-side. */
  onConfirm: (typedValue: string) => Promise<ConfirmResult>;
};

/** The one confirmation for dangerous operations. Not dismissible while the action runs. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  target,
  confirmValue,
  confirmLabel,
  onConfirm,
}: ConfirmDialogProps) {
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<{ message: string; code?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  // Reset whenever the dialog closes, including when the parent closes it directly.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (!open) {
      setTyped("");
      setError(null);
    }
  }

  const matches = confirmValue === undefined || typed === confirmValue;

  function handleOpenChange(next: boolean) {
    if (pending) return;
    onOpenChange(next);
  }

  function confirm() {
    if (!matches || pending) return;
    setError(null);
    startTransition(async () => {
      let result: ConfirmResult;
      try {
        result = await onConfirm(typed);
      } catch {
        result = { ok: false, message: "Something went wrong. Nothing was confirmed; try again." };
      }
      if (result.ok) {
        onOpenChange(false);
      } else {
        setError({ message: result.message, code: result.code });
      }
    });
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogContent dismissible={!pending} aria-busy={pending || undefined}>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            confirm();
          }}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription asChild>
              <div className="space-y-2">{description}</div>
            </DialogDescription>
          </DialogHeader>

          <div className="rounded-md border bg-muted/50 px-3 py-2 text-sm">
            <div className="font-medium break-words">{target.label}</div>
            <div className="font-mono text-xs break-all text-muted-foreground">{target.id}</div>
          </div>

          {confirmValue !== undefined ? (
            <div className="grid gap-1.5">
              <Label htmlFor={inputId}>
                Type <span className="font-mono font-semibold">{confirmValue}</span> to confirm
              </Label>
              <Input
                id={inputId}
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                disabled={pending}
                aria-invalid={typed.length > 0 && !matches ? true : undefined}
              />
            </div>
          ) : null}

          {error ? <ErrorBanner message={error.message} code={error.code} /> : null}

          <DialogFooter>
            <Button variant="outline" disabled={pending} onClick={() => handleOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={!matches} loading={pending}>
              {confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
