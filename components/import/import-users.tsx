"use client";

import { FileUp, Play, RefreshCw } from "lucide-react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { importUsersAction } from "@/lib/actions/import";
import type { ImportPreviewDto, ImportStartDto, ImportUploadDto } from "@/lib/import-dto";
import { columnLabels, PRESET_IDS, PRESETS, presetMapping, genericMapping, type ImportMapping, type PresetId } from "@/lib/import-presets";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/schemas/import";
import { MappingTable } from "./mapping-table";
import { PreviewPanel } from "./preview-panel";
import { previewImport, uploadCsv } from "./upload-csv";

// Loaded once a job starts: the page's first paint carries only the upload form.
const ImportJob = dynamic(() => import("./import-job"), { ssr: false });

type Problem = { message: string; code?: string };
const problemOf = (err: unknown): Problem => ({ message: (err as Error).message, code: (err as { code?: string }).code });

/** Upload → map the columns → preview (nothing written) → import the valid rows as a job. */
export function ImportUsers({ resumeJobId }: { resumeJobId: string | null }) {
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [upload, setUpload] = useState<ImportUploadDto | null>(null);
  const [preset, setPreset] = useState<PresetId | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [started, setStarted] = useState<Pick<ImportStartDto, "jobId"> & { items: number | null } | null>(resumeJobId ? { jobId: resumeJobId, items: null } : null);
  const router = useRouter();
  const runner = useActionRunner();

  const reset = () => {
    setUpload(null);
    setMapping(null);
    setPreview(null);
    setStarted(null);
    setProblem(null);
    router.replace("/users/import");
  };

  const send = async () => {
    if (!file) return;
    reset();
    setSent(0);
    try {
      const up = await uploadCsv(file, setSent);
      setUpload(up);
      setPreset(up.preset);
      setMapping(up.mapping);
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setSent(null);
    }
  };

  const changeMapping = (m: ImportMapping) => {
    setMapping(m);
    setPreview(null);
  };

  const runPreview = async () => {
    if (!upload || !mapping) return;
    setPreviewing(true);
    setProblem(null);
    try {
      setPreview(await previewImport({ uploadId: upload.uploadId, preset, mapping }));
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setPreviewing(false);
    }
  };

  const start = () => {
    if (!upload || !mapping) return;
    runner.run(() => importUsersAction({ uploadId: upload.uploadId, preset, mapping }), (d) => `Importing ${d.items.toLocaleString("en")} users.`, {
      refresh: false,
      onSuccess: (d) => {
        setStarted(d);
        // In the URL, so a reload shows the same job.
        router.replace(`/users/import?job=${d.jobId}`);
      },
    });
  };

  const labels = upload && mapping ? columnLabels(upload.firstRow, mapping, preset) : [];
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>1. The file</CardTitle>
          <CardDescription>
            A CSV of at most {IMPORT_MAX_BYTES / 1024 / 1024} MB and {IMPORT_MAX_ROWS.toLocaleString("en")} users, such as a user export of Auth0, Clerk, Supabase or Firebase. It is read on the server; nothing is written until you start the import.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap items-center gap-3">
          <label htmlFor={fileId} className="sr-only">CSV file</label>
          <input id={fileId} type="file" accept=".csv,text/csv" className="text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <Button onClick={() => void send()} disabled={!file || sent !== null}>
            <FileUp aria-hidden /> Upload
          </Button>
          {sent !== null ? <span className="text-sm text-muted-foreground" role="status">Uploading… {Math.round(sent * 100)}%</span> : null}
        </CardContent>
      </Card>

      {problem ? <ErrorBanner message={problem.message} code={problem.code} /> : null}

      {upload && mapping && !started ? (
        <Card>
          <CardHeader>
            <CardTitle>2. The columns</CardTitle>
            <CardDescription>
              {upload.fileName}: {upload.firstRow.length} columns. {preset ? `It looks like a ${PRESETS[preset].label} file; the preset's mapping is filled in.` : "No preset recognised it; columns with familiar names are filled in."} Change any of them.
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            <div className="flex flex-wrap items-center gap-4">
              <label className="flex items-center gap-2 text-sm">
                Preset
                <Select
                  className="w-72"
                  value={preset ?? ""}
                  onChange={(e) => {
                    const id = (e.target.value || null) as PresetId | null;
                    setPreset(id);
                    changeMapping(id ? presetMapping(id, upload.firstRow) : genericMapping(upload.firstRow));
                  }}
                >
                  <option value="">None (plain CSV)</option>
                  {PRESET_IDS.map((id) => (
                    <option key={id} value={id}>{PRESETS[id].label}</option>
                  ))}
                </Select>
              </label>
              <label className="flex items-center gap-2 text-sm">
                <Checkbox checked={mapping.hasHeader} onCheckedChange={(hasHeader) => changeMapping({ ...mapping, hasHeader })} />
                The first row is a header
              </label>
              <label className="flex items-center gap-2 text-sm">
                <Checkbox checked={mapping.stripApostrophe} onCheckedChange={(stripApostrophe) => changeMapping({ ...mapping, stripApostrophe })} />
                Drop a leading &apos; from cells (Auth0)
              </label>
            </div>
            <MappingTable labels={labels} samples={mapping.hasHeader ? null : upload.firstRow} columns={mapping.columns} onChange={(columns) => changeMapping({ ...mapping, columns })} />
            <Button variant="outline" onClick={() => void runPreview()} disabled={previewing}>
              {previewing ? <Spinner label="Checking" /> : <RefreshCw aria-hidden />} Preview
            </Button>
          </CardContent>
        </Card>
      ) : null}

      {preview && !started ? (
        <Card>
          <CardHeader>
            <CardTitle>3. Preview</CardTitle>
            <CardDescription>Nothing has been written. Only valid rows are imported; a user whose e-mail already exists is skipped, checked again as each row is written.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            <PreviewPanel preview={preview} />
            <Button onClick={start} disabled={runner.pending || preview.validRows === 0}>
              <Play aria-hidden /> Import {preview.validRows.toLocaleString("en")} valid {preview.validRows === 1 ? "row" : "rows"}
            </Button>
          </CardContent>
        </Card>
      ) : null}

      {started ? (
        <Card>
          <CardHeader>
            <CardTitle>{started.items === null ? "Importing users" : `4. Importing ${started.items.toLocaleString("en")} users`}</CardTitle>
            <CardDescription>The job runs on the server: you can leave or reload this page. Users whose e-mail already exists are reported as skipped.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            <ImportJob jobId={started.jobId} />
            <Button variant="outline" onClick={reset}>Import another file</Button>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
