import type { ConfigChange } from "@/lib/config/diff";
import type { DangerousChange } from "@/lib/config/danger";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";

const KIND_LABEL: Record<ConfigChange["kind"], string> = { added: "Added", removed: "Removed", changed: "Changed" };

function show(v: unknown): string {
  if (v === undefined) return "—";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/** Is this row (or the group it belongs to) one of the dangerous changes? */
export function isDangerousRow(path: string, dangerous: DangerousChange[]): boolean {
  return dangerous.some((d) => path === d.path || path.startsWith(`${d.path}.`) || path.startsWith(`${d.path}[`) || d.path.startsWith(`${path}.`) || d.path.startsWith(`${path}[`));
}

/** The field-by-field diff the operator reviews; with `selection`, each row can be ticked. */
export function DiffTable({
  changes,
  dangerous = [],
  selection,
  caption,
}: {
  changes: ConfigChange[];
  dangerous?: DangerousChange[];
  selection?: { selected: ReadonlySet<string>; toggle: (path: string, on: boolean) => void };
  caption: string;
}) {
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted/50 text-left">
          <tr>
            {selection ? <th scope="col" className="w-10 px-3 py-2"><span className="sr-only">Copy</span></th> : null}
            <th scope="col" className="px-3 py-2 font-medium">Field</th>
            <th scope="col" className="px-3 py-2 font-medium">Change</th>
            <th scope="col" className="px-3 py-2 font-medium">Before</th>
            <th scope="col" className="px-3 py-2 font-medium">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.path} className="border-t align-top">
              {selection ? (
                <td className="px-3 py-2">
                  <Checkbox aria-label={`Copy ${c.path}`} checked={selection.selected.has(c.path)} onCheckedChange={(on) => selection.toggle(c.path, on)} />
                </td>
              ) : null}
              <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-normal break-all">
                {c.path}
                {isDangerousRow(c.path, dangerous) ? (
                  <Badge variant="destructive" className="ml-2">
                    Dangerous
                  </Badge>
                ) : null}
              </th>
              <td className="px-3 py-2">{KIND_LABEL[c.kind]}</td>
              <td className="px-3 py-2 font-mono text-xs break-all">{show(c.before)}</td>
              <td className="px-3 py-2 font-mono text-xs break-all">{show(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
