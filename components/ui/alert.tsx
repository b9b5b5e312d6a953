import { CircleExclamationPoint } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

/** Error callout for failed actions; shows the Stack error code (if any) verbatim for support. */
export function ErrorBanner({
  message,
  code,
  title,
  className,
}: {
  message: ReactNode;
  code?: string | null;
  title?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role="alert"
      className={cn(
        "flex gap-3 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2.5 text-sm text-destructive",
        className,
      )}
    >
      <CircleExclamationPoint className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="min-w-0 space-y-1">
        {title ? <p className="font-medium">{title}</p> : null}
        <p className="break-words text-foreground">{message}</p>
        {code ? (
          <p className="text-xs text-muted-foreground">
            Error code: <code className="font-mono text-destructive">{code}</code>
          </p>
        ) : null}
      </div>
    </div>
  );
}
