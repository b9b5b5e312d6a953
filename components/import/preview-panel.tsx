import { Badge } from "@/components/ui/badge";
import type { ImportPreviewDto } from "@/lib/import-dto";
import { IMPORT_TARGET_LABELS } from "@/lib/import-presets";

const n = (v: number) => v.toLocaleString("en");

/** The preview's counts, the invalid rows with their errors, the e-mails already in the project, and a sample. */
export function PreviewPanel({ preview }: { preview: ImportPreviewDto }) {
  const { existing } = preview;
  return (
    <div className="space-y-4" data-testid="import-preview">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Count label="Rows" value={preview.totalRows} />
        <Count label="Valid" value={preview.validRows} testId="import-valid" />
        <Count label="Invalid" value={preview.invalidRows} testId="import-invalid" />
        <Count label="Already in the project" value={existing.rows.length} note={existing.checked < preview.validRows ? `of the first ${n(existing.checked)} checked` : undefined} />
      </dl>

      {preview.errors.length > 0 ? (
        <section aria-labelledby="import-errors">
          <h3 id="import-errors" className="mb-2 text-sm font-medium">
            Invalid rows {preview.invalidRows > preview.errors.length ? `(the first ${n(preview.errors.length)} of ${n(preview.invalidRows)})` : ""}: not imported
          </h3>
          <Rows head={["Row", "E-mail", "Error"]} rows={preview.errors.map((e) => [String(e.row), e.email ?? "—", e.message])} label="Invalid rows" />
        </section>
      ) : null}

      {existing.rows.length > 0 ? (
        <section aria-labelledby="import-existing">
          <h3 id="import-existing" className="mb-2 text-sm font-medium">Already in the project: skipped when imported</h3>
          <Rows head={["Row", "E-mail"]} rows={existing.rows.map((e) => [String(e.row), e.email])} label="Rows whose user exists" />
        </section>
      ) : null}

      {preview.sample.length > 0 ? (
        <section aria-labelledby="import-sample">
          <h3 id="import-sample" className="mb-2 text-sm font-medium">
            First {preview.sample.length === preview.validRows ? "" : `${n(preview.sample.length)} of `}the valid rows
          </h3>
          <Rows
            head={["Row", "E-mail", "Display name", "Verified", "Password", "Metadata"]}
            rows={preview.sample.map((s) => [String(s.row), s.email, s.displayName ?? "—", s.verified ? "yes" : "no", s.passwordHash ? "bcrypt hash" : "—", s.metadata.map((m) => IMPORT_TARGET_LABELS[m]).join(", ") || "—"])}
            label="Valid rows"
          />
        </section>
      ) : null}
    </div>
  );
}

function Count({ label, value, note, testId }: { label: string; value: number; note?: string; testId?: string }) {
  return (
    <div className="rounded-md border px-3 py-2">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {n(value)} {note ? <Badge variant="secondary">{note}</Badge> : null}
      </dd>
    </div>
  );
}

function Rows({ head, rows, label }: { head: string[]; rows: string[][]; label: string }) {
  return (
    <div className="max-h-80 overflow-auto rounded-md border">
      <table className="w-full text-sm">
        <caption className="sr-only">{label}</caption>
        <thead className="sticky top-0 bg-muted text-left text-muted-foreground">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-3 py-1.5 font-medium">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-t">
              {r.map((c, j) => (
                <td key={j} className="px-3 py-1.5 align-top">{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
