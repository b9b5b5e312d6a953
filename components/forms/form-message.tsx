import { ErrorBanner } from "@/components/ui/alert";

export type FormFailure = { code: string; message: string } | null;

/** A form's one message region: always in the DOM, so screen readers announce what appears in it. */
export function FormMessage({ failure }: { failure: FormFailure }) {
  return <div aria-live="polite">{failure ? <ErrorBanner message={failure.message} code={failure.code} /> : null}</div>;
}
