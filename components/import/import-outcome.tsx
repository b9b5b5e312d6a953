import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ImportStartDto } from "@/lib/import-dto";

const n = (v: number) => v.toLocaleString("en");

/** What the import did: created, skipped (the e-mail already had a user), failed with Stack's code. */
export function ImportOutcome({ started, onAgain }: { started: ImportStartDto; onAgain: () => void }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Import finished</CardTitle>
        <CardDescription>{n(started.items)} valid rows were sent.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <dl className="grid grid-cols-3 gap-3" data-testid="import-outcome">
          {(
            [
              ["Created", started.done, "import-created"],
              ["Skipped: already in the project", started.skipped, "import-skipped"],
              ["Failed", started.failed, "import-failed"],
            ] as const
          ).map(([label, value, id]) => (
            <div key={id} className="rounded-md border px-3 py-2">
              <dt className="text-xs text-muted-foreground">{label}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid={id}>{n(value)}</dd>
            </div>
          ))}
        </dl>
        {started.failures.length > 0 ? (
          <ul className="space-y-1 text-sm">
            {started.failures.map((f) => (
              <li key={f.row}>
                Row {f.row} ({f.email ?? "no e-mail"}): <code className="font-mono text-xs">{f.code}</code> {f.message}
              </li>
            ))}
          </ul>
        ) : null}
        <Button variant="outline" onClick={onAgain}>Import another file</Button>
      </CardContent>
    </Card>
  );
}
