"use client";

import { Download, X } from "lucide-react";
import { useId, type ReactNode } from "react";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { AUDIT_RESULTS, auditFilterFields, type AuditListParams } from "@/lib/url-state/audit";

type Filter = Pick<AuditListParams, keyof typeof auditFilterFields>;
const NO_FILTER: Filter = { actor: undefined, action: undefined, target: undefined, result: "all", from: undefined, to: undefined };

function Labelled({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-xs font-medium text-muted-foreground">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

const selectClass = "h-9 rounded-md border border-input bg-background px-2 text-sm";

/** The audit log's filters: each writes the URL (back to page 1); the export link carries the same filter. */
export function AuditFilters({
  params,
  facets,
  onChange,
  exportHref,
}: {
  params: Filter;
  facets: { actors: string[]; actions: string[] };
  onChange: (changes: Partial<Filter>) => void;
  exportHref: string | null;
}) {
  const filtered = (Object.keys(NO_FILTER) as (keyof Filter)[]).some((k) => params[k] !== NO_FILTER[k]);
  return (
    <div className="flex w-full flex-wrap items-end gap-3">
      <Labelled label="Operator">
        {(id) => (
          <select id={id} className={selectClass} value={params.actor ?? ""} onChange={(e) => onChange({ actor: e.target.value || undefined })}>
            <option value="">Anyone</option>
            {facets.actors.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        )}
      </Labelled>
      <Labelled label="Action">
        {(id) => (
          <select id={id} className={selectClass} value={params.action ?? ""} onChange={(e) => onChange({ action: e.target.value || undefined })}>
            <option value="">Any action</option>
            {facets.actions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        )}
      </Labelled>
      <Labelled label="Result">
        {(id) => (
          <select id={id} className={selectClass} value={params.result} onChange={(e) => onChange({ result: e.target.value as Filter["result"] })}>
            {AUDIT_RESULTS.map((r) => (
              <option key={r} value={r}>
                {r === "all" ? "Any result" : r}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      <Labelled label="From (UTC)">
        {(id) => <Input id={id} type="date" className="h-9 w-40" value={params.from ?? ""} onChange={(e) => onChange({ from: e.target.value || undefined })} />}
      </Labelled>
      <Labelled label="To (UTC)">
        {(id) => <Input id={id} type="date" className="h-9 w-40" value={params.to ?? ""} onChange={(e) => onChange({ to: e.target.value || undefined })} />}
      </Labelled>
      <DataTableSearch value={params.target ?? ""} onCommit={(q) => onChange({ target: q })} label="Target id" placeholder="Target id (user, team, key…)" />
      {filtered ? (
        <Button variant="ghost" size="sm" onClick={() => onChange(NO_FILTER)}>
          <X aria-hidden className="size-4" /> Clear filters
        </Button>
      ) : null}
      {exportHref ? (
        // A plain link: the browser downloads the streamed file itself.
        <a href={exportHref} download className={buttonVariants({ variant: "outline", size: "sm" })}>
          <Download aria-hidden /> Export CSV
        </a>
      ) : null}
    </div>
  );
}
