import type { ImportMapping, MetadataTarget, PresetId } from "@/lib/import-presets";

/** What the page learns once a file is uploaded: its first row and the suggested mapping. */
export type ImportUploadDto = {
  uploadId: string;
  fileName: string;
  bytes: number;
  firstRow: string[];
  preset: PresetId | null;
  mapping: ImportMapping;
};

export type ImportRowError = { row: number; email: string | null; message: string };

export type ImportSampleRow = {
  row: number;
  email: string;
  displayName: string | null;
  verified: boolean;
  passwordHash: boolean;
  metadata: MetadataTarget[];
};

/** The preview: nothing has been written. Lists are capped; counts are for the whole file. */
export type ImportPreviewDto = {
  totalRows: number;
  validRows: number;
  invalidRows: number;
  /** The first invalid rows (capped), each with its row number and why. */
  errors: ImportRowError[];
  /** The first valid rows as they would be created. */
  sample: ImportSampleRow[];
  /** Valid rows whose e-mail already belongs to a user of the project, looked up for the first `checked` valid rows. */
  existing: { checked: number; rows: { row: number; email: string }[] };
};

/** A started import: the bulk job over its valid rows. */
export type ImportStartDto = { jobId: string; items: number };
