"use client";

import { Copy } from "lucide-react";
import { useId, useState } from "react";
import { copyText } from "@/components/users/copy-text";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { SECRET_LABELS, type CreatedApiKey } from "@/lib/api-keys-dto";

/**
 * The new key's secrets, shown once. Stack never returns them again, so the dialog cannot be
 * dismissed (no Escape, no outside click, no close button) until the operator says they copied them.
 */
export function SecretDialog({ created, onDone }: { created: CreatedApiKey | null; onDone: () => void }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const done = () => {
    setCopied(false);
    onDone();
  };
  const many = (created?.secrets.length ?? 0) > 1;
  return (
    <Dialog open={created !== null} onOpenChange={() => {}}>
      <DialogContent dismissible={false} className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Copy the new {many ? "keys" : "key"} now</DialogTitle>
          <DialogDescription>
            {created?.description ? <>“{created.description}”: </> : null}
            this is the only time {many ? "they are" : "it is"} shown. Stack keeps no readable copy and Stack Admin stores none; afterwards only the last four characters are visible.
          </DialogDescription>
        </DialogHeader>
        <ul className="grid gap-3">
          {created?.secrets.map((s) => (
            <li key={s.kind} className="grid gap-1.5">
              <Label htmlFor={`${id}-${s.kind}`}>{SECRET_LABELS[s.kind]}</Label>
              <div className="flex gap-2">
                <input
                  id={`${id}-${s.kind}`}
                  readOnly
                  value={s.value}
                  onFocus={(e) => e.currentTarget.select()}
                  className="h-9 min-w-0 flex-1 rounded-md border bg-muted/40 px-3 font-mono text-xs"
                  spellCheck={false}
                  autoComplete="off"
                />
                <Button variant="outline" onClick={() => void copyText(s.value, SECRET_LABELS[s.kind])} aria-label={`Copy ${SECRET_LABELS[s.kind].toLowerCase()}`}>
                  <Copy aria-hidden /> Copy
                </Button>
              </div>
            </li>
          ))}
        </ul>
        <div className="flex items-start gap-2">
          <Checkbox id={`${id}-copied`} checked={copied} onCheckedChange={(v) => setCopied(v === true)} />
          <Label htmlFor={`${id}-copied`} className="leading-snug">
            I have copied the {many ? "keys" : "key"} and stored {many ? "them" : "it"} safely
          </Label>
        </div>
        <DialogFooter>
          <Button disabled={!copied} onClick={done}>
            Done
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
