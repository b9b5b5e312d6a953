import { Button } from "@/components/ui/button";
import { CardFooter } from "@/components/ui/card";

/** The Reset / Save footer of an editable settings card (one card, one form, one save). */
export function FormCardFooter({ dirty, pending, onReset, saveLabel }: { dirty: boolean; pending: boolean; onReset: () => void; saveLabel: string }) {
  return (
    <CardFooter className="justify-end">
      <Button variant="ghost" disabled={!dirty || pending} onClick={onReset}>
        Reset
      </Button>
      <Button type="submit" disabled={!dirty} loading={pending}>
        {saveLabel}
      </Button>
    </CardFooter>
  );
}
