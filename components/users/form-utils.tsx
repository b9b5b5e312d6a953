import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ErrorBanner } from "@/components/ui/alert";

export type FormFailure = { code: string; message: string } | null;

/** Puts the server's fieldErrors back into the form; returns true if any field matched. */
export function applyFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fieldErrors: Record<string, string[]> | undefined,
  fields: readonly Path<T>[],
): boolean {
  let any = false;
  for (const [name, messages] of Object.entries(fieldErrors ?? {})) {
    if (!messages?.[0] || !(fields as readonly string[]).includes(name)) continue;
    setError(name as Path<T>, { type: "server", message: messages[0] });
    any = true;
  }
  return any;
}

/** Form-level message region: announced by screen readers when it changes. */
export function FormMessage({ failure }: { failure: FormFailure }) {
  return <div aria-live="polite">{failure ? <ErrorBanner message={failure.message} code={failure.code} /> : null}</div>;
}

/** For inputs shown read-only to roles that can't save them: reads as static, stays selectable. */
export const readOnlyControl = "read-only:bg-muted/40 read-only:shadow-none";

/** False during SSR and hydration: server-rendered forms keep their inputs disabled until then. */
export { useHydrated } from "@/components/ui/use-hydrated";
