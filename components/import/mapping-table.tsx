"use client";

import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { IMPORT_TARGET_LABELS, IMPORT_TARGETS, METADATA_TARGETS, type ColumnMapping, type ImportTarget, type MetadataTarget } from "@/lib/import-presets";

// One select per column. A metadata field has two choices: the cell is the whole field as a
// JSON object, or the cell is folded into it under a key (several columns, one object).
const FOLD = ".key";
const isMeta = (t: ImportTarget): t is MetadataTarget => (METADATA_TARGETS as readonly string[]).includes(t);
const optionValue = (m: ColumnMapping) => (isMeta(m.target) && m.key !== undefined ? `${m.target}${FOLD}` : m.target);
const keyFor = (label: string) => label.replace(/^.*\./, "").trim().slice(0, 200) || "value";

export function MappingTable({
  labels,
  samples,
  columns,
  onChange,
}: {
  labels: string[];
  /** What the first data row holds in each column, when the file starts with one. */
  samples: string[] | null;
  columns: ColumnMapping[];
  onChange: (columns: ColumnMapping[]) => void;
}) {
  const set = (i: number, m: ColumnMapping) => onChange(columns.map((c, j) => (j === i ? m : c)));
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full text-sm">
        <caption className="sr-only">Column mapping</caption>
        <thead className="bg-muted/50 text-left text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Column</th>
            {samples ? <th scope="col" className="px-3 py-2 font-medium">First row</th> : null}
            <th scope="col" className="px-3 py-2 font-medium">Becomes</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => {
            const m = columns[i] ?? { target: "ignore" };
            const id = `map-${i}`;
            return (
              <tr key={i} className="border-t">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <label htmlFor={id} className="font-mono text-xs">{label}</label>
                </th>
                {samples ? <td className="max-w-48 truncate px-3 py-2 text-muted-foreground" title={samples[i] ?? ""}>{samples[i] ?? ""}</td> : null}
                <td className="px-3 py-2">
                  <div className="flex flex-wrap items-center gap-2">
                    <Select
                      id={id}
                      className="w-64"
                      value={optionValue(m)}
                      onChange={(e) => {
                        const v = e.target.value;
                        if (v.endsWith(FOLD)) set(i, { target: v.slice(0, -FOLD.length) as MetadataTarget, key: m.key ?? keyFor(label) });
                        else set(i, { target: v as ImportTarget });
                      }}
                    >
                      {IMPORT_TARGETS.map((t) =>
                        isMeta(t) ? (
                          [
                            <option key={t} value={t}>{`${IMPORT_TARGET_LABELS[t]} (whole JSON object)`}</option>,
                            <option key={`${t}${FOLD}`} value={`${t}${FOLD}`}>{`${IMPORT_TARGET_LABELS[t]} → a key`}</option>,
                          ]
                        ) : (
                          <option key={t} value={t}>{IMPORT_TARGET_LABELS[t]}</option>
                        ),
                      )}
                    </Select>
                    {isMeta(m.target) && m.key !== undefined ? (
                      <Input aria-label={`Metadata key for ${label}`} className="w-40" value={m.key} maxLength={200} onChange={(e) => set(i, { target: m.target, key: e.target.value })} />
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
